package dev.cutover.probe.traffic;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether the replication lag of the workload's topics is visible on the target: the link's stored status (its {@code
 * __cutover.<link>.state} topic, what {@code cutover link status} shows) has, for every partition of each topic, a
 * state this cutover knows and the lag with it. Pure: the caller reads the state and the topics' partition counts.
 */
final class ReplicationLag {
    private ReplicationLag() {}

    static String checkName(String link) {
        return "observability: replication lag of link " + link;
    }

    /**
     * @param link the link's name
     * @param topics the workload's literal topics
     * @param partitionsOnTarget per topic that exists on the target, its partition count
     * @param state the link's state, or empty when the target has no state topic for it
     * @param nowMs the current time, to say whether the link runs
     */
    static ProbeCheck verdict(
            String link,
            List<String> topics,
            Map<String, Integer> partitionsOnTarget,
            Optional<LinkState.Snapshot> state,
            long nowMs) {
        String name = checkName(link);
        if (topics.isEmpty()) {
            return ProbeCheck.skipped(name, ProbeArea.OBSERVABILITY, "the workload lists no literal topics");
        }
        String fix = "start the link for these topics (`cutover link start --name " + link
                + "`), or name the link that copies them (--link)";
        if (state.isEmpty()) {
            return ProbeCheck.unknown(
                    name,
                    ProbeArea.OBSERVABILITY,
                    "link " + link + " has no state on the target (no topic __cutover." + link + ".state): the"
                            + " replication lag of " + String.join(", ", topics) + " is not visible there",
                    fix);
        }
        LinkState.Snapshot snapshot = state.get();
        List<String> notVisible = new ArrayList<>();
        List<String> visible = new ArrayList<>();
        for (String topic : topics) {
            List<LinkState.PartitionStatus> statuses = snapshot.partitions().values().stream()
                    .filter(p -> p.topic().equals(topic))
                    .toList();
            Integer count = partitionsOnTarget.get(topic);
            if (statuses.isEmpty()) {
                LinkState.TopicStatus unlinked = snapshot.unlinkedTopics().get(topic);
                notVisible.add(topic + " is not linked by link " + link
                        + (unlinked != null
                                ? " (" + unlinked.reason() + ")"
                                : count == null ? " (not on the target)" : ""));
                continue;
            }
            TreeSet<Integer> missing = new TreeSet<>();
            for (int p = 0; count != null && p < count; p++) {
                missing.add(p);
            }
            statuses.forEach(s -> missing.remove(s.partition()));
            List<Integer> unknownState = statuses.stream()
                    .filter(s -> s.state() == PartitionState.UNKNOWN)
                    .map(LinkState.PartitionStatus::partition)
                    .sorted()
                    .toList();
            if (!missing.isEmpty()) {
                notVisible.add(topic + " partition(s) " + missing + " have no status in link " + link);
            }
            if (!unknownState.isEmpty()) {
                notVisible.add(topic + " partition(s) " + unknownState
                        + " have a state this cutover does not know (written by a newer link)");
            }
            if (missing.isEmpty() && unknownState.isEmpty()) {
                visible.add(describe(topic, statuses));
            }
        }
        String running = running(snapshot, nowMs);
        if (!notVisible.isEmpty()) {
            return ProbeCheck.unknown(
                    name,
                    ProbeArea.OBSERVABILITY,
                    String.join("; ", notVisible)
                            + (visible.isEmpty() ? "" : "; visible: " + String.join("; ", visible)) + " (" + running
                            + ")",
                    fix);
        }
        return ProbeCheck.pass(
                name,
                ProbeArea.OBSERVABILITY,
                String.join("; ", visible) + " (" + running + "; `cutover link status --name " + link + "` shows it)");
    }

    /** E.g. {@code orders: 3 partition(s), lag 12 record(s), oldest uncopied 850 ms (running 2, caught-up 1)}. */
    static String describe(String topic, List<LinkState.PartitionStatus> statuses) {
        long records = statuses.stream()
                .mapToLong(LinkState.PartitionStatus::lagRecords)
                .sum();
        long ms = statuses.stream()
                .mapToLong(LinkState.PartitionStatus::lagMs)
                .max()
                .orElse(0);
        Map<PartitionState, Long> states = new EnumMap<>(PartitionState.class);
        statuses.forEach(s -> states.merge(s.state(), 1L, Long::sum));
        String errors = statuses.stream()
                .filter(s -> s.state() == PartitionState.ERROR)
                .map(s -> topic + "-" + s.partition() + ": " + s.reason())
                .collect(Collectors.joining(", "));
        return topic + ": " + statuses.size() + " partition(s), lag " + records + " record(s), oldest uncopied " + ms
                + " ms ("
                + states.entrySet().stream()
                        .map(e -> e.getKey().word() + " " + e.getValue())
                        .collect(Collectors.joining(", "))
                + (errors.isEmpty() ? "" : "; stopped in error, lag as last measured: " + errors) + ")";
    }

    private static String running(LinkState.Snapshot snapshot, long nowMs) {
        if (snapshot.lease().map(l -> l.freshAt(nowMs)).orElse(false)) {
            return "the link runs: the lag is current";
        }
        long updated = snapshot.partitions().values().stream()
                .mapToLong(LinkState.PartitionStatus::updatedAtMs)
                .max()
                .orElse(0);
        return "the link does not run now: the lag as of " + Instant.ofEpochMilli(updated);
    }
}
