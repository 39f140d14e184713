package dev.cutover.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code readiness:} section of {@code cutover.yaml}.
 *
 * @param maxEvidenceAge evidence older than this counts as missing (default {@value #DEFAULT_MAX_EVIDENCE_AGE_DAYS}
 *     days)
 */
public record ReadinessSettings(Duration maxEvidenceAge) {
    public static final int DEFAULT_MAX_EVIDENCE_AGE_DAYS = 30;

    public ReadinessSettings {
        Objects.requireNonNull(maxEvidenceAge, "maxEvidenceAge");
        if (maxEvidenceAge.isNegative() || maxEvidenceAge.isZero()) {
            throw new IllegalArgumentException("maxEvidenceAge must be positive: " + maxEvidenceAge);
        }
    }

    public static ReadinessSettings defaults() {
        return new ReadinessSettings(Duration.ofDays(DEFAULT_MAX_EVIDENCE_AGE_DAYS));
    }
}
