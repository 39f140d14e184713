package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.await;
import static dev.cutover.link.engine.LinkHarness.produce;
import static dev.cutover.link.engine.LinkHarness.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.link.lifecycle.LinkDrain;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.LoggedRecord;
import dev.cutover.testkit.check.PartitionLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A producer move's part of the link, asked from another client as a wave does: the drain through the state topic, the
 * release, and the reverse copy the link's process runs from the exact point where the writers took over.
 */
@ExtendWith(ClustersExtension.class)
class LinkTurnAroundIT {
    private static final String TOPIC = "pay";

    @Test
    void aTurnedAroundTopicIsCopiedBackOnceAndInOrderFromWhereItsWritersTookOverAcrossRestarts(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a linked topic of two partitions whose source records are all copied
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        try (Admin admin = Admin.create(s)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        produce(s, TOPIC, 0, "src0", 30);
        produce(s, TOPIC, 1, "src1", 25);
        LinkSettings settings =
                LinkSettings.defaults("fwd").include(TOPIC).lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        ConnectionProfile targetProfile = profile("target", t);
        List<TopicPartition> tps = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
        try (LinkHandle link = LinkHarness.start(s, t, settings, event -> {})) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            link.awaitCoverage(Map.of(tps.get(0), 30L, tps.get(1), 25L), TIMEOUT);

            // When a wave, in another client, drains it and turns it around (its writers stopped on the source)
            LinkDrain.Outcome outcome = drain(targetProfile);

            // Then the answer says where each partition ended on both sides
            assertThat(outcome).isInstanceOf(LinkDrain.Outcome.Drained.class);
            List<LinkState.End> ends = ((LinkDrain.Outcome.Drained) outcome).ends();
            assertThat(ends)
                    .extracting(LinkState.End::partition, LinkState.End::sourceEnd)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(0, 30L), org.assertj.core.groups.Tuple.tuple(1, 25L));
            // and asking again (a resumed wave) gives the same answer, draining nothing twice
            assertThat(drain(targetProfile)).isEqualTo(outcome);

            // And records the moved writers write on the target reach the source after the history, once, in order
            await(link, () -> link.reverseCopy().isPresent());
            produce(t, TOPIC, 0, "moved0", 40);
            produce(t, TOPIC, 1, "moved1", 15);
            awaitOnSource(s, tps.get(0), 70);
            awaitOnSource(s, tps.get(1), 40);
        }

        // And after the link's process restarts, the forward copy stays released (not in error: the target's new
        // records are its writers', not the link's) and the reverse copy goes on from where it was
        try (LinkHandle again = LinkHarness.start(s, t, settings, event -> {})) {
            assertThat(again.awaitStarted(TIMEOUT)).isTrue();
            produce(t, TOPIC, 0, "later0", 10);
            awaitOnSource(s, tps.get(0), 80);
            await(again, () -> again.reverseCopy().isPresent());
            for (TopicPartition tp : tps) {
                assertThat(state(t, settings.topics()).partitions().get(tp).state())
                        .as(tp.toString())
                        .isEqualTo(PartitionState.RELEASED);
            }
        }
        assertThat(texts(s, tps.get(0)))
                .containsExactlyElementsOf(concat(seq("src0", 30), seq("moved0", 40), seq("later0", 10)));
        assertThat(texts(s, tps.get(1))).containsExactlyElementsOf(concat(seq("src1", 25), seq("moved1", 15)));
        // and nothing the reverse copy wrote was copied forward again
        assertThat(texts(t, tps.get(0)))
                .containsExactlyElementsOf(concat(seq("src0", 30), seq("moved0", 40), seq("later0", 10)));
        LinkState.Snapshot reverse = state(s, LinkTopics.named(LinkSettings.reverseName("fwd")));
        assertThat(reverse.partitions().keySet()).containsExactlyInAnyOrderElementsOf(tps);
    }

    private static LinkDrain.Outcome drain(ConnectionProfile target) {
        return LinkDrain.drain(
                target,
                "fwd",
                "wave-1:writer",
                Set.of(TOPIC),
                true,
                "test",
                "here",
                TIMEOUT,
                Clock.systemUTC(),
                m -> {});
    }

    private static void awaitOnSource(Map<String, Object> s, TopicPartition tp, int count) throws InterruptedException {
        await(() -> texts(s, tp).size() >= count);
    }

    private static List<String> texts(Map<String, Object> props, TopicPartition tp) {
        return PartitionLog.read(props, tp, IsolationLevel.READ_COMMITTED, TIMEOUT).records().stream()
                .map(LinkTurnAroundIT::text)
                .toList();
    }

    private static String text(LoggedRecord r) {
        return r.value() == null ? "<null>" : new String(r.value(), StandardCharsets.UTF_8);
    }

    private static List<String> seq(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> prefix + "-" + i)
                .toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return concat(concat(a, b), c);
    }

    private static ConnectionProfile profile(String name, Map<String, Object> props) {
        Map<String, String> p = new HashMap<>();
        props.forEach((k, v) -> p.put(k, String.valueOf(v)));
        return new ConnectionProfile(name, p, List.of(), Duration.ofSeconds(10));
    }
}
