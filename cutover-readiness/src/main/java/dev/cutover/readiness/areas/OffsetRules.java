package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.OffsetDecision;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.Freshness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Offset and replay policy: a workload that reads with a consumer group needs a recorded decision ({@code offsets:} in
 * workloads.yaml) that fits its duplicate tolerance, and for {@code translate} evidence from {@code cutover offsets
 * sync} that each of its groups was moved exactly. Previews ({@code offsets translate}, {@code sync --dry-run}) never
 * count: the group's consumers may still be running and committing on the source. A workload without a group has no
 * position to move; its manifest entry is the evidence.
 */
final class OffsetRules {
    private OffsetRules() {}

    static AreaResult evaluate(WorkloadContext c) {
        String subject = "workload " + c.name();
        String manifest = "workloads.yaml#" + c.name();
        List<Finding> findings = new ArrayList<>(c.evidenceFindings(Area.OFFSETS));
        List<String> evidence = new ArrayList<>();
        if (!c.consumes()) {
            findings.add(Finding.of(
                    "OFFSET-006",
                    Severity.INFO,
                    subject,
                    "reads with no consumer group: there is no position to move"));
            evidence.add(manifest);
            return AreaResult.of(Area.OFFSETS, c.owner(), findings, evidence);
        }
        Optional<OffsetDecision> decision = c.workload().offsets();
        if (decision.isEmpty()) {
            findings.add(Finding.of(
                    "OFFSET-001",
                    Severity.WARNING,
                    subject,
                    "no offset decision recorded: add 'offsets: translate | reset-to-time | replay-from-earliest |"
                            + " reset-latest' to it in workloads.yaml"));
            return AreaResult.of(Area.OFFSETS, c.owner(), findings, evidence);
        }
        evidence.add(manifest);
        DuplicateTolerance tolerance = c.workload().duplicateTolerance();
        switch (decision.get()) {
            case TRANSLATE -> translate(c, subject, findings, evidence);
            case RESET_TO_TIME, REPLAY_FROM_EARLIEST -> {
                if (tolerance == DuplicateTolerance.NONE) {
                    findings.add(Finding.of(
                            "OFFSET-002",
                            Severity.ERROR,
                            subject,
                            "offsets: " + decision.get().yamlName() + " re-reads records, but duplicateTolerance is"
                                    + " none: choose translate, or record that re-reading is harmless"
                                    + " (idempotent-downstream or replay-ok)"));
                }
            }
            case RESET_LATEST -> {
                if (tolerance != DuplicateTolerance.REPLAY_OK) {
                    findings.add(Finding.of(
                            "OFFSET-003",
                            Severity.WARNING,
                            subject,
                            "offsets: reset-latest skips every record the group had not read on the source;"
                                    + " with duplicateTolerance " + tolerance.yamlName() + " that loses data: drain"
                                    + " the group first and choose translate, or mark the workload replay-ok"));
                }
            }
        }
        return AreaResult.of(Area.OFFSETS, c.owner(), findings, evidence);
    }

    private static void translate(WorkloadContext c, String subject, List<Finding> findings, List<String> evidence) {
        if (c.groups().isEmpty()) {
            findings.add(Finding.of(
                    "OFFSET-005",
                    Severity.WARNING,
                    subject,
                    "offsets: translate, but no group of it is known (match.groupId is a glob and no group matched):"
                            + " name its groups"));
            return;
        }
        for (String group : c.groups()) {
            List<Freshness.Assessed> proof = c.passing(Area.OFFSETS, Evidence.OFFSETS_SYNC, "group", group);
            if (proof.isEmpty()) {
                int previews = c.previews(Area.OFFSETS, "group", group).size();
                findings.add(Finding.of(
                        "OFFSET-004",
                        Severity.WARNING,
                        "group " + group,
                        "offsets: translate, but no evidence that its offsets were moved exactly: stop the group on"
                                + " the source and run `cutover offsets sync --group " + group + "`"
                                + (previews == 0
                                        ? ""
                                        : " (" + previews + " preview(s) from `offsets translate` or `sync --dry-run`"
                                                + " show what would happen and do not count)")));
            } else {
                proof.forEach(p -> evidence.add(p.stored().path()));
            }
        }
    }
}
