package dev.cutover.readiness.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The workspace's evidence as {@code evidence list} shows it and {@code evidence prune} trims it: per record, whether
 * it counts and, if not, why (in this order: stale by age, superseded, a preview, failed).
 *
 * <p>Superseded: a newer record of the same workload, area, kind and {@linkplain Evidence#scope() scope} (the group
 * of offsets evidence, the topic of verify evidence), and of the same sort (preview or not), exists; readiness only ever looks at the newest of these, so the older ones decide nothing.
 * Whether the record was taken against the current target is judged by {@code readiness}, which can ask the target.
 */
public final class EvidenceLedger {
    private EvidenceLedger() {}

    /** Why a record does not count. */
    public enum NotCounted {
        STALE("stale"),
        SUPERSEDED("superseded"),
        PREVIEW("preview"),
        FAILED("failed");

        private final String word;

        NotCounted(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One record and its standing.
     *
     * @param notCounted why it does not count, or empty when it counts
     * @param why for people: the age limit it passed, the file that supersedes it, the failure's note
     */
    public record Entry(StoredEvidence stored, Optional<NotCounted> notCounted, Optional<String> why) {
        public Entry {
            Objects.requireNonNull(stored, "stored");
            Objects.requireNonNull(notCounted, "notCounted");
            Objects.requireNonNull(why, "why");
        }

        public boolean counts() {
            return notCounted.isEmpty();
        }

        /** {@code yes}, or {@code no: <word>[: why]}. */
        public String describe() {
            return notCounted
                    .map(n -> "no: " + n.word() + why.map(w -> " (" + w + ")").orElse(""))
                    .orElse("yes");
        }
    }

    /** Every record, in the given order, with its standing at {@code now}. */
    public static List<Entry> assess(List<StoredEvidence> all, Instant now, Duration maxAge) {
        Map<String, StoredEvidence> newest = new HashMap<>();
        Comparator<StoredEvidence> byTime = Comparator.comparing(
                        (StoredEvidence s) -> s.evidence().takenAtInstant())
                .thenComparing(StoredEvidence::path);
        for (StoredEvidence s : all) {
            newest.merge(key(s.evidence()), s, (a, b) -> byTime.compare(a, b) >= 0 ? a : b);
        }
        List<Entry> out = new ArrayList<>();
        for (StoredEvidence s : all) {
            Evidence e = s.evidence();
            Freshness.Assessed fresh = Freshness.assess(s, now, maxAge, Optional.empty());
            StoredEvidence latest = newest.get(key(e));
            if (!fresh.usable()) {
                out.add(new Entry(s, Optional.of(NotCounted.STALE), fresh.staleBecause()));
            } else if (latest != s) {
                out.add(new Entry(s, Optional.of(NotCounted.SUPERSEDED), Optional.of("by " + latest.path())));
            } else if (e.preview()) {
                out.add(new Entry(
                        s,
                        Optional.of(NotCounted.PREVIEW),
                        Optional.of("shows what " + e.producedBy() + " saw; only a real run counts")));
            } else if (!e.passed()) {
                out.add(new Entry(
                        s,
                        Optional.of(NotCounted.FAILED),
                        Optional.ofNullable(e.details().get("note"))));
            } else {
                out.add(new Entry(s, Optional.empty(), Optional.empty()));
            }
        }
        return out;
    }

    private static String key(Evidence e) {
        return String.join(
                "\u0000", e.workload(), e.area().yamlName(), e.kind(), e.scope(), Boolean.toString(e.preview()));
    }
}
