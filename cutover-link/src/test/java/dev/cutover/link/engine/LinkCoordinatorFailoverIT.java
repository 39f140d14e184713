package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.process.NodeCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.ReplicationAssert;
import dev.cutover.testkit.check.ReplicationCheck;
import dev.cutover.testkit.check.ReplicationReport;
import dev.cutover.testkit.check.SegmentMarkers;
import dev.cutover.testkit.check.TopicLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The target's transaction coordinator dies while the link commits, again and again, on a 3-node target whose nodes
 * are child JVMs ({@link NodeCluster}) killed with SIGKILL and started again with their data, while a live stream
 * (plain records and transactions, one in three aborted) arrives on the source. Each round finds the coordinator of
 * the link's transactional id, kills it the moment one of the link's COMMIT markers lands on a partition another node
 * leads (the commit's markers are being written; the commit is not complete), waits for the link to copy on with the
 * node down, starts the node again, waits until every replica is back in sync and moves leaders back (preferred
 * election).
 *
 * <p>A coordinator that dies between writing some of a commit's markers and completing the commit leaves the
 * transaction to its successor, which writes every marker again: a partition then holds the same COMMIT twice and the
 * link's next copy lands one offset further than one marker per commit predicts. The link must take that as its own
 * write, not a foreign one: afterwards no partition is stopped, and the target holds every committed source record
 * exactly once, in order, under both isolation levels, with an exact offset map. The rounds go on (at least {@value
 * #MIN_ROUNDS}, at most {@value #MAX_ROUNDS}) until the target's segment files show a repeated marker, and the test
 * fails if none was ever written: a run that did not reach the scenario proves nothing.
 */
@ExtendWith(ClustersExtension.class)
class LinkCoordinatorFailoverIT {
    private static final String TOPIC = "failover";
    private static final int PARTITIONS = 6;
    private static final int MIN_ROUNDS = 3;
    private static final int MAX_ROUNDS = 5;
    /**
     * Followers fetch at least 1 MiB or wait 400 ms, so that an acks=all append — a commit's markers and the
     * coordinator's record that completes the commit among them — takes a few hundred ms to be acknowledged instead of
     * a few: the window between the first marker written and the commit completed, in which a coordinator that dies
     * leaves its successor to write every marker again, is wide enough for a kill the moment the first marker lands to
     * fall in it. The race is the same with the defaults, only narrower.
     */
    private static final Map<String, String> SLOW_ACKS =
            Map.of("replica.fetch.min.bytes", "1048576", "replica.fetch.wait.max.ms", "400");

    /** Bounds each wait of a round: a node restart, the cluster back in sync, the link copying on. */
    private static final Duration STEP = Duration.ofSeconds(90);

    @Test
    void killingTheTransactionCoordinatorDuringCommitsLosesNothingDuplicatesNothingAndStopsNoPartition(
            @Cluster("source") EmbeddedCluster source) throws Exception {
        Map<String, Object> s = source.adminClientProperties();
        try (NodeCluster target = NodeCluster.start(
                        NodeCluster.Options.named("failover-target").brokerConfig(SLOW_ACKS));
                Admin sourceAdmin = source.admin();
                Admin targetAdmin = Admin.create(target.adminClientProperties())) {
            Map<String, Object> t = target.adminClientProperties();
            sourceAdmin
                    .createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                    .all()
                    .get();
            LinkSettings settings =
                    LinkSettings.defaults(TOPIC).include(TOPIC).lease(Duration.ofMillis(1500), Duration.ofMillis(500));
            String transactionalId = settings.topics().transactionalId();
            List<Round> rounds = new ArrayList<>();
            Map<TopicPartition, SegmentMarkers.PartitionMarkers> markers;
            Events events = new Events();
            LinkHandle handle;
            boolean settled;

            // Given a live stream on the source, and the link copying it to the 3-node target
            try (LiveStream stream = LiveStream.start(s, TOPIC, PARTITIONS);
                    LinkHandle link = LinkService.start(s, t, settings, events)) {
                handle = link;
                assertThat(link.awaitStarted(STEP)).as("the link started").isTrue();
                // When the coordinator of the link's transactions is killed during commits, round after round
                do {
                    rounds.add(killCoordinatorDuringCommit(target, targetAdmin, link, transactionalId));
                    stream.assertRunning();
                    markers = markers(target);
                    System.out.println("after round " + rounds.size() + ": " + repeats(markers)
                            + " repeated marker(s) on the target");
                } while (rounds.size() < MAX_ROUNDS && (rounds.size() < MIN_ROUNDS || repeats(markers) == 0));

                // and the stream stops, and the link is given time to copy everything
                stream.stop();
                Map<TopicPartition, Long> ends = committedEnds(sourceAdmin);
                settled = awaitQuietly(() -> settled(t, settings, ends), STEP);
            }
            markers = markers(target);
            LinkState.Snapshot state = LinkHarness.state(t, settings.topics());
            ReplicationReport report = ReplicationCheck.compare(
                    TopicLogs.read(s, TOPIC, IsolationLevel.READ_COMMITTED, TIMEOUT),
                    TopicLogs.read(t, TOPIC, IsolationLevel.READ_COMMITTED, TIMEOUT),
                    TopicLogs.read(t, TOPIC, IsolationLevel.READ_UNCOMMITTED, TIMEOUT),
                    LinkHarness.withStoredMap(t, settings.topics()));
            System.out.println(summary(rounds, markers, events, state));

            // Then the scenario happened, and the link went through it without stopping a partition or a record
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(repeats(markers))
                    .as(
                            "repeated transaction markers on the target: the scenario did not happen in %d rounds",
                            rounds.size())
                    .isPositive();
            softly.assertThat(handle.failure()).as("the link's failure").isEmpty();
            softly.assertThat(events.stopped).as("partitions the link stopped").isEmpty();
            softly.assertThat(state.partitions().values())
                    .as("partition statuses")
                    .filteredOn(p -> p.state() == PartitionState.ERROR)
                    .isEmpty();
            softly.assertThat(rounds)
                    .as("rounds in which the link did not copy on while the node was down")
                    .filteredOn(r -> !r.linkWentOn())
                    .isEmpty();
            softly.assertThat(settled)
                    .as("every partition caught up with the source within %s", STEP)
                    .isTrue();
            softly.check(() -> ReplicationAssert.assertThat(report).isClean());
            softly.assertAll();
        }
    }

    /**
     * One kill: which node, whether a COMMIT marker of the link had just landed on another node when it died, whether
     * the link copied on while it was down, and how long each step took (ms): waiting for the marker, the link going
     * on, the node's restart, all replicas back in sync.
     */
    private record Round(
            int node, boolean afterMarker, boolean linkWentOn, long findMs, long goOnMs, long restartMs, long syncMs) {
        @Override
        public String toString() {
            return "node " + node + (afterMarker ? " killed as a commit's markers landed" : " killed (no marker seen)")
                    + (linkWentOn ? "" : ", the link did not copy on while it was down") + " [marker " + findMs
                    + " ms, link on " + goOnMs + " ms, restart " + restartMs + " ms, in sync " + syncMs + " ms]";
        }
    }

    /**
     * Kills the coordinator of the link's transactions the moment one of its COMMIT markers lands on a partition
     * another node leads (read from that node's segment files as it appends): the commit's markers are being written,
     * and the commit is not complete until every one is acknowledged, so the successor writes them all again. Then
     * waits for the link to copy on with the node down, restarts the node, waits until every replica is in sync, and
     * moves leaders back to it (preferred election).
     */
    private static Round killCoordinatorDuringCommit(
            NodeCluster target, Admin admin, LinkHandle link, String transactionalId) throws Exception {
        long t0 = System.nanoTime();
        TransactionDescription transaction = describe(admin, transactionalId);
        int coordinator = transaction.coordinatorId();
        List<SegmentMarkers.Tail> tails = new ArrayList<>();
        for (TopicPartitionInfo p : admin.describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(TOPIC)
                .partitions()) {
            if (p.leader() != null && p.leader().id() != coordinator) {
                tails.add(SegmentMarkers.Tail.fromEnd(
                        target.logDir(p.leader().id()), new TopicPartition(TOPIC, p.partition())));
            }
        }
        boolean afterMarker = false;
        // Bounded: a link that no longer writes those partitions (it stopped them) never commits on them again.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!afterMarker && System.nanoTime() < deadline) {
            for (SegmentMarkers.Tail tail : tails) {
                afterMarker |= tail.poll().stream()
                        .anyMatch(m ->
                                m.producerId() == transaction.producerId() && m.type() == SegmentMarkers.Type.COMMIT);
            }
        }
        target.kill(coordinator);
        long t1 = System.nanoTime();
        long copied = link.copied();
        boolean wentOn = awaitQuietly(() -> link.copied() > copied + 100, STEP);
        long t2 = System.nanoTime();
        target.restart(coordinator);
        long t3 = System.nanoTime();
        target.awaitFullyReplicated(STEP);
        long t4 = System.nanoTime();
        admin.electLeaders(ElectionType.PREFERRED, null).partitions().get(30, TimeUnit.SECONDS);
        Round round = new Round(coordinator, afterMarker, wentOn, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3));
        System.out.println("coordinator failover round: " + round);
        return round;
    }

    /** The link's transaction as its coordinator describes it; asks again while the coordinator moves. */
    private static TransactionDescription describe(Admin admin, String transactionalId) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (true) {
            try {
                return admin.describeTransactions(List.of(transactionalId))
                        .description(transactionalId)
                        .get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no coordinator of " + transactionalId + " answered within " + STEP, e);
                }
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Per partition of the linked topic, the markers of the replica with the longest log among the nodes. */
    private static Map<TopicPartition, SegmentMarkers.PartitionMarkers> markers(NodeCluster target) {
        Map<TopicPartition, SegmentMarkers.PartitionMarkers> found =
                new TreeMap<>(java.util.Comparator.comparing(TopicPartition::partition));
        for (TopicPartition tp : LinkHarness.partitions(TOPIC, PARTITIONS)) {
            for (int node = 0; node < target.nodeCount(); node++) {
                SegmentMarkers.PartitionMarkers replica = SegmentMarkers.read(target.logDir(node), tp);
                found.merge(
                        tp, replica, (a, b) -> a.markers().size() >= b.markers().size() ? a : b);
            }
        }
        return found;
    }

    private static long repeats(Map<TopicPartition, SegmentMarkers.PartitionMarkers> markers) {
        return markers.values().stream().mapToLong(m -> m.repeats().size()).sum();
    }

    /** The source's read_committed end of every partition (the stream has stopped: these no longer move). */
    private static Map<TopicPartition, Long> committedEnds(Admin sourceAdmin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        LinkHarness.partitions(TOPIC, PARTITIONS).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        return sourceAdmin
                .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(30, TimeUnit.SECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Every partition copied up to the source's end, or stopped (a stopped partition will never get there). */
    private static boolean settled(Map<String, Object> t, LinkSettings settings, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, LinkState.PartitionStatus> statuses =
                LinkHarness.state(t, settings.topics()).partitions();
        return ends.entrySet().stream().allMatch(e -> {
            LinkState.PartitionStatus status = statuses.get(e.getKey());
            return status != null && (status.state() == PartitionState.ERROR || status.replicatedTo() >= e.getValue());
        });
    }

    private static boolean awaitQuietly(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static String summary(
            List<Round> rounds,
            Map<TopicPartition, SegmentMarkers.PartitionMarkers> markers,
            Events events,
            LinkState.Snapshot state) {
        StringBuilder text = new StringBuilder("coordinator failover: ")
                .append(rounds.size())
                .append(" round(s): ")
                .append(rounds)
                .append(System.lineSeparator());
        long partitionsWithRepeats =
                markers.values().stream().filter(m -> !m.repeats().isEmpty()).count();
        text.append("repeated markers: ")
                .append(repeats(markers))
                .append(" on ")
                .append(partitionsWithRepeats)
                .append(" of ")
                .append(PARTITIONS)
                .append(" partition(s)")
                .append(System.lineSeparator());
        markers.values().stream().filter(m -> !m.repeats().isEmpty()).forEach(m -> text.append("  ")
                .append(m.partition())
                .append(": ")
                .append(m.repeats())
                .append(System.lineSeparator()));
        text.append("link restarts (each taking over from the failed run): ")
                .append(events.restarts.size())
                .append(System.lineSeparator());
        events.restarts.forEach(f -> text.append("  ").append(f).append(System.lineSeparator()));
        text.append("partitions stopped: ").append(events.stopped.size()).append(System.lineSeparator());
        new TreeMap<>(events.stopped.entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)))
                .forEach((tp, reason) ->
                        text.append("  ").append(tp).append(": ").append(reason).append(System.lineSeparator()));
        state.partitions().values().forEach(p -> text.append("  status ")
                .append(p.topic())
                .append('-')
                .append(p.partition())
                .append(": ")
                .append(p.state())
                .append(", replicated to ")
                .append(p.replicatedTo())
                .append(" of ")
                .append(p.sourceEnd())
                .append(System.lineSeparator()));
        return text.toString();
    }

    /** What the link told: partitions it stopped (the last reason wins) and its restarts. */
    private static final class Events implements Consumer<LinkEvent> {
        final Map<TopicPartition, String> stopped = new ConcurrentHashMap<>();
        final List<LinkEvent.Restarting> restarts = new CopyOnWriteArrayList<>();

        @Override
        public void accept(LinkEvent event) {
            if (event instanceof LinkEvent.PartitionStopped p) {
                stopped.put(p.partition(), p.reason());
            } else if (event instanceof LinkEvent.Restarting r) {
                restarts.add(r);
            }
        }
    }
}
