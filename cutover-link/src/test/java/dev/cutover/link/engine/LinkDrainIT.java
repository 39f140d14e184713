package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.await;
import static dev.cutover.link.engine.LinkHarness.maps;
import static dev.cutover.link.engine.LinkHarness.produce;
import static dev.cutover.link.engine.LinkHarness.produceMixed;
import static dev.cutover.link.engine.LinkHarness.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.PartitionState;
import dev.cutover.offsets.Translation;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.LoggedRecord;
import dev.cutover.testkit.check.PartitionLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The link's API for waves: drain and release topics at an exact point while writers go on; start at exact offsets. */
@ExtendWith(ClustersExtension.class)
class LinkDrainIT {

    @Test
    void aDrainedTopicEndsAtTheSourceEndOfTheRequestExactlyAndStaysReleasedAcrossRestarts(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a linked topic with mixed records (plain, committed and aborted transactions) and a live writer
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "dr";
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        int before = produceMixed(s, topic, 2, 0, 100);
        LinkSettings settings =
                LinkSettings.defaults("drain").include(topic).lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        AtomicInteger checkpoints = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get() && i < 2_000; i++) {
                produce(s, topic, i % 2, "live-" + i, 1);
            }
        });
        DrainResult drained;
        try (LinkHandle link = LinkHarness.start(s, t, settings, event -> {
            if (event instanceof LinkEvent.Checkpoint) {
                checkpoints.incrementAndGet();
            }
        })) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            await(link, () -> link.copied() >= before);
            writer.start();
            await(link, () -> link.copied() >= before + 20);

            // When it is drained while the writer goes on
            drained = link.drain(java.util.Set.of(topic)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            int after = checkpoints.get();
            await(link, () -> checkpoints.get() >= after + 3); // the link goes on running; the topic stays released
            assertThat(link.state()).isEqualTo(LinkHandle.State.RUNNING);
        } finally {
            writing.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }

        // Then each partition's copy holds exactly the source's records below the drain's end, in order
        assertThat(drained.partitions()).hasSize(2);
        for (var e : drained.partitions().entrySet()) {
            TopicPartition tp = e.getKey();
            List<LoggedRecord> sourceBelow =
                    PartitionLog.read(s, tp, IsolationLevel.READ_COMMITTED, TIMEOUT).records().stream()
                            .filter(r -> r.offset() < e.getValue().sourceEnd())
                            .toList();
            List<LoggedRecord> copies = PartitionLog.read(t, tp, IsolationLevel.READ_UNCOMMITTED, TIMEOUT)
                    .records();
            assertThat(copies.stream().map(LinkDrainIT::text).toList())
                    .as(tp.toString())
                    .containsExactlyElementsOf(
                            sourceBelow.stream().map(LinkDrainIT::text).toList());
            assertThat(copies.get(copies.size() - 1).offset())
                    .isLessThan(e.getValue().targetEnd());
            assertThat(PartitionLog.read(s, tp, IsolationLevel.READ_COMMITTED, TIMEOUT)
                            .records())
                    .as("the writer went on past the drain")
                    .hasSizeGreaterThan(sourceBelow.size());
            // and the stored map translates the drain's end to its target end
            assertThat(maps(t, settings.topics()).get(tp).translate(e.getValue().sourceEnd()))
                    .isEqualTo(new Translation.Exact(e.getValue().targetEnd()));
            assertThat(state(t, settings.topics()).partitions().get(tp).state()).isEqualTo(PartitionState.RELEASED);
        }

        // And a restart does not copy the released topic again
        List<LoggedRecord> copiedBefore = PartitionLog.read(
                        t, new TopicPartition(topic, 0), IsolationLevel.READ_UNCOMMITTED, TIMEOUT)
                .records();
        AtomicInteger restartCheckpoints = new AtomicInteger();
        try (LinkHandle again = LinkHarness.start(s, t, settings, event -> {
            if (event instanceof LinkEvent.Checkpoint) {
                restartCheckpoints.incrementAndGet();
            }
        })) {
            assertThat(again.awaitStarted(TIMEOUT)).isTrue();
            await(again, () -> restartCheckpoints.get() >= 3);
        }
        assertThat(PartitionLog.read(t, new TopicPartition(topic, 0), IsolationLevel.READ_UNCOMMITTED, TIMEOUT)
                        .records())
                .isEqualTo(copiedBefore);
    }

    private static String text(LoggedRecord r) {
        return r.value() == null ? "<null>" : new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aTopicStartedAtAnExactOffsetIsCopiedFromThereIntoATargetTopicThatHoldsItsHistory(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a source topic of 20 records and a target topic of the same name holding 5 records of its own
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "st";
        for (var props : List.of(s, t)) {
            try (Admin admin = Admin.create(props)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get();
            }
        }
        produce(s, topic, 0, "src", 20);
        produce(t, topic, 0, "history", 5);
        // and a link that does not select it (its topic created first: a send to a topic that does not exist waits
        // max.block.ms for it, a minute per record)
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic("other", 1, (short) 1)))
                    .all()
                    .get();
        }
        produce(s, "other", 0, "o", 3);
        LinkSettings settings =
                LinkSettings.defaults("start").include("other").lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        TopicPartition tp = new TopicPartition(topic, 0);
        try (LinkHandle link = LinkHarness.start(s, t, settings, event -> {})) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();

            // When the topic is started at source offset 12
            var started = link.startTopic(topic, Map.of(tp, 12L));
            await(link, started::isDone);
            assertThat(started.get()).containsExactly(tp);
            link.awaitCoverage(Map.of(tp, 20L), TIMEOUT);
        }

        // Then the target holds its history, then the copies of source records 12 to 19, and the map says so
        assertThat(PartitionLog.read(t, tp, IsolationLevel.READ_UNCOMMITTED, TIMEOUT)
                        .records())
                .extracting(LinkDrainIT::text)
                .containsExactly(
                        "history-0",
                        "history-1",
                        "history-2",
                        "history-3",
                        "history-4",
                        "src-12",
                        "src-13",
                        "src-14",
                        "src-15",
                        "src-16",
                        "src-17",
                        "src-18",
                        "src-19");
        assertThat(maps(t, settings.topics()).get(tp).translate(12)).isEqualTo(new Translation.Exact(5));
    }
}
