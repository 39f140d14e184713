package dev.cutover.probe.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A workload writes the same records to both clusters (a dual write): the comparison by content finds them all, at
 * whatever offsets each side gave them, and finds each record that one side lacks or holds otherwise; a consumer's
 * position on one side is placed exactly after the same records on the other, and a position that cannot be placed is
 * said to be unknown, with why.
 */
@ExtendWith(ClustersExtension.class)
class ContentComparisonIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void dualWrittenRecordsMatchAndEachDivergenceIsFound(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given 3 × 100 records written to both sides, stamped over the last minute, the target's offsets shifted by
        // an aborted transaction and by records written there before the dual writes began
        String topic = "dual-compare";
        create(source, topic);
        create(target, topic);
        long now = System.currentTimeMillis();
        long start = now - 60_000;
        try (var aborting = producer(target, "content-it-abort")) {
            aborting.initTransactions();
            aborting.beginTransaction();
            aborting.send(record(topic, 0, start, "aborted", "x", "h"));
            aborting.flush(); // on the broker, then aborted: the record and the marker take offsets 0 and 1
            aborting.abortTransaction();
        }
        try (var s = producer(source, null);
                var t = producer(target, null)) {
            for (int p = 0; p < 3; p++) {
                t.send(record(topic, p, start - 120_000, "before", "older", "h"))
                        .get();
            }
            for (int i = 0; i < 300; i++) {
                int p = i % 3;
                ProducerRecord<byte[], byte[]> r = record(topic, p, start + i * 100L, "k" + i, "v" + i, "h" + i);
                s.send(r).get();
                // the second write is a little later, as it is in an application
                t.send(record(topic, p, start + i * 100L + 5, "k" + i, "v" + i, "h" + i))
                        .get();
            }
        }
        try (ClusterConnection s = ClusterConnection.open(profile("source", source));
                ClusterConnection t = ClusterConnection.open(profile("target", target))) {
            ContentComparison comparison = new ContentComparison(s, t);

            // When they are compared over a window that holds them all
            ContentReport same = comparison.compare(
                    List.of(topic), Instant.ofEpochMilli(now), Duration.ofSeconds(90), Duration.ofSeconds(1), l -> {});

            // Then every record matches
            assertThat(same.topics()).singleElement().satisfies(c -> {
                assertThat(c.sourceRecords()).isEqualTo(300);
                assertThat(c.targetRecords()).isEqualTo(300);
                assertThat(c.matched()).isEqualTo(300);
                assertThat(c.divergent()).isZero();
            });
            assertThat(same.passed()).as(same.summary()).isTrue();

            // and a group's positions on the source are placed after the same records on the target
            ContentPlacement placement = new ContentPlacement(s, t, Duration.ofMinutes(5));
            // partition 1 on the target: "before" at 0, then the dual writes from offset 1 (partition 0 has the
            // aborted transaction and its marker before them too: offsets 0-1, "before" at 2, dual writes from 3)
            assertThat(offset(placement.place(new TopicPartition(topic, 1), 10)))
                    .isEqualTo(11);
            assertThat(offset(placement.place(new TopicPartition(topic, 0), 10)))
                    .isEqualTo(13);
            assertThat(offset(placement.place(new TopicPartition(topic, 0), 100)))
                    .isEqualTo(103);
            // nothing consumed yet: the group reads the first dual-written record next
            assertThat(offset(placement.place(new TopicPartition(topic, 0), 0))).isEqualTo(3);
            // and back: the target's position after the same records on the source
            ContentPlacement back = new ContentPlacement(t, s, Duration.ofMinutes(5));
            assertThat(offset(back.place(new TopicPartition(topic, 0), 13))).isEqualTo(10);
            // a position among the records the source never had cannot be placed
            assertThat(back.place(new TopicPartition(topic, 0), 3))
                    .isInstanceOfSatisfying(ContentPlacement.Placement.Unknown.class, u -> assertThat(u.why())
                            .contains("is not on the source"));
        }

        // When each side gets records the other lacks or holds otherwise
        try (var s = producer(source, null);
                var t = producer(target, null)) {
            long at = now - 2_000;
            s.send(record(topic, 0, at, "lost", "v", "h")).get();
            s.send(record(topic, 1, at, "changed", "old", "h")).get();
            t.send(record(topic, 1, at, "changed", "new", "h")).get();
            t.send(record(topic, 2, at, "stray", "v", "h")).get();
        }
        try (ClusterConnection s = ClusterConnection.open(profile("source", source));
                ClusterConnection t = ClusterConnection.open(profile("target", target))) {
            ContentReport diverged = new ContentComparison(s, t)
                    .compare(
                            List.of(topic),
                            Instant.ofEpochMilli(now),
                            Duration.ofSeconds(90),
                            Duration.ofSeconds(1),
                            l -> {});

            // Then each is counted and shown
            assertThat(diverged.topics()).singleElement().satisfies(c -> {
                assertThat(c.matched()).isEqualTo(300);
                assertThat(c.onlySource()).isEqualTo(1);
                assertThat(c.onlyTarget()).isEqualTo(1);
                assertThat(c.differing()).isEqualTo(1);
                assertThat(c.examples()).anySatisfy(e -> assertThat(e).startsWith("only on the source: 0/100"));
            });
            assertThat(diverged.passed()).isFalse();
            assertThat(diverged.summary()).startsWith("3 record(s) diverge");
        }
    }

    @Test
    void theSameRecordsRepeatedMakeAPositionAmbiguous(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        String topic = "dual-repeated";
        create(source, topic);
        create(target, topic);
        long now = System.currentTimeMillis();
        try (var s = producer(source, null);
                var t = producer(target, null)) {
            for (int i = 0; i < 40; i++) {
                s.send(record(topic, 0, now - 10_000 + i, "heartbeat", "ok", "h"))
                        .get();
                t.send(record(topic, 0, now - 10_000 + i, "heartbeat", "ok", "h"))
                        .get();
            }
        }
        try (ClusterConnection s = ClusterConnection.open(profile("source", source));
                ClusterConnection t = ClusterConnection.open(profile("target", target))) {
            ContentPlacement placement = new ContentPlacement(s, t, Duration.ofMinutes(5));
            assertThat(placement.place(new TopicPartition(topic, 0), 20))
                    .isInstanceOfSatisfying(ContentPlacement.Placement.Unknown.class, u -> assertThat(u.why())
                            .contains("ambiguous"));
            // a partition empty on both sides is placed at the end; one that only the other side holds records of
            // is not placed at all
            assertThat(offset(placement.place(new TopicPartition(topic, 1), 0))).isZero();
            try (var t2 = producer(target, null)) {
                t2.send(record(topic, 2, now, "only", "target", "h")).get();
            }
            assertThat(placement.place(new TopicPartition(topic, 2), 0))
                    .isInstanceOfSatisfying(ContentPlacement.Placement.Unknown.class, u -> assertThat(u.why())
                            .contains("holds no record of dual-repeated-2", "the two sides differ"));
            placement.close();
        }
    }

    private static long offset(ContentPlacement.Placement p) {
        assertThat(p).isInstanceOf(ContentPlacement.Placement.Exact.class);
        return ((ContentPlacement.Placement.Exact) p).offset();
    }

    private static ProducerRecord<byte[], byte[]> record(
            String topic, int partition, long time, String key, String value, String header) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, time, bytes(key), bytes(value));
        r.headers().add("h", bytes(header));
        return r;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void create(EmbeddedCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedCluster cluster, String transactionalId) {
        Map<String, Object> p = new HashMap<>(cluster.adminClientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ConnectionProfile profile(String name, EmbeddedCluster cluster) {
        Map<String, String> props = new HashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ConnectionProfile(name, props, List.of(), TIMEOUT);
    }
}
