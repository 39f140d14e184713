package dev.cutover.link.engine;

import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * How a link runs.
 *
 * @param topics the link's name and internal topic names
 * @param include source topics to copy (full match)
 * @param exclude source topics not to copy, on top of the internal and tool topics that are never copied
 * @param from where to start partitions that have no progress yet
 * @param maxBytesPerSecond throttle on copied bytes (key + value + headers), if any
 * @param checkpointInterval how often the offset map, statuses and the lease are written (in the data transaction)
 * @param lease how long a running instance's claim holds without renewal; a new instance waits this long
 * @param timeout how long to wait for a cluster before failing
 * @param syncSecurity whether topic, group and transactional-id ACLs (of the linked topics) and client quotas follow
 * @param principalMapping source principal → target principal, for ACLs and user quotas (e.g. {@code User:alice} →
 *     {@code User:alice@corp})
 * @param mapChunkBytes size at which a partition's open offset-map chunk is closed ({@link
 *     OffsetMapStore#CHUNK_BYTES} by default); smaller values only serve tests of chunking and trimming
 */
public record LinkSettings(
        LinkTopics topics,
        Pattern include,
        Optional<Pattern> exclude,
        StartFrom from,
        OptionalLong maxBytesPerSecond,
        Duration checkpointInterval,
        Duration lease,
        Duration timeout,
        boolean syncSecurity,
        java.util.Map<String, String> principalMapping,
        int mapChunkBytes) {
    public LinkSettings {
        principalMapping = java.util.Map.copyOf(principalMapping);
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(include, "include");
        Objects.requireNonNull(exclude, "exclude");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(maxBytesPerSecond, "maxBytesPerSecond");
        if (lease.compareTo(checkpointInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("the lease must be at least 3 checkpoint intervals");
        }
        if (mapChunkBytes < 16) {
            throw new IllegalArgumentException("mapChunkBytes must be at least 16");
        }
    }

    public static LinkSettings defaults(String link) {
        return new LinkSettings(
                LinkTopics.named(link),
                Pattern.compile(".*"),
                Optional.empty(),
                new StartFrom.Earliest(),
                OptionalLong.empty(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                true,
                java.util.Map.of(),
                OffsetMapStore.CHUNK_BYTES);
    }

    public LinkSettings include(String regex) {
        return new LinkSettings(
                topics,
                Pattern.compile(regex),
                exclude,
                from,
                maxBytesPerSecond,
                checkpointInterval,
                lease,
                timeout,
                syncSecurity,
                principalMapping,
                mapChunkBytes);
    }

    public LinkSettings exclude(String regex) {
        return new LinkSettings(
                topics,
                include,
                Optional.of(Pattern.compile(regex)),
                from,
                maxBytesPerSecond,
                checkpointInterval,
                lease,
                timeout,
                syncSecurity,
                principalMapping,
                mapChunkBytes);
    }

    public LinkSettings from(StartFrom start) {
        return new LinkSettings(
                topics,
                include,
                exclude,
                start,
                maxBytesPerSecond,
                checkpointInterval,
                lease,
                timeout,
                syncSecurity,
                principalMapping,
                mapChunkBytes);
    }

    public LinkSettings maxBytesPerSecond(long bytes) {
        return new LinkSettings(
                topics,
                include,
                exclude,
                from,
                OptionalLong.of(bytes),
                checkpointInterval,
                lease,
                timeout,
                syncSecurity,
                principalMapping,
                mapChunkBytes);
    }

    public LinkSettings security(boolean sync, java.util.Map<String, String> mapping) {
        return new LinkSettings(
                topics,
                include,
                exclude,
                from,
                maxBytesPerSecond,
                checkpointInterval,
                lease,
                timeout,
                sync,
                mapping,
                mapChunkBytes);
    }

    public LinkSettings lease(Duration duration, Duration checkpoint) {
        return new LinkSettings(
                topics,
                include,
                exclude,
                from,
                maxBytesPerSecond,
                checkpoint,
                duration,
                timeout,
                syncSecurity,
                principalMapping,
                mapChunkBytes);
    }

    public LinkSettings mapChunkBytes(int bytes) {
        return new LinkSettings(
                topics,
                include,
                exclude,
                from,
                maxBytesPerSecond,
                checkpointInterval,
                lease,
                timeout,
                syncSecurity,
                principalMapping,
                bytes);
    }
}
