package dev.cutover.link.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Records polled while a transaction drains, kept for the next one and sent together, per partition in the order they
 * were read (so that the next batch's {@code readUpTo} covers exactly what was read). Bounded by the caller.
 */
final class Prefetch {
    private Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
    private long bytes;

    boolean isEmpty() {
        return records.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    void add(ConsumerRecords<byte[], byte[]> polled) {
        for (TopicPartition tp : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = polled.records(tp);
            records.computeIfAbsent(tp, k -> new ArrayList<>()).addAll(list);
            for (ConsumerRecord<byte[], byte[]> r : list) {
                bytes += TransactionWriter.size(r);
            }
        }
    }

    Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> take() {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> taken = records;
        records = new LinkedHashMap<>();
        bytes = 0;
        return taken;
    }
}
