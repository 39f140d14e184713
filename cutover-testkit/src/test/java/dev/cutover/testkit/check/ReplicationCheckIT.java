package dev.cutover.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClustersExtension.class)
class ReplicationCheckIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;
    private static final long BASE_TS = 1_700_000_000_000L;
    private static final IsolationLevel RC = IsolationLevel.READ_COMMITTED;
    private static final IsolationLevel RU = IsolationLevel.READ_UNCOMMITTED;

    @Test
    void aCorrectCopyIsClean(@Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target)
            throws Exception {
        // Given an awkward source topic and a naive but correct copy of it
        String topic = "clean";
        seed(source, topic);
        createTopic(target, topic);
        Map<TopicPartition, Map<Long, Long>> map = copy(source, target, topic);

        // When
        TopicLogs sourceLogs = TopicLogs.read(source.adminClientProperties(), topic, RC, TIMEOUT);
        ReplicationReport report = check(source, target, topic, map);

        // Then the source really holds what makes copying hard
        List<LoggedRecord> all = sourceLogs.partitions().values().stream()
                .flatMap(p -> p.records().stream())
                .toList();
        assertThat(all).anyMatch(r -> r.value() == null && r.key() != null);
        assertThat(all).anyMatch(r -> r.key() == null);
        assertThat(all)
                .anyMatch(r -> r.headers().size() == 3
                        && r.headers().get(0).key().equals(r.headers().get(1).key())
                        && r.headers().get(2).value() == null);
        assertThat(all).noneMatch(r -> new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.UTF_8)
                .startsWith("aborted"));
        TopicLogs sourceUncommitted = TopicLogs.read(source.adminClientProperties(), topic, RU, TIMEOUT);
        assertThat(sourceUncommitted.recordCount()).isEqualTo(sourceLogs.recordCount() + PARTITIONS);

        // and the copy is clean, offset map included
        ReplicationAssert.assertThat(report).isClean();
        assertThat(report.partitions()).hasSize(PARTITIONS);
        assertThat(report.partitions().stream()
                        .mapToLong(PartitionReport::sourceRecords)
                        .sum())
                .isEqualTo(sourceLogs.recordCount());

        // and a group translated through the map resumes exactly; one off either way does not
        PartitionLog p0 = sourceLogs.partition(0).orElseThrow();
        long committed = p0.records().get(p0.size() / 2).offset();
        long translated = map.get(new TopicPartition(topic, 0)).get(committed);
        assertThat(report.resume(0, committed, translated).isExact()).isTrue();
        assertThat(report.resume(0, committed, translated - 1).replayed()).isEqualTo(1);
        assertThat(report.resume(0, committed, translated + 1).skipped()).isEqualTo(1);
    }

    @Test
    void eachBreakIsNamedWithItsOffsets(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a clean copy
        String topic = "broken";
        seed(source, topic);
        createTopic(target, topic);
        Map<TopicPartition, Map<Long, Long>> map = copy(source, target, topic);
        TopicLogs sourceLogs = TopicLogs.read(source.adminClientProperties(), topic, RC, TIMEOUT);
        LoggedRecord firstOfP0 = sourceLogs.partition(0).orElseThrow().records().get(0);
        LoggedRecord someOfP2 = sourceLogs.partition(2).orElseThrow().records().get(3);

        // When: a duplicate on p0, a foreign record on p1, an aborted copy on p2
        long duplicate;
        long foreign;
        long aborted;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(target, null))) {
            duplicate =
                    producer.send(asProducerRecord(topic, 0, firstOfP0)).get().offset();
            foreign = producer.send(new ProducerRecord<>(topic, 1, bytes("stranger"), bytes("hello")))
                    .get()
                    .offset();
        }
        try (KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(producerProps(target, "breaker"))) {
            tx.initTransactions();
            tx.beginTransaction();
            aborted = tx.send(asProducerRecord(topic, 2, someOfP2)).get().offset();
            tx.abortTransaction();
        }
        ReplicationReport report = check(source, target, topic, map);

        // Then
        assertThat(report.isClean()).isFalse();
        PartitionReport p0 = report.partition(0);
        assertThat(p0.readCommitted().duplicated().samples())
                .containsExactly(new Discrepancy(
                        Discrepancy.Kind.DUPLICATED,
                        OptionalLong.of(firstOfP0.offset()),
                        OptionalLong.of(duplicate),
                        p0.readCommitted().duplicated().samples().get(0).detail()));
        PartitionReport p1 = report.partition(1);
        assertThat(p1.readCommitted().phantom().samples()).singleElement().satisfies(d -> {
            assertThat(d.targetOffset()).hasValue(foreign);
            assertThat(d.detail()).startsWith("foreign");
        });
        PartitionReport p2 = report.partition(2);
        assertThat(p2.readCommitted().isClean()).isTrue();
        assertThat(p2.readUncommitted().phantom().samples()).singleElement().satisfies(d -> {
            assertThat(d.targetOffset()).hasValue(aborted);
            assertThat(d.detail()).startsWith("uncommitted copy of source@" + someOfP2.offset());
        });
        ReplicationAssert.assertThat(report)
                .hasCount(RC, Discrepancy.Kind.DUPLICATED, 1)
                .hasCount(RC, Discrepancy.Kind.PHANTOM, 1)
                .hasCount(RU, Discrepancy.Kind.DUPLICATED, 1)
                .hasCount(RU, Discrepancy.Kind.PHANTOM, 2);
        for (Discrepancy.Kind kind :
                List.of(Discrepancy.Kind.LOST, Discrepancy.Kind.REORDERED, Discrepancy.Kind.ALTERED)) {
            ReplicationAssert.assertThat(report).hasCount(RC, kind, 0).hasCount(RU, kind, 0);
        }
        assertThat(report.offsetMapMismatches()).isZero();
        System.out.println(report);
    }

    private static ReplicationReport check(
            EmbeddedCluster source, EmbeddedCluster target, String topic, Map<TopicPartition, Map<Long, Long>> map) {
        TopicLogs sourceLogs = TopicLogs.read(source.adminClientProperties(), topic, RC, TIMEOUT);
        TopicLogs committed = TopicLogs.read(target.adminClientProperties(), topic, RC, TIMEOUT);
        TopicLogs uncommitted = TopicLogs.read(target.adminClientProperties(), topic, RU, TIMEOUT);
        OffsetMapping mapping = (tp, s) -> {
            Long t = map.getOrDefault(tp, Map.of()).get(s);
            return t == null ? OptionalLong.empty() : OptionalLong.of(t);
        };
        return ReplicationCheck.compare(
                sourceLogs, committed, uncommitted, CheckOptions.defaults().offsetMapping(mapping));
    }

    /** Keys and null keys, tombstones, duplicate header keys and null header values, repeats, transactions. */
    private static void seed(EmbeddedCluster source, String topic) throws Exception {
        createTopic(source, topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(source, null))) {
            for (int i = 0; i < 60; i++) {
                RecordHeaders headers = new RecordHeaders();
                if (i % 4 == 0) {
                    headers.add(new RecordHeader("h", bytes("first")));
                    headers.add(new RecordHeader("h", bytes("second")));
                    headers.add(new RecordHeader("n", null));
                }
                byte[] key = i % 5 == 0 ? null : bytes("key-" + i);
                byte[] value = i % 7 == 3 ? null : bytes("value-" + i);
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, BASE_TS + i, key, value, headers));
            }
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, BASE_TS, bytes("same"), bytes("same")));
            }
            producer.flush();
        }
        try (KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(producerProps(source, "seed-" + topic))) {
            tx.initTransactions();
            tx.beginTransaction();
            for (int p = 0; p < PARTITIONS; p++) {
                tx.send(new ProducerRecord<>(topic, p, BASE_TS + 100 + p, bytes("tx"), bytes("committed-" + p)));
            }
            tx.commitTransaction();
            tx.beginTransaction();
            for (int p = 0; p < PARTITIONS; p++) {
                tx.send(new ProducerRecord<>(topic, p, BASE_TS + 200 + p, bytes("tx"), bytes("aborted-" + p)));
            }
            tx.flush();
            tx.abortTransaction();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(source, null))) {
            for (int i = 0; i < 9; i++) {
                producer.send(
                        new ProducerRecord<>(topic, i % PARTITIONS, BASE_TS + 300 + i, null, bytes("after-" + i)));
            }
            producer.flush();
        }
    }

    /**
     * The naive link: read_committed consumer from the beginning, one synchronous send per record to the same
     * partition with the same timestamp, key, value and headers. Returns source offset → target offset.
     */
    private static Map<TopicPartition, Map<Long, Long>> copy(
            EmbeddedCluster source, EmbeddedCluster target, String topic) throws Exception {
        Map<TopicPartition, Map<Long, Long>> map = new HashMap<>();
        Map<String, Object> consumerProps = new HashMap<>(source.adminClientProperties());
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(target, null))) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("copy deadline").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(topic, r.partition());
                    long offset = producer.send(new ProducerRecord<>(
                                    topic,
                                    r.partition(),
                                    r.timestamp(),
                                    r.key(),
                                    r.value(),
                                    new RecordHeaders(r.headers().toArray())))
                            .get(30, TimeUnit.SECONDS)
                            .offset();
                    map.computeIfAbsent(tp, x -> new HashMap<>()).put(r.offset(), offset);
                }
            }
        }
        return map;
    }

    private static ProducerRecord<byte[], byte[]> asProducerRecord(String topic, int partition, LoggedRecord r) {
        RecordHeaders headers = new RecordHeaders();
        r.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
        return new ProducerRecord<>(topic, partition, r.timestamp(), r.key(), r.value(), headers);
    }

    private static Map<String, Object> producerProps(EmbeddedCluster cluster, String transactionalId) {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return props;
    }

    private static void createTopic(EmbeddedCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
