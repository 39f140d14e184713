package dev.cutover.link.groups;

import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.sandbox.EmbeddedCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A stand-in for the link, for tests: copies one topic record by record (read_committed consumer → producer, same
 * partition, key, value, headers and timestamp), records which source offset went to which target offset, and stores
 * the resulting {@link PartitionOffsetMap}s the way the link does ({@link OffsetMapStore.Writer}).
 */
final class FakeLink implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<TopicPartition, PartitionOffsetMap.Builder> maps = new HashMap<>();
    private final Map<TopicPartition, PartitionOffsetMap> bases = new HashMap<>();
    private final Map<TopicPartition, OffsetMapStore.Writer> writers = new HashMap<>();

    /** Creates the topic on the target (same partition count) and the link's offsets topic; starts at offset 0. */
    FakeLink(EmbeddedCluster source, EmbeddedCluster target, LinkTopics link, String topic, int partitions)
            throws Exception {
        this.topic = topic;
        try (Admin admin = target.admin()) {
            create(admin, new NewTopic(topic, partitions, (short) 1));
            create(admin, new NewTopic(link.offsets(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        }
        Map<String, Object> c = new HashMap<>(source.adminClientProperties());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> p = new HashMap<>(target.adminClientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        List<TopicPartition> tps = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(i -> new TopicPartition(topic, i))
                .toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        for (TopicPartition tp : tps) {
            PartitionOffsetMap.Builder b =
                    PartitionOffsetMap.builder(0, 0).sourceLogStart(0).targetLogStart(0);
            maps.put(tp, b);
            bases.put(tp, b.build());
            writers.put(tp, OffsetMapStore.Writer.fresh(link, tp, bases.get(tp), OffsetMapStore.CHUNK_BYTES));
        }
    }

    /** Copies everything the source holds now (up to its last stable offset) and stores the maps. */
    void copyAll() throws Exception {
        copyUpTo(Map.of());
    }

    /**
     * Copies each partition up to {@code limits} (exclusive; partitions not named: to the end), leaving the source
     * position there, and stores the maps.
     */
    void copyUpTo(Map<Integer, Long> limits) throws Exception {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), TIMEOUT);
        Map<TopicPartition, Long> goal = new HashMap<>();
        end.forEach((tp, e) -> goal.put(tp, Math.min(e, limits.getOrDefault(tp.partition(), Long.MAX_VALUE))));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (goal.entrySet().stream().anyMatch(g -> consumer.position(g.getKey()) < g.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fake link did not reach " + goal);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() >= goal.get(tp) || r.offset() < maps.get(tp).coveredTo()) {
                    continue;
                }
                RecordMetadata m = producer.send(new ProducerRecord<>(
                                topic, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()))
                        .get();
                maps.get(tp).copied(r.offset(), m.offset());
            }
            for (TopicPartition tp : goal.keySet()) {
                if (consumer.position(tp) > goal.get(tp)) {
                    consumer.seek(tp, goal.get(tp));
                }
            }
        }
        for (TopicPartition tp : goal.keySet()) {
            maps.get(tp).readUpTo(Math.max(maps.get(tp).coveredTo(), consumer.position(tp)));
            for (ProducerRecord<byte[], byte[]> r :
                    writers.get(tp).recordsFor(maps.get(tp).build(), bases.get(tp))) {
                producer.send(r).get();
            }
        }
        producer.flush();
    }

    PartitionOffsetMap map(int partition) {
        return maps.get(new TopicPartition(topic, partition)).build();
    }

    private static void create(Admin admin, NewTopic topic) throws InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new AssertionError("cannot create " + topic.name(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
