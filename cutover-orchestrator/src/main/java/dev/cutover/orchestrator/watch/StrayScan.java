package dev.cutover.orchestrator.watch;

import dev.cutover.api.CutoverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds clients that still use the source for what a wave moved (see {@code docs/waves.md}, "Stray clients"):
 *
 * <ol>
 *   <li>members of moved groups on the source ({@link StrayKind#SOURCE_MEMBER}), or on both clusters at once ({@link
 *       StrayKind#BOTH_SIDES}, which needs the target);
 *   <li>commits on the source for moved groups that differ from the {@link StrayBaseline} ({@link
 *       StrayKind#SOURCE_COMMIT});
 *   <li>on topics whose writers moved: producers other than the expected writers that wrote since the baseline
 *       ({@link StrayKind#SOURCE_PRODUCER}), and log end growth the expected writers do not account for ({@link
 *       StrayKind#SOURCE_LOG_GROWTH}).
 * </ol>
 *
 * A scan never throws for a cluster that does not answer or refuses a call: each check it could not make is listed in
 * {@link StrayReport#notChecked()} with the reason, so that a missing answer never reads as "no stray client". The
 * Admin clients are the caller's; the target's may be absent (down, gone), and then the checks that need it are not
 * made.
 */
public final class StrayScan {
    private final ClusterCalls source;
    private final Optional<ClusterCalls> target;
    private final String targetName;

    /**
     * @param sourceName the source profile's name, for messages
     * @param target the target's Admin client, or empty when the target cannot be reached
     * @param targetName the target profile's name, for messages
     * @param callTimeout how long one Admin call may take
     */
    public StrayScan(Admin source, String sourceName, Optional<Admin> target, String targetName, Duration callTimeout) {
        this.source = new ClusterCalls(source, sourceName, callTimeout);
        this.target = target.map(t -> new ClusterCalls(t, targetName, callTimeout));
        this.targetName = Objects.requireNonNull(targetName, "targetName");
    }

    /**
     * Takes the baseline on the source: the moved groups' committed offsets, and for each topic whose writers moved,
     * its partitions' log ends and active producers. Call it once the moved clients stopped; what cannot be read is
     * listed in {@link StrayBaseline#notTaken()}.
     */
    public StrayBaseline baseline(Collection<String> movedGroups, Map<String, ExpectedWriters> writerMovedTopics) {
        long at = System.currentTimeMillis();
        List<String> notTaken = new ArrayList<>();
        Map<String, Map<String, Long>> groupOffsets = new TreeMap<>();
        for (String group : movedGroups) {
            try {
                groupOffsets.put(group, StrayBaseline.keyed(source.committed(group)));
            } catch (CutoverException e) {
                notTaken.add("committed offsets of group '" + group + "': " + e.getMessage());
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        var described = source.each(
                source.admin()
                        .describeTopics(
                                writerMovedTopics.keySet(), new DescribeTopicsOptions().timeoutMs(source.timeoutMs()))
                        .topicNameValues(),
                "describe the topic");
        described.answered().forEach((t, d) -> counts.put(t, d.partitions().size()));
        described.failed().forEach((t, why) -> notTaken.add("partitions of topic '" + t + "': " + why));
        List<TopicPartition> partitions = partitions(counts);
        Map<String, Long> ends = new TreeMap<>();
        var listed = ProducerChecks.logEnds(source, partitions);
        listed.answered().forEach((tp, end) -> ends.put(StrayBaseline.key(tp), end));
        listed.failed().forEach((tp, why) -> notTaken.add("log end of " + tp + ": " + why));
        Map<String, List<ProducerMark>> producers = new TreeMap<>();
        var active = ProducerChecks.describeProducers(source, partitions);
        active.answered()
                .forEach((tp, state) -> producers.put(
                        StrayBaseline.key(tp),
                        state.activeProducers().stream().map(ProducerMark::of).toList()));
        active.failed().forEach((tp, why) -> notTaken.add("active producers of " + tp + ": " + why));
        return new StrayBaseline(
                source.cluster(),
                at,
                List.copyOf(movedGroups),
                groupOffsets,
                new TreeMap<>(writerMovedTopics),
                counts,
                ends,
                producers,
                notTaken);
    }

    /** Scans for stray clients against {@code baseline}; see the class comment. */
    public StrayReport scan(StrayBaseline baseline) {
        return scan(baseline, Map.of());
    }

    /**
     * As {@link #scan(StrayBaseline)}.
     *
     * @param explainedEnds per partition ({@code topic-partition}), the log end offset on the source that the
     *     expected writers account for now (e.g. the reverse copy's last written offset + 1, its commit markers
     *     included); log growth past it is reported. Without it, growth on a partition with expected writers cannot be
     *     attributed and is reported as not checked.
     */
    public StrayReport scan(StrayBaseline baseline, Map<String, Long> explainedEnds) {
        long at = System.currentTimeMillis();
        List<StrayClient> found = new ArrayList<>();
        List<NotChecked> notChecked = new ArrayList<>();
        Optional<String> sourceDown = down(source);
        if (sourceDown.isPresent()) {
            // one timeout, not one per group and partition
            for (String group : baseline.groups()) {
                for (StrayKind kind : List.of(StrayKind.SOURCE_MEMBER, StrayKind.BOTH_SIDES, StrayKind.SOURCE_COMMIT)) {
                    notChecked.add(new NotChecked(kind, group, sourceDown.get()));
                }
            }
            for (String topic : baseline.topics().keySet()) {
                notChecked.add(new NotChecked(StrayKind.SOURCE_PRODUCER, topic, sourceDown.get()));
                notChecked.add(new NotChecked(StrayKind.SOURCE_LOG_GROWTH, topic, sourceDown.get()));
            }
            return new StrayReport(at, found, notChecked);
        }
        Optional<String> targetDown =
                target.isEmpty() || baseline.groups().isEmpty() ? Optional.empty() : down(target.get());
        for (String group : baseline.groups()) {
            checkGroup(group, baseline, targetDown, found, notChecked);
        }
        new ProducerChecks(source, baseline, explainedEnds, found, notChecked).run(partitions(baseline));
        baseline.topics().keySet().stream()
                .filter(t -> !baseline.partitionCounts().containsKey(t))
                .forEach(t -> {
                    notChecked.add(new NotChecked(
                            StrayKind.SOURCE_PRODUCER, t, "the baseline could not read the topic's partitions"));
                    notChecked.add(new NotChecked(
                            StrayKind.SOURCE_LOG_GROWTH, t, "the baseline could not read the topic's partitions"));
                });
        return new StrayReport(at, found, notChecked);
    }

    private void checkGroup(
            String group,
            StrayBaseline baseline,
            Optional<String> targetDown,
            List<StrayClient> found,
            List<NotChecked> not) {
        Optional<List<GroupMember>> onSource = members(source, group, StrayKind.SOURCE_MEMBER, not);
        Optional<List<GroupMember>> onTarget;
        if (target.isEmpty()) {
            not.add(new NotChecked(StrayKind.BOTH_SIDES, group, "no connection to the " + targetName));
            onTarget = Optional.empty();
        } else if (targetDown.isPresent()) {
            not.add(new NotChecked(StrayKind.BOTH_SIDES, group, targetDown.get()));
            onTarget = Optional.empty();
        } else {
            onTarget = members(target.get(), group, StrayKind.BOTH_SIDES, not);
        }
        if (onSource.isEmpty()) {
            if (target.isPresent() && onTarget.isPresent()) {
                not.add(new NotChecked(StrayKind.BOTH_SIDES, group, "the " + source.cluster() + " did not answer"));
            }
        } else {
            int targetCount = onTarget.map(List::size).orElse(0);
            for (GroupMember m : onSource.get()) {
                boolean both = targetCount > 0;
                found.add(new StrayClient(
                        both ? StrayKind.BOTH_SIDES : StrayKind.SOURCE_MEMBER,
                        group,
                        m.clientId(),
                        m.host(),
                        StrayClient.UNKNOWN,
                        m.describe() + " on the " + source.cluster()
                                + (both ? ", while " + targetCount + " run on the " + targetName : "")));
            }
        }
        checkCommits(group, baseline, onSource.orElse(List.of()), found, not);
    }

    private void checkCommits(
            String group,
            StrayBaseline baseline,
            List<GroupMember> onSource,
            List<StrayClient> found,
            List<NotChecked> not) {
        Map<String, Long> before = baseline.groupOffsets().get(group);
        if (before == null) {
            not.add(new NotChecked(
                    StrayKind.SOURCE_COMMIT, group, "the baseline could not read the group's committed offsets"));
            return;
        }
        Map<String, Long> now;
        try {
            now = StrayBaseline.keyed(source.committed(group));
        } catch (CutoverException e) {
            not.add(new NotChecked(StrayKind.SOURCE_COMMIT, group, e.getMessage()));
            return;
        }
        List<String> changed = new ArrayList<>();
        new TreeMap<>(now).forEach((tp, offset) -> {
            Long was = before.get(tp);
            if (!offset.equals(was)) {
                changed.add(tp + ": " + (was == null ? "none" : was) + " -> " + offset);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        String clients = onSource.isEmpty()
                ? StrayClient.UNKNOWN
                : String.join(
                        ",",
                        onSource.stream().map(GroupMember::clientId).distinct().toList());
        String hosts = onSource.isEmpty()
                ? StrayClient.UNKNOWN
                : String.join(
                        ",", onSource.stream().map(GroupMember::host).distinct().toList());
        found.add(new StrayClient(
                StrayKind.SOURCE_COMMIT,
                group,
                clients,
                hosts,
                StrayClient.UNKNOWN,
                String.join(", ", changed)
                        + (onSource.isEmpty()
                                ? " (no member on the " + source.cluster() + ": a client outside the group's"
                                        + " membership committed, e.g. one using assign() with this group id, or an"
                                        + " admin tool)"
                                : " (by the group's members on the " + source.cluster() + ")")));
    }

    /** Why the cluster cannot be asked anything (it does not answer, or refuses us), or empty when it answers. */
    private static Optional<String> down(ClusterCalls on) {
        try {
            on.await(
                    on.admin()
                            .describeCluster(new DescribeClusterOptions().timeoutMs(on.timeoutMs()))
                            .clusterId(),
                    "read the cluster's id");
            return Optional.empty();
        } catch (CutoverException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The group's members on one cluster, or empty (with the check listed as not made) when it does not answer. */
    private static Optional<List<GroupMember>> members(
            ClusterCalls on, String group, StrayKind kind, List<NotChecked> not) {
        try {
            Optional<GroupWatch.Snapshot> d = on.describe(group);
            return Optional.of(GroupWatch.idle(d) ? List.of() : GroupWatch.members(d));
        } catch (CutoverException e) {
            not.add(new NotChecked(kind, group, e.getMessage()));
            return Optional.empty();
        }
    }

    static List<TopicPartition> partitions(Map<String, Integer> counts) {
        List<TopicPartition> out = new ArrayList<>();
        counts.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                out.add(new TopicPartition(t, p));
            }
        });
        return out;
    }

    private static List<TopicPartition> partitions(StrayBaseline baseline) {
        return partitions(new TreeMap<>(baseline.partitionCounts()));
    }
}
