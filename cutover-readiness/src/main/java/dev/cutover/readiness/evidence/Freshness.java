package dev.cutover.readiness.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether evidence still counts: evidence older than the maximum age, or taken against another target cluster, counts
 * as missing. The reason is for people: {@code stale: 41 days old (the limit is 30 days)}, {@code taken against cluster
 * X, target is Y}.
 */
public final class Freshness {
    private Freshness() {}

    /** A stored evidence and, if it no longer counts, why. */
    public record Assessed(StoredEvidence stored, Optional<String> staleBecause) {
        public Assessed {
            Objects.requireNonNull(stored, "stored");
            Objects.requireNonNull(staleBecause, "staleBecause");
        }

        public boolean usable() {
            return staleBecause.isEmpty();
        }

        public Evidence evidence() {
            return stored.evidence();
        }
    }

    /**
     * @param targetClusterId the target's cluster id now, or empty if unknown (then the cluster id is not checked)
     */
    public static Assessed assess(
            StoredEvidence stored, Instant now, Duration maxAge, Optional<String> targetClusterId) {
        Evidence e = stored.evidence();
        Duration age = Duration.between(e.takenAtInstant(), now);
        if (age.compareTo(maxAge) > 0) {
            return new Assessed(
                    stored, Optional.of("stale: " + describe(age) + " old (the limit is " + describe(maxAge) + ")"));
        }
        if (e.targetClusterId() != null
                && targetClusterId.isPresent()
                && !e.targetClusterId().equals(targetClusterId.get())) {
            return new Assessed(
                    stored,
                    Optional.of(
                            "taken against cluster " + e.targetClusterId() + ", target is " + targetClusterId.get()));
        }
        return new Assessed(stored, Optional.empty());
    }

    /** {@code 41 days}, {@code 1 day}, {@code 5 hours}, {@code 12 minutes}. */
    static String describe(Duration d) {
        long days = d.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = d.toHours();
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(0, d.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
