package dev.cutover.probe.verify;

import static dev.cutover.probe.verify.VerifyLinkIT.TIMEOUT;
import static dev.cutover.probe.verify.VerifyLinkIT.bytes;
import static dev.cutover.probe.verify.VerifyLinkIT.ends;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A compacted topic with tombstones, compacted on the source after the link copied it (the cleaner really runs: a
 * cluster of its own with a 100 ms cleaner backoff): the target holds copies of records the source no longer has, and
 * verify must count them as compacted away, not as differences.
 */
@ExtendWith(ClustersExtension.class)
class VerifyCompactionIT {

    @Test
    void recordsCompactedAwayOnTheSourceAfterTheCopyAreNotADifference(@Cluster("target") EmbeddedCluster target)
            throws Exception {
        try (EmbeddedCluster source = EmbeddedCluster.start(EmbeddedCluster.Options.named("verify-compacting")
                .brokerConfig(Map.of("log.cleaner.backoff.ms", "100")))) {
            // Given a compacted topic whose cleaner is held back (a long compaction lag), copied by the link
            var s = source.adminClientProperties();
            var t = target.adminClientProperties();
            String topic = "verify-compacted";
            TopicPartition tp = new TopicPartition(topic, 0);
            try (Admin admin = Admin.create(s)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                                .configs(Map.of(
                                        "cleanup.policy", "compact",
                                        "segment.ms", "100",
                                        "min.cleanable.dirty.ratio", "0.01",
                                        "min.compaction.lag.ms", "3600000",
                                        "delete.retention.ms", "3600000"))))
                        .all()
                        .get();
            }
            int produced = produceKeyed(s, topic, 0, 120);
            LinkSettings settings = LinkSettings.defaults("verify-compacted")
                    .include(topic)
                    .lease(java.time.Duration.ofMillis(1500), java.time.Duration.ofMillis(500));
            try (LinkHandle link = LinkService.start(s, t, settings, event -> {})) {
                assertThat(link.awaitStarted(TIMEOUT)).isTrue();
                link.awaitCoverage(ends(s, topic), TIMEOUT);
                link.stop();
                assertThat(link.awaitEnded(TIMEOUT)).isTrue();
            }

            // When the cleaner is let go and runs (records keep arriving so that segments roll), until the source
            // holds fewer than half of the records the link copied
            alter(s, topic, "min.compaction.lag.ms", "0");
            int round = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (survivorsBelow(s, tp, produced) > produced / 2) {
                assertThat(System.nanoTime())
                        .as("the cleaner compacts the copied records")
                        .isLessThan(deadline);
                produceKeyed(s, topic, 1000 + round++ * 10, 10);
            }
            alter(s, topic, "min.compaction.lag.ms", "3600000");
            VerifyReport report = VerifyLinkIT.verify(source, target, "verify-compacted", OptionalInt.empty());

            // Then no difference; the copies whose originals compaction removed are counted as such
            assertThat(report.verdict()).as("%s", report).isEqualTo(VerifyReport.Verdict.NO_DIFFERENCE);
            VerifyReport.TopicResult result = report.topics().get(0);
            assertThat(result.compactedSource()).isTrue();
            Counts c = result.counts();
            assertThat(c.compactedAway()).isGreaterThanOrEqualTo(produced / 2);
            assertThat(c.compared() + c.compactedAway()).isEqualTo(produced);
            assertThat(c.targetRecords()).isEqualTo(produced);
        }
    }

    /** Records with keys k0..k9 (a tombstone every sixth); returns how many. */
    private static int produceKeyed(Map<String, Object> props, String topic, int from, int count) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                byte[] value = i % 6 == 0 ? null : bytes("v" + i);
                producer.send(new ProducerRecord<>(topic, 0, bytes("k" + (i % 10)), value));
            }
        }
        return count;
    }

    /** How many records below {@code end} the source still holds. */
    private static long survivorsBelow(Map<String, Object> props, TopicPartition tp, long end) {
        Map<String, Object> c = new HashMap<>(props);
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long n = 0;
            while (consumer.position(tp) < end) {
                n += consumer.poll(java.time.Duration.ofMillis(100)).records(tp).stream()
                        .filter(r -> r.offset() < end)
                        .count();
            }
            return n;
        }
    }

    private static void alter(Map<String, Object> props, String topic, String key, String value) throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, topic),
                            List.of(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
    }
}
