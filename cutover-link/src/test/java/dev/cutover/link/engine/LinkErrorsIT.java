package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.assertExact;
import static dev.cutover.link.engine.LinkHarness.bytes;
import static dev.cutover.link.engine.LinkHarness.runUntil;
import static dev.cutover.link.engine.LinkHarness.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.check.LoggedRecord;
import dev.cutover.testkit.check.PartitionLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records the target refuses for their timestamp: each stops its own partition, before it is sent, with the record
 * (topic, partition, offset), its timestamp and the target's bound in the status; the other partitions go on and what
 * was copied before it is exact.
 *
 * <p>The source brokers accept any timestamp, as Kafka 3.x brokers do by default; the target is a Kafka 4 broker, whose
 * default {@code log.message.timestamp.after.max.ms} is one hour, with {@code log.message.timestamp.before.max.ms} set
 * to one day. The source topics override neither bound, so the target topics get the target's defaults.
 */
class LinkErrorsIT {
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private static EmbeddedCluster source;
    private static EmbeddedCluster target;

    @BeforeAll
    static void start() {
        source = EmbeddedCluster.start(EmbeddedCluster.Options.named("errors-source")
                .brokerConfig(Map.of("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE))));
        target = EmbeddedCluster.start(EmbeddedCluster.Options.named("errors-target")
                .brokerConfig(Map.of("log.message.timestamp.before.max.ms", Long.toString(DAY_MS))));
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    private static LinkSettings settings(String link, String include) {
        return LinkSettings.defaults(link).include(include).lease(Duration.ofMillis(1500), Duration.ofMillis(500));
    }

    @Test
    void aRecordTooFarInTheFutureForTheTargetStopsItsPartitionAloneNamingItsTimestampAndTheBound() throws Exception {
        // Given a source partition whose record at offset 5 is stamped two days ahead
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "ts-future";
        createTopic(s, topic, 3, Map.of());
        long now = System.currentTimeMillis();
        long future = now + 2 * DAY_MS;
        produceAt(s, topic, 0, now - 60_000, 5, 0);
        produce(s, topic, 0, future, "from-the-future");
        produceAt(s, topic, 0, now - 50_000, 4, 6);
        produceAt(s, topic, 1, now - 60_000, 20, 0);
        produceAt(s, topic, 2, now - 60_000, 20, 0);

        // When the link runs
        TopicPartition p0 = new TopicPartition(topic, 0);
        LinkHarness.Errors errors = new LinkHarness.Errors();
        LinkSettings settings = settings("ts-future", topic);
        runUntil(s, t, settings, errors, e -> e.copied() >= 45 && errors.reasons.containsKey(p0));

        // Then p0 alone stops, its status naming the record, its timestamp and the target's bound
        long bound = targetTopicConfig(topic, "message.timestamp.after.max.ms");
        assertThat(bound)
                .as("Kafka 4's default bound")
                .isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(errors.reasons).containsOnlyKeys(p0);
        LinkState.PartitionStatus status =
                state(t, settings.topics()).partitions().get(p0);
        assertThat(status.state()).isEqualTo(PartitionState.ERROR);
        assertThat(status.reason())
                .contains("source offset 5 of " + topic + "-0")
                .contains("timestamp " + future)
                .contains("message.timestamp.after.max.ms (" + bound + " ms)")
                .contains("the target would reject it");
        assertThat(status.replicatedTo()).isEqualTo(5);
        assertCopiedExactlyUpTo(s, t, p0, 5);
        assertExact(s, t, topic, settings.topics(), o -> o.from(0, 10, endOffset(t, p0)));
        for (int p = 1; p < 3; p++) {
            assertThat(state(t, settings.topics())
                            .partitions()
                            .get(new TopicPartition(topic, p))
                            .state())
                    .isEqualTo(PartitionState.CAUGHT_UP);
        }
    }

    @Test
    void aRecordOlderThanTheTargetAdmitsStopsItsPartitionAloneNamingItsTimestampAndTheBound() throws Exception {
        // Given a source partition whose record at offset 3 is three days old (the topic keeps data forever, so the
        // source's retention does not delete it first)
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "ts-past";
        createTopic(s, topic, 2, Map.of("retention.ms", "-1"));
        long now = System.currentTimeMillis();
        long past = now - 3 * DAY_MS;
        produceAt(s, topic, 1, now - 60_000, 3, 0);
        produce(s, topic, 1, past, "from-the-past");
        produceAt(s, topic, 1, now - 50_000, 2, 4);
        produceAt(s, topic, 0, now - 60_000, 10, 0);

        // When the link runs
        TopicPartition p1 = new TopicPartition(topic, 1);
        LinkHarness.Errors errors = new LinkHarness.Errors();
        LinkSettings settings = settings("ts-past", topic);
        runUntil(s, t, settings, errors, e -> e.copied() >= 13 && errors.reasons.containsKey(p1));

        // Then p1 alone stops, naming the record, its timestamp and the bound
        assertThat(targetTopicConfig(topic, "message.timestamp.before.max.ms")).isEqualTo(DAY_MS);
        assertThat(errors.reasons).containsOnlyKeys(p1);
        LinkState.PartitionStatus status =
                state(t, settings.topics()).partitions().get(p1);
        assertThat(status.state()).isEqualTo(PartitionState.ERROR);
        assertThat(status.reason())
                .contains("source offset 3 of " + topic + "-1")
                .contains("timestamp " + past)
                .contains("message.timestamp.before.max.ms (" + DAY_MS + " ms)");
        assertThat(status.replicatedTo()).isEqualTo(3);
        assertCopiedExactlyUpTo(s, t, p1, 3);
        assertExact(s, t, topic, settings.topics(), o -> o.from(1, 6, endOffset(t, p1)));
        assertThat(state(t, settings.topics())
                        .partitions()
                        .get(new TopicPartition(topic, 0))
                        .state())
                .isEqualTo(PartitionState.CAUGHT_UP);
    }

    /** The target partition holds exactly the first {@code count} source records, and no aborted data. */
    private static void assertCopiedExactlyUpTo(
            Map<String, Object> s, Map<String, Object> t, TopicPartition tp, int count) {
        List<LoggedRecord> src =
                PartitionLog.read(s, tp, IsolationLevel.READ_COMMITTED, TIMEOUT).records();
        List<LoggedRecord> dst =
                PartitionLog.read(t, tp, IsolationLevel.READ_COMMITTED, TIMEOUT).records();
        assertThat(dst).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(dst.get(i).differences(src.get(i)))
                    .as(tp + " record " + i)
                    .isEmpty();
        }
        assertThat(PartitionLog.read(t, tp, IsolationLevel.READ_UNCOMMITTED, TIMEOUT)
                        .records())
                .as("read_uncommitted == read_committed on " + tp)
                .isEqualTo(dst);
    }

    static void createTopic(Map<String, Object> props, String topic, int partitions, Map<String, String> cfg)
            throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(cfg)))
                    .all()
                    .get();
        }
    }

    private static long targetTopicConfig(String topic, String name) throws Exception {
        try (Admin admin = target.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return Long.parseLong(admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get(name)
                    .value());
        }
    }

    private static long endOffset(Map<String, Object> props, TopicPartition tp) {
        try (var c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return c.endOffsets(List.of(tp), TIMEOUT).get(tp);
        }
    }

    /** {@code count} records {@code v<from+i>} stamped {@code base + i}, in order, acks=all. */
    private static void produceAt(
            Map<String, Object> props, String topic, int partition, long base, int count, int from) throws Exception {
        try (var producer = producer(props)) {
            for (int i = 0; i < count; i++) {
                String value = "v" + (from + i);
                producer.send(new ProducerRecord<>(topic, partition, base + i, bytes("k-" + value), bytes(value)))
                        .get();
            }
        }
    }

    private static void produce(Map<String, Object> props, String topic, int partition, long ts, String value)
            throws Exception {
        try (var producer = producer(props)) {
            producer.send(new ProducerRecord<>(topic, partition, ts, bytes("k-" + value), bytes(value)))
                    .get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> clientProps) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
