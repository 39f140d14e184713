package dev.cutover.readiness.report;

import dev.cutover.readiness.areas.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * {@code cutover readiness}'s result, written as {@code reports/readiness.json} (this record, field by field), {@code
 * .md} and {@code .html}. Schema version {@value #SCHEMA_VERSION}, documented in {@code docs/readiness.md}; fields are
 * only added within a version. No secret is ever part of it.
 *
 * @param generatedAt ISO-8601 UTC
 * @param sourceClusterId the source cluster's id
 * @param targetClusterId the target cluster's id; evidence taken against another cluster does not count
 * @param maxEvidenceAge evidence older than this does not count, e.g. {@code 30d}
 * @param planNotes how the plan was obtained (read from plan.yaml, or computed first), one line each
 * @param verdict READY when every wave shown is ready
 * @param waves the waves shown (all, or the one asked for), in plan order
 */
public record ReadinessReport(
        int schemaVersion,
        String generatedAt,
        String cutoverVersion,
        String sourceClusterId,
        String targetClusterId,
        String maxEvidenceAge,
        List<String> planNotes,
        Verdict verdict,
        List<WaveReadiness> waves) {
    public static final int SCHEMA_VERSION = 1;

    public ReadinessReport {
        Objects.requireNonNull(verdict, "verdict");
        planNotes = List.copyOf(planNotes);
        waves = List.copyOf(waves);
    }

    public boolean ready() {
        return verdict == Verdict.READY;
    }
}
