package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.config.Role;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.Freshness;
import java.util.ArrayList;
import java.util.List;

/**
 * Rollback path: a named rollback owner ({@code rollbackOwner}), a way back, and a recorded rehearsal (evidence in area
 * rollback). The way back for a workload that reads with a group is its offset decision: {@code translate} moves the
 * group back exactly ({@code offsets sync --direction reverse}), the others replay or skip by decision; a workload
 * that only writes goes back by switching its endpoint, which its rehearsal shows.
 *
 * <p>A reverse offsets sync (kind {@code offsets-sync}, detail {@code direction: reverse}, filed in area rollback) that
 * passed, not as a preview, for every group of a workload that only consumes (no producer, Streams or Connect role, no
 * transactional id) is its rehearsal: its way back is exactly that move (stop on the target, the groups moved back
 * exactly, restart on the source). For a workload that also writes it shows the groups' way back, not its writes',
 * so it does not settle {@code ROLLBACK-003}.
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
        List<Freshness.Assessed> rehearsals = c.passing(Area.ROLLBACK).stream()
                .filter(a -> !a.evidence().kind().equals(Evidence.OFFSETS_SYNC))
                .toList();
        List<String> movedBack = c.groups().stream()
                .filter(g -> c.passing(Area.ROLLBACK, Evidence.OFFSETS_SYNC, Evidence.GROUP, g).stream()
                        .anyMatch(a -> reverseSync(a.evidence())))
                .toList();
        List<String> notMovedBack =
                c.groups().stream().filter(g -> !movedBack.contains(g)).toList();
        boolean onlyConsumes =
                !c.has(Role.PRODUCER) && !c.has(Role.STREAMS) && !c.has(Role.CONNECT) && !c.transactional();
        boolean groupsRehearsed = !c.groups().isEmpty() && notMovedBack.isEmpty();
        if (rehearsals.isEmpty() && !(onlyConsumes && groupsRehearsed)) {
            String reverse = "";
            if (!movedBack.isEmpty()) {
                reverse = onlyConsumes
                        ? "; a reverse offsets sync moved back " + String.join(", ", movedBack) + " but not "
                                + String.join(", ", notMovedBack)
                                + ": run `cutover offsets sync --direction reverse` for those too"
                        : "; a reverse offsets sync shows the way back of its group(s) (" + String.join(", ", movedBack)
                                + ") but not of its writes";
            } else if (onlyConsumes && !c.groups().isEmpty()) {
                reverse = "; for a workload that only consumes, `cutover offsets sync --direction reverse` of each of"
                        + " its groups (" + String.join(", ", c.groups()) + ") is that rehearsal";
            }
            findings.add(Finding.of(
                    "ROLLBACK-003",
                    Severity.WARNING,
                    subject,
                    "no rollback rehearsal recorded: rehearse going back to the source on this or a representative"
                            + " workload and record it with `cutover evidence add --area rollback`" + reverse));
        }
        return AreaResult.of(Area.ROLLBACK, owner, findings, c.passingPaths(Area.ROLLBACK));
    }

    /** A real (not preview) sync of a group back to the source; previews never reach the rules. */
    private static boolean reverseSync(Evidence e) {
        return e.kind().equals(Evidence.OFFSETS_SYNC)
                && "reverse".equals(e.details().get("direction"));
    }
}
