package dev.cutover.offsets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a small compacted topic (a link's offsets or state topic) from its beginning to its end under {@code
 * read_committed}, without a consumer group: what is returned is exactly what the link's committed transactions
 * wrote, in log order.
 */
public final class CommittedTopicReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private CommittedTopicReader() {}

    /**
     * Every committed record of {@code topic}, partition by partition in log order; empty if the topic does not exist.
     *
     * @param props client properties of the cluster; {@code group.id} is ignored, auto-commit is off
     * @throws TimeoutException when the topic's metadata, its end offsets or its end are not reached within {@code
     *     timeout}
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            Map<String, Object> props, String topic, Duration timeout) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(POLL).forEach(out::add);
            }
        }
        return out;
    }
}
