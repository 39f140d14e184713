package dev.cutover.link.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.groups.GroupSync.Committed;
import dev.cutover.link.groups.GroupSync.Refusal;
import dev.cutover.link.groups.GroupSync.Refused;
import dev.cutover.link.groups.GroupSync.Skipped;
import dev.cutover.link.groups.GroupSync.WouldCommit;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.offsets.Direction;
import dev.cutover.offsets.OffsetMapKey;
import dev.cutover.offsets.OffsetTranslation.Exact;
import dev.cutover.offsets.TranslatedGroup;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Group offsets across a (fake) link between two real clusters. Every topic holds, per partition: 10 plain records
 * (offsets 0-9), an aborted transaction (10-12, marker 13), a committed one (14-16, marker 17) and 5 plain records
 * (18-22). Each test uses its own topic and groups.
 */
@ExtendWith(ClustersExtension.class)
class GroupOffsetsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final LinkTopics LINK = LinkTopics.named("default");
    private static final int PARTITIONS = 3;

    @Test
    void syncedGroupResumesOnTheTargetWithExactlyTheRecordsItHadNotRead(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a linked topic with gaps, and a group that stopped mid-stream on the source: partition 0 in plain
        // records, partition 1 right after record 9 (before the aborted transaction), partition 2 at the end
        String topic = "exact";
        seed(source, topic);
        try (FakeLink link = new FakeLink(source, target, LINK, topic, PARTITIONS);
                Admin src = source.admin();
                Admin tgt = target.admin()) {
            link.copyAll();
            Map<Integer, Long> committed = Map.of(0, 5L, 1, 10L, 2, 23L);
            commit(src, "billing", topic, committed);
            GroupOffsets offsets = new GroupOffsets(src, tgt, OffsetMaps.stored(props(target), LINK, TIMEOUT), TIMEOUT);

            // When
            TranslatedGroup translated = offsets.translate("billing", Direction.FORWARD);
            List<GroupSync> synced = offsets.sync(List.of("billing"), SyncOptions.defaults());

            // Then every partition translates exactly, and is committed on the target
            assertThat(translated.complete()).as("%s", translated).isTrue();
            assertThat(translated.only(Exact.class))
                    .extracting(Exact::committed, Exact::translated)
                    // target offsets: no aborted records and no markers are copied, so 10 on the source (then the
                    // aborted 10-12, marker 13) resumes at the copy of 14, which is target offset 10
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(5L, 5L),
                            org.assertj.core.groups.Tuple.tuple(10L, 10L),
                            org.assertj.core.groups.Tuple.tuple(23L, 18L));
            assertThat(synced).singleElement().isInstanceOf(Committed.class);
            Map<TopicPartition, OffsetAndMetadata> onTarget = tgt.listConsumerGroupOffsets("billing")
                    .partitionsToOffsetAndMetadata()
                    .get();
            assertThat(onTarget.values())
                    .allSatisfy(o -> assertThat(o.leaderEpoch()).isEmpty());

            // and a consumer of the group on the target reads exactly what the source group had not read
            Map<Integer, List<String>> unreadOnSource = readFrom(source, topic, committed);
            Map<Integer, List<String>> readOnTarget = consumeAsGroup(target, topic, "billing");
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(readOnTarget.get(p)).as("partition %d", p).containsExactlyElementsOf(unreadOnSource.get(p));
            }
            assertThat(unreadOnSource.get(0)).hasSize(5 + 3 + 5);
            assertThat(unreadOnSource.get(1)).hasSize(3 + 5).first().isEqualTo(topic + "-1-c0");
            assertThat(unreadOnSource.get(2)).isEmpty();
        }
    }

    @Test
    void reverseTranslatesAGroupCommittedOnTheTargetBackToTheSource(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a group that moved to the target and consumed there
        String topic = "reverse";
        seed(source, topic);
        try (FakeLink link = new FakeLink(source, target, LINK, topic, PARTITIONS);
                Admin src = source.admin();
                Admin tgt = target.admin()) {
            link.copyAll();
            // target 10 is the copy of source 14 (first committed transactional record); target 18 is the end
            commit(tgt, "rollback", topic, Map.of(0, 3L, 1, 10L, 2, 18L));
            GroupOffsets offsets = new GroupOffsets(src, tgt, OffsetMaps.stored(props(target), LINK, TIMEOUT), TIMEOUT);

            // When
            TranslatedGroup back = offsets.translate("rollback", Direction.REVERSE);

            // Then
            assertThat(back.only(Exact.class))
                    .extracting(Exact::committed, Exact::translated)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(3L, 3L),
                            org.assertj.core.groups.Tuple.tuple(10L, 14L),
                            org.assertj.core.groups.Tuple.tuple(18L, 23L));
            assertThat(src.listConsumerGroupOffsets("rollback")
                            .partitionsToOffsetAndMetadata()
                            .get())
                    .as("translate never writes")
                    .isEmpty();
        }
    }

    @Test
    void refusesAGroupWithActiveMembersOnTheTarget(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a group that already runs on the target
        String topic = "busy";
        seed(source, topic);
        try (FakeLink link = new FakeLink(source, target, LINK, topic, PARTITIONS);
                Admin src = source.admin();
                Admin tgt = target.admin();
                KafkaConsumer<String, String> member = consumer(target, "busy-group")) {
            link.copyAll();
            commit(src, "busy-group", topic, Map.of(0, 5L));
            member.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
                member.poll(Duration.ofMillis(100));
            }
            GroupOffsets offsets = new GroupOffsets(src, tgt, OffsetMaps.stored(props(target), LINK, TIMEOUT), TIMEOUT);

            // When
            GroupSync result =
                    offsets.sync(List.of("busy-group"), SyncOptions.defaults()).get(0);

            // Then
            assertThat(result).isInstanceOf(Refused.class);
            assertThat(((Refused) result).refusal()).isEqualTo(Refusal.ACTIVE_MEMBERS);
            assertThat(((Refused) result).details()).singleElement().asString().contains("member");
        }
    }

    @Test
    void refusesToMoveATargetGroupBackwardsUnlessAllowed(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a group whose target offsets are ahead of its translated source offsets
        String topic = "ahead";
        seed(source, topic);
        try (FakeLink link = new FakeLink(source, target, LINK, topic, PARTITIONS);
                Admin src = source.admin();
                Admin tgt = target.admin()) {
            link.copyAll();
            commit(src, "ahead-group", topic, Map.of(0, 5L, 1, 6L));
            commit(tgt, "ahead-group", topic, Map.of(0, 12L));
            GroupOffsets offsets = new GroupOffsets(src, tgt, OffsetMaps.stored(props(target), LINK, TIMEOUT), TIMEOUT);

            // When
            GroupSync refused =
                    offsets.sync(List.of("ahead-group"), SyncOptions.defaults()).get(0);
            GroupSync dryRun = offsets.sync(
                            List.of("ahead-group"),
                            SyncOptions.defaults().withAllowRewind(true).withDryRun(true))
                    .get(0);
            Map<TopicPartition, OffsetAndMetadata> afterDryRun = committedOn(tgt, "ahead-group");
            GroupSync rewound = offsets.sync(
                            List.of("ahead-group"), SyncOptions.defaults().withAllowRewind(true))
                    .get(0);

            // Then
            assertThat(refused).isInstanceOf(Refused.class);
            assertThat(((Refused) refused).refusal()).isEqualTo(Refusal.WOULD_REWIND);
            assertThat(((Refused) refused).details())
                    .singleElement()
                    .asString()
                    .contains(topic + "-0", "has 12", "translation is 5", "7 back");
            assertThat(dryRun).isInstanceOf(WouldCommit.class);
            assertThat(afterDryRun).as("a dry run writes nothing").containsOnlyKeys(new TopicPartition(topic, 0));
            assertThat(afterDryRun.get(new TopicPartition(topic, 0)).offset()).isEqualTo(12L);
            assertThat(rewound).isInstanceOf(Committed.class);
            assertThat(((Committed) rewound).changes())
                    .extracting(c -> c.partition().partition(), GroupSync.PartitionChange::before, c -> c.after())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(0, Optional.of(12L), 5L),
                            org.assertj.core.groups.Tuple.tuple(1, Optional.empty(), 6L));
            assertThat(committedOn(tgt, "ahead-group")
                            .get(new TopicPartition(topic, 0))
                            .offset())
                    .isEqualTo(5L);
        }
    }

    @Test
    void waitsForTheLinkThenRefusesWithTheLag(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a link that has copied partition 0 only up to offset 3, and a group committed at 8
        String topic = "behind";
        seed(source, topic);
        try (FakeLink link = new FakeLink(source, target, LINK, topic, PARTITIONS);
                Admin src = source.admin();
                Admin tgt = target.admin()) {
            link.copyUpTo(Map.of(0, 3L));
            commit(src, "late-group", topic, Map.of(0, 8L, 1, 2L));
            GroupOffsets offsets = new GroupOffsets(src, tgt, OffsetMaps.stored(props(target), LINK, TIMEOUT), TIMEOUT);

            // When the link does not move
            long start = System.nanoTime();
            GroupSync refused = offsets.sync(
                            List.of("late-group"), SyncOptions.defaults().withWaitTimeout(Duration.ofMillis(1500)))
                    .get(0);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            // Then it waited, refused with the lag and wrote nothing
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(refused).isInstanceOf(Refused.class);
            assertThat(((Refused) refused).refusal()).isEqualTo(Refusal.LINK_BEHIND);
            assertThat(((Refused) refused).message()).contains("at most 5 record(s) behind");
            assertThat(((Refused) refused).details())
                    .singleElement()
                    .asString()
                    .contains(topic + "-0", "committed 8", "link at 3");
            assertThat(committedOn(tgt, "late-group")).isEmpty();

            // When the link catches up during the wait
            CompletableFuture<Void> catchUp = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1000);
                    link.copyAll();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            GroupSync synced = offsets.sync(
                            List.of("late-group"), SyncOptions.defaults().withWaitTimeout(Duration.ofSeconds(20)))
                    .get(0);
            catchUp.get();

            // Then the group is committed
            assertThat(synced).isInstanceOf(Committed.class);
        }
    }

    @Test
    void allSyncsLinkedGroupsAndSkipsTheOthers(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a linked group and a group on a topic the link does not replicate
        String topic = "all";
        seed(source, topic);
        try (Admin src = source.admin()) {
            src.createTopics(List.of(new NewTopic("unlinked", 1, (short) 1)))
                    .all()
                    .get();
        }
        try (FakeLink link = new FakeLink(source, target, LINK, topic, PARTITIONS);
                Admin src = source.admin();
                Admin tgt = target.admin()) {
            link.copyAll();
            commit(src, "all-linked", topic, Map.of(2, 20L));
            commit(src, "all-unlinked", "unlinked", Map.of(0, 0L));
            GroupOffsets offsets = new GroupOffsets(src, tgt, OffsetMaps.stored(props(target), LINK, TIMEOUT), TIMEOUT);

            // When
            List<GroupSync> all = offsets.syncAll(SyncOptions.defaults().withDryRun(true));

            // Then
            assertThat(all)
                    .filteredOn(g -> g.group().equals("all-linked"))
                    .singleElement()
                    .isInstanceOf(WouldCommit.class);
            assertThat(all)
                    .filteredOn(g -> g.group().equals("all-unlinked"))
                    .singleElement()
                    .isInstanceOfSatisfying(
                            Skipped.class, s -> assertThat(s.why()).contains("link replicates"));
            assertThat(committedOn(tgt, "all-linked")).as("dry run").isEmpty();
        }
    }

    @Test
    void mapsOfANewerFormatAreAConfigErrorNotACrash(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a link whose stored base map was written by a newer codec (version byte 9)
        LinkTopics newer = LinkTopics.named("newer");
        try (Admin tgt = target.admin()) {
            tgt.createTopics(List.of(new NewTopic(newer.offsets(), 1, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, Object> producerProps = new HashMap<>(props(target));
        try (var producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            newer.offsets(),
                            0,
                            OffsetMapKey.base(new TopicPartition("t", 0)).bytes(),
                            new byte[] {9, 0}))
                    .get();
        }
        try (Admin src = source.admin();
                Admin tgt = target.admin()) {
            src.createTopics(List.of(new NewTopic("newer-t", 1, (short) 1)))
                    .all()
                    .get();
            commit(src, "anyone", "newer-t", Map.of(0, 0L));
            GroupOffsets offsets =
                    new GroupOffsets(src, tgt, OffsetMaps.stored(props(target), newer, TIMEOUT), TIMEOUT);

            // When a group is translated, Then the refusal names the cause and is a config error (exit 2), not a bug
            assertThatThrownBy(() -> offsets.translate("anyone", Direction.FORWARD))
                    .isInstanceOfSatisfying(CutoverException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
                        assertThat(e.getMessage()).contains("offset maps", "version 9");
                    });
        }
    }

    // --- fixtures

    /** Writes the layout described on the class to every partition. */
    private static void seed(EmbeddedCluster source, String topic) throws Exception {
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
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            send(tx, topic, "c", 3);
            tx.commitTransaction();
        }
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        try (var plain = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            send(plain, topic, "b", 5);
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String tag, int perPartition)
            throws Exception {
        for (int i = 0; i < perPartition; i++) {
            for (int p = 0; p < PARTITIONS; p++) {
                var r = new ProducerRecord<>(topic, p, "k" + i, topic + "-" + p + "-" + tag + i);
                r.headers().add("h", tag.getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
        }
        producer.flush();
    }

    private static void commit(Admin admin, String group, String topic, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> o = new HashMap<>();
        offsets.forEach((p, off) -> o.put(new TopicPartition(topic, p), new OffsetAndMetadata(off, "m" + p)));
        admin.alterConsumerGroupOffsets(group, o).all().get();
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOn(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .forEach((tp, o) -> {
                    if (o != null) {
                        out.put(tp, o);
                    }
                });
        return out;
    }

    /** What a read_committed consumer reads from the given offsets to the end, per partition. */
    private static Map<Integer, List<String>> readFrom(EmbeddedCluster cluster, String topic, Map<Integer, Long> from) {
        Map<Integer, List<String>> out = new HashMap<>();
        try (KafkaConsumer<String, String> c = consumer(cluster, null)) {
            List<TopicPartition> tps = from.keySet().stream()
                    .map(p -> new TopicPartition(topic, p))
                    .toList();
            c.assign(tps);
            tps.forEach(tp -> c.seek(tp, from.get(tp.partition())));
            drain(c, tps, out);
        }
        return out;
    }

    /** What a consumer in {@code group} reads from its committed offsets to the end, per partition. */
    private static Map<Integer, List<String>> consumeAsGroup(EmbeddedCluster cluster, String topic, String group) {
        Map<Integer, List<String>> out = new HashMap<>();
        try (KafkaConsumer<String, String> c = consumer(cluster, group)) {
            c.subscribe(List.of(topic));
            List<TopicPartition> tps = java.util.stream.IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            drain(c, tps, out);
        }
        return out;
    }

    private static void drain(
            KafkaConsumer<String, String> c, List<TopicPartition> tps, Map<Integer, List<String>> out) {
        tps.forEach(tp -> out.put(tp.partition(), new ArrayList<>()));
        Map<TopicPartition, Long> end = c.endOffsets(tps, TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (c.assignment().size() < tps.size()
                || tps.stream().anyMatch(tp -> c.position(tp, TIMEOUT) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read to the end of " + tps);
            }
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                out.get(r.partition()).add(r.value());
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedCluster cluster, String group) {
        Map<String, Object> c = new HashMap<>(cluster.adminClientProperties());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A group without a committed offset would start at the beginning: any skipped record would show as a
        // replay, so a missing commit cannot pass unnoticed.
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
    }

    private static Map<String, Object> props(EmbeddedCluster cluster) {
        return cluster.adminClientProperties();
    }
}
