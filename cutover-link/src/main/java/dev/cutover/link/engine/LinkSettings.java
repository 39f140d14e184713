package dev.cutover.link.engine;

import dev.cutover.config.LinkConfig;
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
 * @param metadataRefresh how often the running link re-reads the source's topics and follows them: new partitions,
 *     config changes, new matching topics, deleted or recreated topics, target topics that now conflict
 * @param alsoInclude topics copied although a built-in exclusion (Kafka Connect's internal topics) would leave them out
 * @param schemaIds whether and how schema ids of wire-format records are checked (or rewritten) against the target's
 *     registry; empty: copied unchecked
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
        int mapChunkBytes,
        Duration metadataRefresh,
        java.util.Set<String> alsoInclude,
        Optional<dev.cutover.link.schemas.SchemaIdPolicy> schemaIds) {
    /** The default {@link #metadataRefresh()}: a few cheap Admin calls per interval. */
    public static final Duration DEFAULT_METADATA_REFRESH = Duration.ofSeconds(30);

    /** The default {@link #lease()} of a link started from the command line or cutover.yaml. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    public LinkSettings {
        principalMapping = java.util.Map.copyOf(principalMapping);
        alsoInclude = java.util.Set.copyOf(alsoInclude);
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(include, "include");
        Objects.requireNonNull(exclude, "exclude");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(maxBytesPerSecond, "maxBytesPerSecond");
        Objects.requireNonNull(metadataRefresh, "metadataRefresh");
        Objects.requireNonNull(schemaIds, "schemaIds");
        if (metadataRefresh.isNegative() || metadataRefresh.isZero()) {
            throw new IllegalArgumentException("the metadata refresh interval must be positive");
        }
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
                OffsetMapStore.CHUNK_BYTES,
                DEFAULT_METADATA_REFRESH,
                java.util.Set.of(),
                Optional.empty());
    }

    /** These settings with schema ids checked (or rewritten) as {@code policy} says, or unchecked when empty. */
    public LinkSettings schemaIds(Optional<dev.cutover.link.schemas.SchemaIdPolicy> policy) {
        return with(b -> b.schemaIds = policy);
    }

    public LinkSettings include(String regex) {
        return with(b -> b.include = Pattern.compile(regex));
    }

    public LinkSettings exclude(String regex) {
        return with(b -> b.exclude = Optional.of(Pattern.compile(regex)));
    }

    public LinkSettings from(StartFrom start) {
        return with(b -> b.from = start);
    }

    public LinkSettings maxBytesPerSecond(long bytes) {
        return with(b -> b.maxBytesPerSecond = OptionalLong.of(bytes));
    }

    public LinkSettings security(boolean sync, java.util.Map<String, String> mapping) {
        return with(b -> {
            b.syncSecurity = sync;
            b.principalMapping = mapping;
        });
    }

    public LinkSettings lease(Duration duration, Duration checkpoint) {
        return with(b -> {
            b.lease = duration;
            b.checkpointInterval = checkpoint;
        });
    }

    /** Size at which offset-map chunks close; only tests of chunking and trimming want other than the default. */
    public LinkSettings mapChunkBytes(int bytes) {
        return with(b -> b.mapChunkBytes = bytes);
    }

    /** How long the link waits for a cluster before it calls it unreachable (the profiles' {@code timeout}). */
    public LinkSettings timeout(Duration timeout) {
        return with(b -> b.timeout = timeout);
    }

    /** Topics to copy although a built-in exclusion would leave them out (Kafka Connect's internal topics). */
    public LinkSettings alsoInclude(java.util.Collection<String> topics) {
        return with(b -> b.alsoInclude = java.util.Set.copyOf(topics));
    }

    /** How often the running link follows the source's topics (default {@link #DEFAULT_METADATA_REFRESH}). */
    public LinkSettings metadataRefresh(Duration interval) {
        return with(b -> b.metadataRefresh = interval);
    }

    /** The name of the link that copies a link's turned-around topics back (target → source). */
    public static String reverseName(String link) {
        return link + "-reverse";
    }

    /**
     * The settings of this link's reverse copy: named {@link #reverseName}, copying exactly {@code topics}, each
     * partition from the exact target offset where its writers took over ({@code starts}, into a source topic that
     * holds the history), throttled and timed as this link; no ACL or quota sync (that goes source → target only).
     */
    LinkSettings reverse(
            java.util.Set<String> topics, java.util.Map<org.apache.kafka.common.TopicPartition, Long> starts) {
        String regex = topics.stream().sorted().map(Pattern::quote).collect(java.util.stream.Collectors.joining("|"));
        return with(b -> {
            b.topics = new LinkTopics(this.topics.prefix(), reverseName(this.topics.link()));
            b.include = Pattern.compile(regex.isEmpty() ? "(?!)" : regex);
            b.exclude = Optional.empty();
            b.alsoInclude = java.util.Set.copyOf(topics);
            b.from = new StartFrom.Exact(starts, new StartFrom.Latest());
            b.syncSecurity = false;
            b.principalMapping = java.util.Map.of();
            b.schemaIds = Optional.empty();
        });
    }

    /** A copy with some components changed; the compact constructor validates the result. */
    private LinkSettings with(java.util.function.Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return new LinkSettings(
                b.topics,
                b.include,
                b.exclude,
                b.from,
                b.maxBytesPerSecond,
                b.checkpointInterval,
                b.lease,
                b.timeout,
                b.syncSecurity,
                b.principalMapping,
                b.mapChunkBytes,
                b.metadataRefresh,
                b.alsoInclude,
                b.schemaIds);
    }

    /** The components of a settings being copied, for {@link #with}. */
    private static final class Copy {
        LinkTopics topics;
        Pattern include;
        Optional<Pattern> exclude;
        StartFrom from;
        OptionalLong maxBytesPerSecond;
        Duration checkpointInterval;
        Duration lease;
        Duration timeout;
        boolean syncSecurity;
        java.util.Map<String, String> principalMapping;
        int mapChunkBytes;
        Duration metadataRefresh;
        java.util.Set<String> alsoInclude;
        Optional<dev.cutover.link.schemas.SchemaIdPolicy> schemaIds;

        Copy(LinkSettings s) {
            topics = s.topics;
            include = s.include;
            exclude = s.exclude;
            from = s.from;
            maxBytesPerSecond = s.maxBytesPerSecond;
            checkpointInterval = s.checkpointInterval;
            lease = s.lease;
            timeout = s.timeout;
            syncSecurity = s.syncSecurity;
            principalMapping = s.principalMapping;
            mapChunkBytes = s.mapChunkBytes;
            metadataRefresh = s.metadataRefresh;
            alsoInclude = s.alsoInclude;
            schemaIds = s.schemaIds;
        }
    }

    /**
     * The settings a {@link LinkConfig} (cutover.yaml's {@code links.<name>}, with {@code link start}'s flags laid
     * over it) describes; what it leaves out is the default. The checkpoint interval follows the lease (a fifth of it,
     * at least 200 ms), so that a live instance renews its lease several times before it expires.
     *
     * @throws IllegalArgumentException if {@code from} is not one of its forms (the config parser checks it first)
     */
    public static LinkSettings of(LinkConfig config) {
        LinkSettings s = defaults(config.name());
        if (config.topics().isPresent()) {
            s = s.include(config.topics().get());
        }
        if (config.exclude().isPresent()) {
            s = s.exclude(config.exclude().get());
        }
        if (config.from().isPresent()) {
            s = s.from(StartFrom.parse(config.from().get()));
        }
        if (config.maxBytesPerSecond().isPresent()) {
            s = s.maxBytesPerSecond(config.maxBytesPerSecond().getAsLong());
        }
        Duration lease = config.lease().orElse(DEFAULT_LEASE);
        s = s.lease(lease, Duration.ofMillis(Math.max(200, lease.toMillis() / 5)));
        s = s.security(config.syncSecurity().orElse(true), config.principalMap());
        s = s.alsoInclude(config.alsoInclude());
        return s.metadataRefresh(config.metadataRefresh().orElse(DEFAULT_METADATA_REFRESH));
    }
}
