package dev.cutover.readiness.report;

import dev.cutover.readiness.areas.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * One readiness point of one wave.
 *
 * @param owners the owners of the point's areas over the wave's workloads (rollback: the rollback owners)
 * @param evidence the evidence the point rests on, distinct
 * @param notReady the workloads not ready on this point
 */
public record PointResult(
        ReadinessPoint point,
        String title,
        Verdict verdict,
        List<String> owners,
        List<String> evidence,
        List<String> notReady) {
    public PointResult {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(verdict, "verdict");
        owners = List.copyOf(owners);
        evidence = List.copyOf(evidence);
        notReady = List.copyOf(notReady);
    }
}
