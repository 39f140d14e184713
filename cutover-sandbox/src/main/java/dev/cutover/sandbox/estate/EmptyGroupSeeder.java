package dev.cutover.sandbox.estate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves a consumer group with committed offsets and no members: a consumer assigns itself the group's topics, reads
 * what is there, commits its position once and closes — like a nightly batch job between runs.
 */
final class EmptyGroupSeeder {
    private static final Logger log = LoggerFactory.getLogger(EmptyGroupSeeder.class);

    private EmptyGroupSeeder() {}

    /** Commits once, retrying transient failures until {@code timeout}; returns the offsets committed. */
    static Map<TopicPartition, OffsetAndMetadata> commitOnce(
            SeededClient client, Map<String, Object> props, Duration timeout) {
        long start = System.nanoTime();
        while (true) {
            try {
                return commit(client, props);
            } catch (RuntimeException e) {
                Duration up = Duration.ofNanos(System.nanoTime() - start);
                if (up.compareTo(timeout) > 0 || Failures.isFatal(e, up)) {
                    throw new IllegalStateException(
                            "estate client " + client.clientId() + " could not commit offsets for group "
                                    + client.groupId().orElseThrow(),
                            e);
                }
                log.debug("estate client {} failed to commit, retrying: {}", client.clientId(), e.toString());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> commit(SeededClient client, Map<String, Object> props) {
        try (var consumer =
                new KafkaConsumer<>(new HashMap<>(props), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = client.consumes().stream()
                    .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(10)).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int read = 0;
            while (read == 0 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = partitions.stream()
                    .collect(Collectors.toMap(
                            p -> p,
                            p -> new OffsetAndMetadata(consumer.position(p, Duration.ofSeconds(10)), "archived")));
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(3)));
            return offsets;
        }
    }
}
