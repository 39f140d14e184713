package dev.cutover.probe.traffic;

import java.util.List;
import java.util.Objects;

/**
 * The traffic the probe sends on the workload's behalf.
 *
 * @param workload the workload's name
 * @param topics one shape per workload topic (declared, literal); empty when it has none
 * @param codecs the compression codecs to try: its client config's {@code compression.type}, or all five
 * @param codecSource why these codecs
 * @param transactional whether the workload uses transactions (a {@code transactional.id} or a transactional match)
 * @param isolationLevel its consumers' {@code isolation.level} (default {@code read_uncommitted})
 * @param autoOffsetReset its consumers' {@code auto.offset.reset} (default {@code latest})
 */
public record WorkloadShape(
        String workload,
        List<TopicShape> topics,
        List<String> codecs,
        String codecSource,
        boolean transactional,
        String isolationLevel,
        String autoOffsetReset) {
    public WorkloadShape {
        Objects.requireNonNull(workload, "workload");
        topics = List.copyOf(topics);
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec");
        }
        Objects.requireNonNull(codecSource, "codecSource");
        Objects.requireNonNull(isolationLevel, "isolationLevel");
        Objects.requireNonNull(autoOffsetReset, "autoOffsetReset");
    }
}
