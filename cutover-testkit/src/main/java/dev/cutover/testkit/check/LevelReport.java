package dev.cutover.testkit.check;

import java.util.List;
import org.apache.kafka.common.IsolationLevel;

/** The differences of one partition as a consumer at {@code level} would see the target. */
public record LevelReport(
        IsolationLevel level,
        Sampled<Discrepancy> lost,
        Sampled<Discrepancy> duplicated,
        Sampled<Discrepancy> phantom,
        Sampled<Discrepancy> reordered,
        Sampled<Discrepancy> altered) {

    public boolean isClean() {
        return kinds().stream().allMatch(Sampled::isEmpty);
    }

    public Sampled<Discrepancy> of(Discrepancy.Kind kind) {
        return switch (kind) {
            case LOST -> lost;
            case DUPLICATED -> duplicated;
            case PHANTOM -> phantom;
            case REORDERED -> reordered;
            case ALTERED -> altered;
        };
    }

    /** The same findings as {@code other}, whatever the levels. */
    public boolean sameFindings(LevelReport other) {
        return kinds().equals(other.kinds());
    }

    private List<Sampled<Discrepancy>> kinds() {
        return List.of(lost, duplicated, phantom, reordered, altered);
    }

    /** Non-zero kinds only, e.g. {@code lost 1 [lost source@17 (key="a")]; phantom 0}. */
    @Override
    public String toString() {
        if (isClean()) {
            return "clean";
        }
        StringBuilder s = new StringBuilder();
        for (Discrepancy.Kind kind : Discrepancy.Kind.values()) {
            Sampled<Discrepancy> found = of(kind);
            if (found.isEmpty()) {
                continue;
            }
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(kind.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(found.count());
            s.append(' ').append(found.samples());
            if (found.count() > found.samples().size()) {
                s.append("…");
            }
        }
        return s.toString();
    }
}
