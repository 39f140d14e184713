package dev.cutover.link.engine;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a drained copy ended, per partition, once it was committed and released: the link copied every record of the
 * source below {@code sourceEnd} (under read_committed) and nothing at or after it; the copy of the last of them lies
 * below {@code targetEnd}, the first target offset after the link's last copied record.
 */
public record DrainResult(Map<TopicPartition, End> partitions) {
    public record End(long sourceEnd, long targetEnd) {}

    public DrainResult {
        TreeMap<TopicPartition, End> sorted = new TreeMap<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        sorted.putAll(partitions);
        partitions = java.util.Collections.unmodifiableMap(sorted);
    }
}
