package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.Translation;
import dev.cutover.testkit.check.CheckOptions;
import dev.cutover.testkit.check.ReplicationAssert;
import dev.cutover.testkit.check.ReplicationCheck;
import dev.cutover.testkit.check.ReplicationReport;
import dev.cutover.testkit.check.TopicLogs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Runs a link ({@link LinkService}) until a condition holds, and checks what it copied. Shared by the link ITs. */
final class LinkHarness {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private LinkHarness() {}

    /** Partition errors the link reported, by partition (the last reason wins). */
    static final class Errors implements Consumer<LinkEvent> {
        final Map<TopicPartition, String> reasons = new ConcurrentHashMap<>();

        @Override
        public void accept(LinkEvent event) {
            if (event instanceof LinkEvent.PartitionStopped stopped) {
                reasons.put(stopped.partition(), stopped.reason());
            }
        }
    }

    /** A link without the takeover (no crash to recover from in these tests) and without restarts. */
    static LinkHandle start(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Consumer<LinkEvent> listener) {
        return LinkService.start(
                sourceProps,
                targetProps,
                settings,
                listener,
                (props, id, timeout) -> "no takeover in this test",
                RestartPolicy.never());
    }

    /**
     * Runs the link until {@code done}, then stops it cleanly (which commits a last checkpoint); fails if the link
     * failed.
     */
    static void runUntil(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Consumer<LinkEvent> listener,
            Predicate<LinkHandle> done)
            throws Exception {
        try (LinkHandle link = start(sourceProps, targetProps, settings, listener)) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("started; failure: %s", link.failure())
                    .isTrue();
            await(() -> done.test(link) || link.failure().isPresent());
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).as("link ended").isTrue();
            assertThat(link.failure()).as("link failure").isEmpty();
            assertThat(link.state()).isEqualTo(LinkHandle.State.STOPPED);
        }
    }

    static void runUntil(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Predicate<LinkHandle> done)
            throws Exception {
        runUntil(sourceProps, targetProps, settings, event -> {}, done);
    }

    static Map<TopicPartition, PartitionOffsetMap> maps(Map<String, Object> targetProps, LinkTopics topics) {
        return OffsetMapStore.load(targetProps, topics, TIMEOUT).maps();
    }

    static LinkState.Snapshot state(Map<String, Object> targetProps, LinkTopics topics) {
        return LinkState.read(targetProps, topics, TIMEOUT);
    }

    /** Options whose offset mapping is the link's stored map (exact translations only). */
    static CheckOptions withStoredMap(Map<String, Object> targetProps, LinkTopics topics) {
        Map<TopicPartition, PartitionOffsetMap> maps = maps(targetProps, topics);
        return CheckOptions.defaults().offsetMapping((tp, s) -> {
            PartitionOffsetMap map = maps.get(tp);
            if (map == null) {
                return OptionalLong.empty();
            }
            return map.translate(s) instanceof Translation.Exact e ? OptionalLong.of(e.offset()) : OptionalLong.empty();
        });
    }

    /** Every record byte for byte, under both isolation levels of the target, and the stored map for each. */
    static ReplicationReport assertExact(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            String topic,
            LinkTopics topics,
            java.util.function.UnaryOperator<CheckOptions> adjust) {
        ReplicationReport report = ReplicationCheck.compare(
                TopicLogs.read(sourceProps, topic, IsolationLevel.READ_COMMITTED, TIMEOUT),
                TopicLogs.read(targetProps, topic, IsolationLevel.READ_COMMITTED, TIMEOUT),
                TopicLogs.read(targetProps, topic, IsolationLevel.READ_UNCOMMITTED, TIMEOUT),
                adjust.apply(withStoredMap(targetProps, topics)));
        ReplicationAssert.assertThat(report).isClean();
        return report;
    }

    static ReplicationReport assertExact(
            Map<String, Object> sourceProps, Map<String, Object> targetProps, String topic, LinkTopics topics) {
        return assertExact(sourceProps, targetProps, topic, topics, o -> o);
    }

    /**
     * Produces {@code count} plain records (duplicate header keys, null header values, null keys, tombstones) and six
     * transactions of ten records (one in three aborted) over {@code partitions} partitions; returns committed data
     * records.
     */
    static int produceMixed(Map<String, Object> clientProps, String topic, int partitions, int from, int count)
            throws Exception {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        int committed = 0;
        // Recent explicit timestamps: records older than retention.ms (7 days) roll a segment per batch and are
        // deleted by the broker's first retention check, 30 s after it starts, under a running test.
        long base = System.currentTimeMillis() - 60_000;
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("h", bytes("a" + i));
                headers.add("h", bytes("b" + i)); // duplicate key, order matters
                headers.add("null-value", null);
                byte[] key = i % 7 == 0 ? null : bytes("k" + (i % 13));
                byte[] value = i % 11 == 0 ? null : bytes("v" + i); // tombstones
                producer.send(new ProducerRecord<>(topic, i % partitions, base + i, key, value, headers));
                committed++;
            }
        }
        Map<String, Object> tx = new HashMap<>(props);
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "source-tx-" + topic + "-" + from);
        try (var producer = new KafkaProducer<>(tx, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int t = 0; t < 6; t++) {
                producer.beginTransaction();
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(
                            topic, (t + i) % partitions, bytes("tk"), bytes("tx" + from + "-" + t + "-" + i)));
                }
                producer.flush();
                if (t % 3 == 2) {
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                    committed += 10;
                }
            }
        }
        return committed;
    }

    /** Plain records {@code prefix-i} to one partition, acks=all. */
    static void produce(Map<String, Object> clientProps, String topic, int partition, String prefix, int count) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, bytes("k" + i), bytes(prefix + "-" + i)));
            }
            producer.flush();
        }
    }

    /** Waits for the condition; fails at once, with the link's failure, if the link ends first. */
    static void await(LinkHandle link, BooleanSupplier condition) throws InterruptedException {
        await(() -> {
            if (link.failure().isPresent()) {
                throw new AssertionError("the link failed", link.failure().get());
            }
            return condition.getAsBoolean();
        });
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<TopicPartition> partitions(String topic, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(p -> new TopicPartition(topic, p))
                .toList();
    }
}
