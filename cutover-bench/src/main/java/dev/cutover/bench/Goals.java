package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The link's goals (issue 7), judged on a {@link LinkBenchmark.Result}: records/s at least 0.9× the target's write
 * limit and 2× MirrorMaker 2 exactly-once at any size; up to 1,000 partitions at most 256 MiB of heap retained and at
 * least 0.9× the copy loop; above 1,000 partitions the first record on the target within 30 s and at most 512 MiB
 * retained. Figures, not a test: a goal a run cannot judge (a contender failed or was left out) is {@code UNKNOWN}.
 */
public final class Goals {
    /** Up to this many partitions the small-estate goals apply, above it the large-estate ones. */
    static final int SMALL_ESTATE = 1_000;

    public enum Verdict {
        MET,
        MISSED,
        UNKNOWN
    }

    /** One goal: what it asks, what the run measured, and whether that meets it. */
    public record Goal(String goal, String measured, Verdict verdict) {}

    private Goals() {}

    public static List<Goal> of(LinkBenchmark.Result result) {
        long n = result.options().records();
        Optional<ContenderResult> link = result.find(LinkBenchmark.CUTOVER_LINK);
        List<Goal> goals = new ArrayList<>();
        goals.add(ratio(result, link, WriteLimitReplicator.NAME, 0.9, n));
        goals.add(ratio(result, link, MirrorMakerReplicator.EXACTLY_ONCE, 2.0, n));
        if (result.options().partitions() <= SMALL_ESTATE) {
            goals.add(ratio(result, link, CopyLoopReplicator.NAME, 0.9, n));
            goals.add(heap(link, 256));
        } else {
            double first = link.map(ContenderResult::medianFirstRecordSeconds).orElse(Double.NaN);
            goals.add(new Goal(
                    "cutover link: first record on the target within 30 s",
                    Double.isNaN(first) ? "no record copied" : String.format("%.1f s", first),
                    Double.isNaN(first) ? Verdict.MISSED : first <= 30 ? Verdict.MET : Verdict.MISSED));
            goals.add(heap(link, 512));
        }
        return goals;
    }

    private static Goal ratio(
            LinkBenchmark.Result result, Optional<ContenderResult> link, String base, double factor, long n) {
        String goal = String.format("cutover link ≥ %.1f× %s (records/s)", factor, base);
        Optional<Goal> unjudged = linkFailed(goal, link);
        if (unjudged.isPresent()) {
            return unjudged.get();
        }
        double linkRate = link.orElseThrow().medianRate(n);
        double baseRate = result.find(base).map(c -> c.medianRate(n)).orElse(Double.NaN);
        if (Double.isNaN(baseRate)) {
            return new Goal(goal, "no completed run of " + base, Verdict.UNKNOWN);
        }
        double ratio = linkRate / baseRate;
        return new Goal(goal, String.format("%.2f×", ratio), ratio >= factor ? Verdict.MET : Verdict.MISSED);
    }

    private static Goal heap(Optional<ContenderResult> link, int mib) {
        String goal = String.format("cutover link: heap retained ≤ %d MiB", mib);
        Optional<Goal> unjudged = linkFailed(goal, link);
        if (unjudged.isPresent()) {
            return unjudged.get();
        }
        double retained = link.orElseThrow().medianRetainedMib();
        return new Goal(goal, String.format("%,.0f MiB", retained), retained <= mib ? Verdict.MET : Verdict.MISSED);
    }

    /** Not judged when the link was left out; missed when it ran but never completed a copy. */
    private static Optional<Goal> linkFailed(String goal, Optional<ContenderResult> link) {
        if (link.isEmpty()) {
            return Optional.of(new Goal(goal, "the link was not run", Verdict.UNKNOWN));
        }
        if (!link.get().anyCompleted()) {
            return Optional.of(new Goal(goal, "the link completed no copy", Verdict.MISSED));
        }
        return Optional.empty();
    }
}
