package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.assertExact;
import static dev.cutover.link.engine.LinkHarness.bytes;
import static dev.cutover.link.engine.LinkHarness.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.groups.GroupOffsets;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.OffsetMaps;
import dev.cutover.link.groups.SyncOptions;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.GroupResume;
import dev.cutover.testkit.check.ReplicationReport;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Coverage across transaction markers: a partition written by transactional producers ends with a marker, which the
 * link never copies; the link must still cover it (the map's coverage reaches the source's end), durably, whether or
 * not records follow, so that a group committed at the end or on a marker moves exactly, and the partition shows as
 * caught up.
 *
 * <p>Layout of each partition of {@code cov} (one transactional producer per partition, five records per
 * transaction): partition 0 = commit, commit, commit (offsets 0-4, marker 5, 6-10, marker 11, 12-16, marker 17);
 * partition 1 = commit, commit, abort (0-4, marker 5, 6-10, marker 11, aborted 12-16, marker 17). After the link's
 * first run, one more aborted transaction on both (aborted 18-22, marker 23; end 24): what the restarted link finds
 * holds no record it may copy, only aborted data and markers, so no poll of it ever returns a record.
 */
@ExtendWith(ClustersExtension.class)
class LinkCoverageIT {
    private static final String TOPIC = "cov";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @Test
    void coversTrailingMarkersAcrossRestartsAndMovesGroupsCommittedAtTheEndOrOnAMarkerExactly(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a source whose partitions end with a commit marker (p0) and with an aborted transaction (p1)
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        writeTransactions(s, 0, true, true, true);
        writeTransactions(s, 1, true, true, false);
        assertThat(endOf(s, P0)).isEqualTo(18);
        assertThat(endOf(s, P1)).isEqualTo(18);
        // and groups committed at the log end, right after the last data record (only a marker left), and on a
        // marker in the middle
        commit(s, "on-middle-marker", Map.of(P0, 5L, P1, 5L));
        commit(s, "after-last-record", Map.of(P0, 17L, P1, 11L));
        LinkSettings settings =
                LinkSettings.defaults("cov").include(TOPIC).lease(Duration.ofMillis(1500), Duration.ofMillis(500));

        // When the link copies every record and stops
        LinkHarness.runUntil(s, t, settings, link -> link.copied() >= 25);
        // and a transaction on both partitions is aborted while it is down, then the link starts again
        writeAborted(s);
        assertThat(endOf(s, P0)).isEqualTo(24);
        assertThat(endOf(s, P1)).isEqualTo(24);
        commit(s, "at-end", Map.of(P0, 24L, P1, 24L));
        try (LinkHandle again = LinkHarness.start(s, t, settings, event -> {})) {
            // Then the restarted link covers both partitions up to their end, markers and aborted ranges included
            again.awaitCoverage(Map.of(P0, 24L, P1, 24L), TIMEOUT);
            again.stop();
            assertThat(again.awaitEnded(TIMEOUT)).isTrue();
            assertThat(again.failure()).isEmpty();
        }

        // and link status says caught-up, not one behind
        LinkState.Snapshot state = state(t, settings.topics());
        for (TopicPartition tp : List.of(P0, P1)) {
            LinkState.PartitionStatus status = state.partitions().get(tp);
            assertThat(status.state()).as(tp.toString()).isEqualTo(PartitionState.CAUGHT_UP);
            assertThat(status.replicatedTo()).as(tp.toString()).isEqualTo(24);
            assertThat(status.sourceEnd()).as(tp.toString()).isEqualTo(24);
            assertThat(status.lagRecords()).as(tp.toString()).isZero();
        }
        ReplicationReport report = assertExact(s, t, TOPIC, settings.topics());
        assertThat(report.toString()).isNotEmpty();

        // and every group moves at once, resuming with nothing replayed and nothing skipped, record by record
        for (String group : List.of("at-end", "after-last-record", "on-middle-marker")) {
            List<GroupSync> synced;
            try (Admin sa = Admin.create(s);
                    Admin ta = Admin.create(t)) {
                synced = new GroupOffsets(sa, ta, OffsetMaps.stored(t, settings.topics(), TIMEOUT), TIMEOUT)
                        .sync(List.of(group), SyncOptions.defaults().withWaitTimeout(Duration.ofSeconds(5)));
            }
            assertThat(synced).as(group).singleElement().isInstanceOf(GroupSync.Committed.class);
            for (GroupSync.PartitionChange change : ((GroupSync.Committed) synced.get(0)).changes()) {
                GroupResume resume = report.resume(change.partition().partition(), change.committed(), change.after());
                assertThat(resume.isExact()).as(group + " " + resume).isTrue();
            }
        }
    }

    /** One transactional producer writes five records per transaction to the partition; true = commit. */
    private static void writeTransactions(Map<String, Object> props, int partition, boolean... commits) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cov-writer-" + partition);
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            int n = 0;
            for (boolean commit : commits) {
                producer.beginTransaction();
                for (int i = 0; i < 5; i++, n++) {
                    producer.send(
                            new ProducerRecord<>(TOPIC, partition, bytes("k" + n), bytes("p" + partition + "-" + n)));
                }
                producer.flush();
                if (commit) {
                    producer.commitTransaction();
                } else {
                    producer.abortTransaction();
                }
            }
        }
    }

    /** One transaction over both partitions, aborted. */
    private static void writeAborted(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cov-aborter");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 2, bytes("k"), bytes("aborted-" + i)));
            }
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static long endOf(Map<String, Object> props, TopicPartition tp) throws Exception {
        try (Admin admin = Admin.create(props)) {
            return admin.listOffsets(
                            Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()),
                            new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(tp)
                    .get()
                    .offset();
        }
    }

    private static void commit(Map<String, Object> props, String group, Map<TopicPartition, Long> offsets)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        offsets.forEach((tp, o) -> committed.put(tp, new OffsetAndMetadata(o)));
        try (Admin admin = Admin.create(props)) {
            admin.alterConsumerGroupOffsets(group, committed).all().get();
        }
    }
}
