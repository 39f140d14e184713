package dev.cutover.probe.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verify against topics the real link ({@link LinkService}) copied: awkward estates that must show no difference.
 * (The cases that must show differences are in {@link VerifyDamageIT}.)
 */
@ExtendWith(ClustersExtension.class)
class VerifyLinkIT {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;

    @Test
    void mixedRecordsAcrossRestartsATruncatedHeadAndALinkStillCopyingShowNoDifference(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a topic of plain records (headers, null keys, tombstones) and committed and aborted transactions,
        // copied by a link that was stopped and restarted three times, with more records produced between runs
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "verify-mixed";
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        LinkSettings settings = LinkSettings.defaults("verify-mixed")
                .include(topic)
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        long[] committed = new long[PARTITIONS];
        for (int run = 0; run < 3; run++) {
            produceMixed(s, topic, run * 100, 60, committed);
            try (LinkHandle link = LinkService.start(s, t, settings, event -> {})) {
                assertThat(link.awaitStarted(TIMEOUT))
                        .as("started: %s", link.failure())
                        .isTrue();
                link.awaitCoverage(ends(s, topic), TIMEOUT);
                link.stop();
                assertThat(link.awaitEnded(TIMEOUT)).isTrue();
            }
        }
        // and the source's head deleted on partition 0 after the link copied it
        try (Admin admin = Admin.create(s)) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(5)))
                    .all()
                    .get();
        }

        // When verify runs while the link copies again and a writer goes on producing
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get() && i < 5_000; i++) {
                produceMixed(s, topic, 10_000 + i * 10, 3, new long[PARTITIONS]);
            }
        });
        VerifyReport full;
        VerifyReport sampled;
        try (LinkHandle link = LinkService.start(s, t, settings, event -> {})) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            writer.start();
            link.awaitCoverage(ends(s, topic), TIMEOUT);
            full = verify(source, target, "verify-mixed", OptionalInt.empty());
            sampled = verify(source, target, "verify-mixed", OptionalInt.of(25));
        } finally {
            writing.set(false);
            writer.join(TIMEOUT.toMillis());
        }

        // Then no difference, and every record the link committed was compared
        assertThat(full.verdict()).as("%s", full).isEqualTo(VerifyReport.Verdict.NO_DIFFERENCE);
        VerifyReport.TopicResult result = full.topics().get(0);
        assertThat(result.partitions()).hasSize(PARTITIONS);
        for (VerifyReport.PartitionResult p : result.partitions()) {
            Counts c = p.counts();
            assertThat(p.firstMismatch()).as("partition %s", p.partition()).isNull();
            assertThat(c.differences()).isZero();
            assertThat(c.compared())
                    .isEqualTo(c.sourceRecords())
                    .isEqualTo(c.targetRecords())
                    .isEqualTo(p.mappedRecords());
            long expected = p.partition() == 0 ? committed[0] - 5 : committed[p.partition()];
            assertThat(c.compared())
                    .as("partition %s compares at least what was produced before the last run", p.partition())
                    .isGreaterThanOrEqualTo(expected);
        }
        VerifyReport.PartitionResult truncated = result.partitions().get(0);
        assertThat(truncated.sourceFrom()).isEqualTo(5);
        assertThat(truncated.from()).isEqualTo(VerifiedRange.SOURCE_LOG_START);
        assertThat(result.partitions().get(1).from()).isEqualTo(VerifiedRange.LINK_START);
        assertThat(result.committed()).startsWith("the link has committed source offsets up to ");

        // And a sample finds no difference either, comparing at most 25 records per partition
        assertThat(sampled.verdict()).isEqualTo(VerifyReport.Verdict.NO_DIFFERENCE);
        assertThat(sampled.summary().compared()).isBetween((long) PARTITIONS, PARTITIONS * 25L);
        assertThat(sampled.proves()).contains("rule of three");
    }

    static VerifyReport verify(EmbeddedCluster source, EmbeddedCluster target, String link, OptionalInt sample)
            throws Exception {
        try (Admin s = source.admin();
                Admin t = target.admin()) {
            return new Verifier(
                            source.adminClientProperties(),
                            target.adminClientProperties(),
                            TopicConfigs.of(s, t, TIMEOUT))
                    .verify(
                            LinkTopics.named(link),
                            new Verifier.Request(Pattern.compile("verify-.*"), Optional.empty(), sample, TIMEOUT));
        }
    }

    /** The source's read_committed end offsets: what the link must cover. */
    static Map<TopicPartition, Long> ends(Map<String, Object> props, String topic) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(tps, TIMEOUT);
        }
    }

    /**
     * {@code count} plain records (duplicate header keys, a null header value, null keys, tombstones) then two
     * transactions of {@code PARTITIONS} records, the second aborted; adds the committed records per partition.
     */
    static void produceMixed(Map<String, Object> clientProps, String topic, int from, int count, long[] committed) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("h", bytes("a" + i));
                headers.add("h", bytes("b" + i));
                headers.add("null-value", null);
                byte[] key = i % 7 == 0 ? null : bytes("k" + (i % 13));
                byte[] value = i % 11 == 0 ? null : bytes("v" + i);
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, key, value, headers));
                committed[i % PARTITIONS]++;
            }
        }
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "verify-tx-" + topic + "-" + from);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (int tx = 0; tx < 2; tx++) {
                producer.beginTransaction();
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>(topic, p, bytes("tk"), bytes("tx" + from + "-" + tx)));
                }
                if (tx == 1) {
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                    for (int p = 0; p < PARTITIONS; p++) {
                        committed[p]++;
                    }
                }
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
