package dev.cutover.probe.verify;

import dev.cutover.link.state.LinkTopics;
import dev.cutover.offsets.OffsetMapCodec;
import dev.cutover.offsets.OffsetMapKey;
import dev.cutover.offsets.PartitionOffsetMap;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A test-only link that can damage what it copies: copies a topic record by record (read_committed, same partition,
 * one transaction per record) and stores each partition's offset map in the link's offsets topic in the stored format
 * (a base and chunk 0), so verify reads it as it reads a real link's. {@code tamper} sees each source record and returns
 * the record to write, or null to write it in a transaction that is aborted: the map then claims a copy that
 * read_committed readers never see (a record missing on the target).
 */
final class FakeCopier {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private FakeCopier() {}

    static void copy(
            Map<String, Object> source,
            Map<String, Object> target,
            String link,
            String topic,
            int partitions,
            Map<String, String> targetTopicConfigs,
            UnaryOperator<ConsumerRecord<byte[], byte[]>> tamper)
            throws Exception {
        LinkTopics names = LinkTopics.named(link);
        try (Admin admin = Admin.create(target)) {
            admin.createTopics(List.of(
                            new NewTopic(topic, partitions, (short) 1).configs(targetTopicConfigs),
                            new NewTopic(names.offsets(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();
        }
        Map<String, Object> c = new HashMap<>(source);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> p = new HashMap<>(target);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fake-copier-" + link);
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int partition = 0; partition < partitions; partition++) {
                TopicPartition tp = new TopicPartition(topic, partition);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
                PartitionOffsetMap.Builder map =
                        PartitionOffsetMap.builder(0, 0).sourceLogStart(0).targetLogStart(0);
                while (consumer.position(tp) < end) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        ConsumerRecord<byte[], byte[]> out = tamper.apply(r);
                        producer.beginTransaction();
                        ConsumerRecord<byte[], byte[]> w = out == null ? r : out;
                        long t = producer.send(new ProducerRecord<>(
                                        topic, partition, w.timestamp(), w.key(), w.value(), w.headers()))
                                .get()
                                .offset();
                        if (out == null) {
                            producer.abortTransaction();
                        } else {
                            producer.commitTransaction();
                        }
                        map.copied(r.offset(), t);
                        map.writesNextAt(t + 2); // each transaction ends with a marker
                    }
                }
                map.readUpTo(consumer.position(tp));
                PartitionOffsetMap base = PartitionOffsetMap.builder(0, 0)
                        .sourceLogStart(0)
                        .targetLogStart(0)
                        .build();
                PartitionOffsetMap whole = map.build();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(
                        names.offsets(), 0, OffsetMapKey.base(tp).bytes(), OffsetMapCodec.encode(base)));
                producer.send(new ProducerRecord<>(
                        names.offsets(),
                        0,
                        OffsetMapKey.chunk(tp, 0).bytes(),
                        OffsetMapCodec.encodeIncrement(whole, base.coveredTo())));
                producer.commitTransaction();
            }
        }
    }
}
