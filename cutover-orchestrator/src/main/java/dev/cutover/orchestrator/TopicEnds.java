package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.link.state.LinkState;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Log ends of the moved topics: when their writers are quiet, and how far they grew since a drain. */
final class TopicEnds {
    private TopicEnds() {}

    /**
     * Waits until no transaction is open on any partition of {@code topics} (its last stable offset is its log end),
     * and returns those ends keyed {@code topic-partition}.
     *
     * @throws CutoverException a topic the cluster does not have (usage), or transactions still open at the timeout
     */
    static Map<String, Long> awaitStable(
            ClusterConnection cluster, Set<String> topics, Duration timeout, Consumer<String> progress)
            throws InterruptedException {
        List<TopicPartition> partitions = partitions(cluster, topics);
        long deadline = System.nanoTime() + timeout.toNanos();
        long told = 0;
        while (true) {
            Map<TopicPartition, Long> end = ends(cluster, partitions, IsolationLevel.READ_UNCOMMITTED);
            Map<TopicPartition, Long> stable = ends(cluster, partitions, IsolationLevel.READ_COMMITTED);
            Map<String, Long> open = new TreeMap<>();
            end.forEach((tp, e) -> {
                if (!e.equals(stable.get(tp))) {
                    open.put(tp.toString(), e - stable.get(tp));
                }
            });
            if (open.isEmpty()) {
                Map<String, Long> out = new TreeMap<>();
                end.forEach((tp, e) -> out.put(tp.toString(), e));
                return out;
            }
            if (System.nanoTime() > deadline) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "transactions are still open on " + open.keySet() + " on the "
                                + cluster.profile().name()
                                + " after " + timeout.toSeconds() + " s: a writer of the moved topics still runs, or"
                                + " left a transaction open",
                        "stop every writer of the topics (or let the transaction time out), then `cutover wave"
                                + " resume`; or `cutover wave rollback`");
            }
            if (System.nanoTime() - told > 5_000_000_000L) {
                progress.accept("waiting for open transactions on " + open.keySet() + " to end");
                told = System.nanoTime();
            }
            Thread.sleep(200); // polling the partitions' state, not timing
        }
    }

    /** Per partition ({@code topic-partition}), the offsets written on {@code cluster} past each drain's target end. */
    static Map<String, Long> growth(ClusterConnection cluster, List<LinkState.End> ends) {
        List<TopicPartition> partitions = ends.stream()
                .map(e -> new TopicPartition(e.topic(), e.partition()))
                .toList();
        Map<TopicPartition, Long> now = ends(cluster, partitions, IsolationLevel.READ_UNCOMMITTED);
        Map<String, Long> out = new TreeMap<>();
        for (LinkState.End e : ends) {
            TopicPartition tp = new TopicPartition(e.topic(), e.partition());
            out.put(tp.toString(), Math.max(0, now.get(tp) - e.targetEnd()));
        }
        return out;
    }

    static List<TopicPartition> partitions(ClusterConnection cluster, Set<String> topics) {
        Map<String, TopicDescription> described;
        try {
            described = cluster.await(cluster.admin().describeTopics(topics).allTopicNames(), "describe " + topics);
        } catch (CutoverException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")
                    || String.valueOf(e.getMessage()).contains("UnknownTopicOrPartition")) {
                throw new CutoverException(
                        Reason.USAGE,
                        "a topic of " + topics + " does not exist on the "
                                + cluster.profile().name(),
                        "check the workload's topics: in workloads.yaml");
            }
            throw e;
        }
        return described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .sorted(java.util.Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition))
                .toList();
    }

    static Map<TopicPartition, Long> ends(
            ClusterConnection cluster, List<TopicPartition> partitions, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        cluster.await(
                        cluster.admin()
                                .listOffsets(latest, new ListOffsetsOptions(isolation))
                                .all(),
                        "list the end offsets of " + partitions)
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }
}
