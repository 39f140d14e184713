package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.Translation;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClustersExtension.class)
class LinkEngineIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void copiesEveryCommittedRecordExactlyOnceAndResumesAfterAStop(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a source topic with every awkward kind of record, and transactions with aborts
        String topic = "mixed";
        try (var admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        int committed = produceMixed(source, topic, 0, 300);
        LinkSettings settings =
                LinkSettings.defaults("it").include(topic).lease(Duration.ofSeconds(6), Duration.ofSeconds(1));

        // When the link runs until it has copied them, then stops
        runUntil(source, target, settings, engine -> engine.copiedTotal() >= committed);
        assertExact(source, target, topic, settings.topics());

        // And more records arrive while it is stopped, and it starts again
        int more = produceMixed(source, topic, 300, 200);
        runUntil(source, target, settings, engine -> engine.copiedTotal() >= more);

        // Then the target holds every committed record once, in order, byte for byte, and the map is exact
        assertExact(source, target, topic, settings.topics());
        LinkState.Snapshot state = LinkState.read(target.adminClientProperties(), settings.topics(), TIMEOUT);
        assertThat(state.identity()).get().satisfies(id -> {
            assertThat(id.sourceClusterId()).isEqualTo(source.clusterId());
            assertThat(id.targetClusterId()).isEqualTo(target.clusterId());
        });
        assertThat(state.partitions()).hasSize(3).allSatisfy((tp, s) -> assertThat(s.state())
                .isEqualTo("caught-up"));
    }

    /** Produces {@code count} plain records and some transactions (one in three aborted); returns committed data records. */
    private static int produceMixed(EmbeddedCluster source, String topic, int from, int count) throws Exception {
        Map<String, Object> props = new HashMap<>(source.adminClientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        int committed = 0;
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("h", bytes("a" + i));
                headers.add("h", bytes("b" + i)); // duplicate key, order matters
                headers.add("null-value", null);
                byte[] key = i % 7 == 0 ? null : bytes("k" + (i % 13));
                byte[] value = i % 11 == 0 ? null : bytes("v" + i); // tombstones
                producer.send(new ProducerRecord<>(topic, i % 3, 1_700_000_000_000L + i, key, value, headers));
                committed++;
            }
        }
        Map<String, Object> tx = new HashMap<>(props);
        tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "source-tx-" + from);
        try (var producer = new KafkaProducer<>(tx, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int t = 0; t < 6; t++) {
                producer.beginTransaction();
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(
                            topic, (t + i) % 3, bytes("tk"), bytes("tx" + from + "-" + t + "-" + i)));
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

    private static void runUntil(
            EmbeddedCluster source,
            EmbeddedCluster target,
            LinkSettings settings,
            java.util.function.Predicate<LinkEngine> done)
            throws Exception {
        try (LinkEngine engine = new LinkEngine(
                source.adminClientProperties(),
                target.adminClientProperties(),
                settings,
                new LinkEngine.Listener() {},
                (props, id, timeout) -> "no takeover in this test")) {
            Thread thread = new Thread(engine::run, "link-it");
            Throwable[] failure = new Throwable[1];
            thread.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
            thread.start();
            await(() -> done.test(engine) || failure[0] != null);
            Thread.sleep(1500); // let a checkpoint land
            engine.stop();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(failure[0]).as("engine failure").isNull();
        }
    }

    private static void assertExact(EmbeddedCluster source, EmbeddedCluster target, String topic, LinkTopics topics) {
        Map<TopicPartition, PartitionOffsetMap> maps = OffsetMapStore.load(
                        target.adminClientProperties(), topics, TIMEOUT)
                .maps();
        CheckOptions options = CheckOptions.defaults().offsetMapping((tp, s) -> {
            PartitionOffsetMap map = maps.get(tp);
            if (map == null) {
                return OptionalLong.empty();
            }
            return map.translate(s) instanceof Translation.Exact e ? OptionalLong.of(e.offset()) : OptionalLong.empty();
        });
        ReplicationReport report = ReplicationCheck.compare(
                TopicLogs.read(source.adminClientProperties(), topic, IsolationLevel.READ_COMMITTED, TIMEOUT),
                TopicLogs.read(target.adminClientProperties(), topic, IsolationLevel.READ_COMMITTED, TIMEOUT),
                TopicLogs.read(target.adminClientProperties(), topic, IsolationLevel.READ_UNCOMMITTED, TIMEOUT),
                options);
        ReplicationAssert.assertThat(report).isClean();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
