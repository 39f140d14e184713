package dev.cutover.probe.traffic;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on the target, as Kafka's tools compute it: per partition with a committed offset, the
 * partition's end offset (high watermark) minus the committed offset; never below 0. In offsets, not records:
 * transaction markers take offsets too.
 *
 * @param group the group
 * @param partitions the partitions with a committed offset and a known end
 * @param total the sum of their lags
 * @param max the partition with the largest lag, if any
 * @param maxLag its lag
 * @param ahead partitions whose committed offset is beyond the end (their lag counts as 0)
 * @param noEnd partitions with a committed offset whose end the target did not give
 */
record GroupLag(
        String group,
        int partitions,
        long total,
        Optional<TopicPartition> max,
        long maxLag,
        List<TopicPartition> ahead,
        List<TopicPartition> noEnd) {
    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    GroupLag {
        ahead = List.copyOf(ahead);
        noEnd = List.copyOf(noEnd);
    }

    static GroupLag of(String group, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> sorted = new TreeMap<>(ORDER);
        sorted.putAll(committed);
        long total = 0;
        long maxLag = -1;
        TopicPartition max = null;
        int partitions = 0;
        List<TopicPartition> ahead = new java.util.ArrayList<>();
        List<TopicPartition> noEnd = new java.util.ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : sorted.entrySet()) {
            Long end = ends.get(e.getKey());
            if (end == null) {
                noEnd.add(e.getKey());
                continue;
            }
            partitions++;
            long lag = end - e.getValue();
            if (lag < 0) {
                ahead.add(e.getKey());
                lag = 0;
            }
            total += lag;
            if (lag > maxLag) {
                maxLag = lag;
                max = e.getKey();
            }
        }
        return new GroupLag(group, partitions, total, Optional.ofNullable(max), Math.max(0, maxLag), ahead, noEnd);
    }

    /** E.g. {@code lag 40 over 2 partition(s), max 25 on orders-1}. */
    String describe() {
        StringBuilder s = new StringBuilder("lag ")
                .append(total)
                .append(" over ")
                .append(partitions)
                .append(" partition(s)");
        max.ifPresent(tp -> s.append(", max ").append(maxLag).append(" on ").append(tp));
        if (!ahead.isEmpty()) {
            s.append("; committed beyond the end (counted as 0) on ").append(ahead);
        }
        return s.toString();
    }
}
