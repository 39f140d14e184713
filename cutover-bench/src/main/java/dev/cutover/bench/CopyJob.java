package dev.cutover.bench;

import java.util.Map;

/**
 * One copy a {@link Replicator} is asked to make: every record of {@code topic} on the source, to the topic of the same
 * name on the target. {@code records}, {@code valueSize} and {@code seed} describe how {@link SourceFiller} filled the
 * source topic, so a contender that writes instead of copying (the {@linkplain WriteLimitReplicator write limit}) can
 * write the very same records.
 */
public record CopyJob(
        Map<String, Object> source,
        Map<String, Object> target,
        String topic,
        int partitions,
        long records,
        int valueSize,
        long seed) {
    public CopyJob {
        source = Map.copyOf(source);
        target = Map.copyOf(target);
    }
}
