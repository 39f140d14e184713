package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.readiness.Area;
import java.util.ArrayList;
import java.util.List;

/**
 * Observability parity: evidence that the metrics the team needs on the target (produce and consume errors, consumer
 * lag, authorization failures, replication lag) are exported and watched before traffic moves. Any passing evidence
 * of the area answers {@code OBS-001}: a person's attestation, or a probe whose observability checks all passed (which
 * shows the signals exist and can be read, not that anyone watches them). Whether cutover itself
 * can read the target's broker metrics (a JMX URL in the target profile) is reported as information.
 */
final class ObservabilityRules {
    private ObservabilityRules() {}

    static AreaResult evaluate(WorkloadContext c) {
        String subject = "workload " + c.name();
        List<Finding> findings = new ArrayList<>(c.evidenceFindings(Area.OBSERVABILITY));
        if (c.passing(Area.OBSERVABILITY).isEmpty()) {
            findings.add(Finding.of(
                    "OBS-001",
                    Severity.WARNING,
                    subject,
                    "no evidence that its errors, lag, authorization failures and replication lag are visible on the"
                            + " target before traffic moves; `cutover probe` shows that the signals exist and can be"
                            + " read (with the target's jmx: URL, the link running, the groups committed there);"
                            + " record the dashboards and alerts that watch them with `cutover evidence add --area"
                            + " observability`"));
        }
        if (!c.input().endpoints().targetJmx()) {
            findings.add(Finding.of(
                    "OBS-002",
                    Severity.INFO,
                    subject,
                    "cutover cannot observe the target's brokers: the target profile has no jmx URL"));
        }
        return AreaResult.of(Area.OBSERVABILITY, c.owner(), findings, c.passingPaths(Area.OBSERVABILITY));
    }
}
