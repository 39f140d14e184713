package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.readiness.Area;
import java.util.ArrayList;
import java.util.List;

/**
 * Rollback path: a named rollback owner ({@code rollbackOwner}), a way back, and a recorded rehearsal (evidence in area
 * rollback). The way back for a workload that reads with a group is its offset decision: {@code translate} moves the
 * group back exactly ({@code offsets translate --direction reverse}), the others replay or skip by decision; a
 * workload that only writes goes back by switching its endpoint, which its rehearsal shows.
 */
final class RollbackRules {
    private RollbackRules() {}

    static AreaResult evaluate(WorkloadContext c) {
        String subject = "workload " + c.name();
        List<Finding> findings = new ArrayList<>(c.evidenceFindings(Area.ROLLBACK));
        String owner = c.workload().rollbackOwner().orElse(c.owner());
        if (c.workload().rollbackOwner().isEmpty()) {
            findings.add(Finding.of(
                    "ROLLBACK-001",
                    Severity.WARNING,
                    subject,
                    "no rollback owner: name who decides to roll back with 'rollbackOwner:' in workloads.yaml"));
        }
        if (c.consumes() && c.workload().offsets().isEmpty()) {
            findings.add(Finding.of(
                    "ROLLBACK-002",
                    Severity.WARNING,
                    subject,
                    "no way back recorded: where its groups resume on the source after a rollback follows from its"
                            + " offset decision, and it has none"));
        }
        if (c.passing(Area.ROLLBACK).isEmpty()) {
            findings.add(Finding.of(
                    "ROLLBACK-003",
                    Severity.WARNING,
                    subject,
                    "no rollback rehearsal recorded: rehearse going back to the source on this or a representative"
                            + " workload and record it with `cutover evidence add --area rollback`"));
        }
        return AreaResult.of(Area.ROLLBACK, owner, findings, c.passingPaths(Area.ROLLBACK));
    }
}
