package dev.cutover.probe.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads a probe topic from its start to the end offsets seen when reading starts, within a deadline. */
final class ReadBack {
    private ReadBack() {}

    /** What was read, and whether every partition was read to its end in time. */
    record Result(List<ConsumerRecord<byte[], byte[]>> records, boolean complete) {
        /** The records that carry a probe id as their first header (the shaped ones). */
        List<ProbeRecord> probeRecords() {
            return records.stream()
                    .filter(r -> {
                        var headers = r.headers().toArray();
                        return headers.length > 0 && headers[0].key().equals(ProbeRecord.ID_HEADER);
                    })
                    .map(ProbeRecord::of)
                    .toList();
        }
    }

    static Result all(TrafficClients clients, String topic, String isolation, long largest) {
        long deadline = System.nanoTime() + clients.timeout().toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(null, isolation, "earliest", largest)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, clients.timeout())) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, clients.timeout());
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            while (!atEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    return new Result(read, false);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            }
            return new Result(read, true);
        }
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
