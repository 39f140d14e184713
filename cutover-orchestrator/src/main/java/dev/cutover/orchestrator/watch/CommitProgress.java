package dev.cutover.orchestrator.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer group made progress on a cluster over an observation window, judged from its committed offsets
 * (what a moved consumer proves by committing) and its lag at the end of the window:
 *
 * <ul>
 *   <li>{@link Verdict#ADVANCED}: a committed offset moved forward on at least one partition;
 *   <li>{@link Verdict#CAUGHT_UP}: no committed offset moved, but there was nothing to read: every committed partition
 *       has lag 0 at the end of the window (an idle topic gives a healthy consumer nothing to commit);
 *   <li>{@link Verdict#STALLED}: no committed offset moved while records wait (lag above 0), or a partition's end
 *       could not be read (then the lag is not known to be 0);
 *   <li>{@link Verdict#NO_COMMITS}: the group has no committed offset at all on the cluster at the end of the window.
 * </ul>
 *
 * Offsets that moved backwards (a reset) are listed in {@link #movedBack} and are not progress.
 *
 * @param advanced partitions whose committed offset moved forward, e.g. {@code "orders-0: 10 -> 25"}
 * @param lagAtEnd the group's lag when the window ended (or when progress was seen)
 * @param observedMs how long was watched
 */
public record CommitProgress(
        String group,
        String cluster,
        Verdict verdict,
        List<String> advanced,
        List<String> movedBack,
        GroupLag lagAtEnd,
        long observedMs) {
    public CommitProgress {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(verdict, "verdict");
        advanced = List.copyOf(advanced);
        movedBack = List.copyOf(movedBack);
        Objects.requireNonNull(lagAtEnd, "lagAtEnd");
    }

    /** How the group fared; see the class comment. */
    public enum Verdict {
        ADVANCED,
        CAUGHT_UP,
        STALLED,
        NO_COMMITS;

        /** Whether the verdict is evidence that the consumer works. */
        public boolean healthy() {
            return this == ADVANCED || this == CAUGHT_UP;
        }
    }

    /**
     * Judges a window from the committed offsets at its start and end and the lag at its end (pure: no cluster).
     *
     * @param observedMs how long the window lasted
     */
    public static CommitProgress judge(
            Map<TopicPartition, Long> before, Map<TopicPartition, Long> after, GroupLag lagAtEnd, long observedMs) {
        List<String> advanced = new ArrayList<>();
        List<String> movedBack = new ArrayList<>();
        after.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition)))
                .forEach(e -> {
                    Long was = before.get(e.getKey());
                    long now = e.getValue();
                    String line = e.getKey() + ": " + (was == null ? "none" : was) + " -> " + now;
                    if (was == null || now > was) {
                        advanced.add(line);
                    } else if (now < was) {
                        movedBack.add(line);
                    }
                });
        Verdict verdict;
        if (!advanced.isEmpty()) {
            verdict = Verdict.ADVANCED;
        } else if (after.isEmpty()) {
            verdict = Verdict.NO_COMMITS;
        } else if (lagAtEnd.caughtUp()) {
            verdict = Verdict.CAUGHT_UP;
        } else {
            verdict = Verdict.STALLED;
        }
        return new CommitProgress(
                lagAtEnd.group(), lagAtEnd.cluster(), verdict, advanced, movedBack, lagAtEnd, observedMs);
    }

    /** One line for people. */
    public String text() {
        return switch (verdict) {
            case ADVANCED -> "group '" + group + "' commits on the " + cluster + ": " + String.join(", ", advanced);
            case CAUGHT_UP ->
                "group '" + group + "' committed nothing on the " + cluster + " in " + observedMs
                        + " ms, and had nothing to read (lag 0)";
            case STALLED ->
                "group '" + group + "' committed nothing on the " + cluster + " in " + observedMs + " ms while "
                        + lagAtEnd.total() + " records wait"
                        + (lagAtEnd.unknown().isEmpty()
                                ? ""
                                : " (and the end of " + String.join(", ", lagAtEnd.unknown()) + " is unknown)");
            case NO_COMMITS -> "group '" + group + "' has no committed offset on the " + cluster;
        };
    }
}
