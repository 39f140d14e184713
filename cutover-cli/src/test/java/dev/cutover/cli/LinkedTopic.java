package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test fixture for the {@code offsets} ITs: a linked topic of {@value #PARTITIONS} partitions holding, per partition,
 * 10 plain records (0-9), an aborted transaction (10-12, marker 13), a committed one (14-16, marker 17) and 5 plain
 * records (18-22); a fake link copies them (target offsets 0-17: source 0-9 → 0-9, 14-16 → 10-12, 18-22 → 13-17) and
 * stores its offset maps as the link does. Values are {@code <topic>-<partition>-<tag><i>}: a0-a9, x0-x2 (aborted),
 * c0-c2, b0-b4.
 */
final class LinkedTopic {
    static final int PARTITIONS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LinkedTopic() {}

    /** Seeds the topic on the source (layout above) and copies it to the target with the fake link. */
    static void create(EmbeddedCluster source, EmbeddedCluster target, String topic) throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, Object> p = new HashMap<>(source.adminClientProperties());
        try (var plain = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            send(plain, topic, "a", 10);
        }
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "seed-" + topic);
        try (var tx = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            send(tx, topic, "x", 3);
            tx.abortTransaction();
            tx.beginTransaction();
            send(tx, topic, "c", 3);
            tx.commitTransaction();
        }
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        try (var plain = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            send(plain, topic, "b", 5);
        }
        copy(source, target, topic);
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String tag, int perPartition) {
        for (int i = 0; i < perPartition; i++) {
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(topic, p, "k" + i, topic + "-" + p + "-" + tag + i));
            }
        }
        producer.flush();
    }

    /**
     * A fake link: copies the whole topic (read_committed, same partition, key, value, headers, timestamp) and stores
     * each partition's offset map as the link does.
     */
    private static void copy(EmbeddedCluster source, EmbeddedCluster target, String topic) throws Exception {
        LinkTopics link = LinkTopics.named(LinkTopics.DEFAULT_LINK);
        try (Admin admin = target.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get();
            try {
                admin.createTopics(List.of(new NewTopic(link.offsets(), 1, (short) 1)
                                .configs(Map.of("cleanup.policy", "compact"))))
                        .all()
                        .get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Map<String, Object> c = new HashMap<>(source.adminClientProperties());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> p = new HashMap<>(target.adminClientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                TopicPartition tp = new TopicPartition(topic, partition);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
                PartitionOffsetMap.Builder map =
                        PartitionOffsetMap.builder(0, 0).sourceLogStart(0).targetLogStart(0);
                PartitionOffsetMap base = map.build();
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (consumer.position(tp) < end) {
                    assertThat(System.nanoTime())
                            .as("fake link reaches the end")
                            .isLessThan(deadline);
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long targetOffset = producer.send(new ProducerRecord<>(
                                        topic, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()))
                                .get()
                                .offset();
                        map.copied(r.offset(), targetOffset);
                    }
                }
                map.readUpTo(consumer.position(tp));
                for (var r : OffsetMapStore.Writer.fresh(link, tp, base, OffsetMapStore.CHUNK_BYTES)
                        .recordsFor(map.build(), base)) {
                    producer.send(r).get();
                }
            }
        }
    }

    static void commit(Admin admin, String group, String topic, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> o = new HashMap<>();
        offsets.forEach((p, off) -> o.put(new TopicPartition(topic, p), new OffsetAndMetadata(off)));
        admin.alterConsumerGroupOffsets(group, o).all().get();
    }

    static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .forEach((tp, o) -> {
                    if (o != null) {
                        out.put(tp, o.offset());
                    }
                });
        return out;
    }
}
