package dev.cutover.orchestrator.watch;

import java.util.List;
import java.util.Objects;

/**
 * A consumer group's lag on one cluster at one instant: per partition with a committed offset, the end a consumer of
 * the group's isolation level can read to (the high watermark for {@code read_uncommitted}, the last stable offset for
 * {@code read_committed}) minus the committed offset, never below 0.
 *
 * @param isolation {@code READ_COMMITTED} or {@code READ_UNCOMMITTED}: which end was read
 * @param partitions one entry per committed partition whose end was read
 * @param unknown partitions with a committed offset whose end could not be read, each with the reason, e.g. {@code
 *     "orders-3: This server does not host this topic-partition"}
 */
public record GroupLag(
        String group, String cluster, String isolation, List<PartitionLag> partitions, List<String> unknown) {
    public GroupLag {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(isolation, "isolation");
        partitions = List.copyOf(partitions);
        unknown = List.copyOf(unknown);
    }

    /** The sum of the partitions' lag (the partitions in {@link #unknown} are not in it). */
    public long total() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Whether every committed partition was read and none has anything left to read. */
    public boolean caughtUp() {
        return unknown.isEmpty() && total() == 0;
    }

    /** One partition's lag. */
    public record PartitionLag(String topic, int partition, long committed, long end, long lag) {
        public PartitionLag {
            Objects.requireNonNull(topic, "topic");
        }
    }
}
