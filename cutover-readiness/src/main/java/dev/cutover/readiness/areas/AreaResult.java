package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.readiness.Area;
import java.util.List;
import java.util.Objects;

/**
 * One workload's verdict in one area, the findings behind it, who owns it and the evidence it rests on.
 *
 * <p>Invariant: {@code READY} only with at least one piece of evidence and no finding of severity WARNING or worse.
 * {@link #of} derives the verdict so; the constructor refuses anything else.
 *
 * @param evidence references: evidence files ({@code evidence/....json}), {@code workloads.yaml#<workload>}, or the
 *     target scan ({@code target <cluster id> scanned <time>})
 */
public record AreaResult(Area area, Verdict verdict, String owner, List<Finding> findings, List<String> evidence) {
    public AreaResult {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(owner, "owner");
        findings = List.copyOf(findings);
        evidence = List.copyOf(evidence);
        if (verdict == Verdict.READY && (evidence.isEmpty() || findings.stream().anyMatch(AreaResult::blocks))) {
            throw new IllegalArgumentException(area + ": READY needs evidence and no blocking finding");
        }
    }

    /** The verdict the findings and evidence allow: READY only with evidence and nothing at WARNING or above. */
    public static AreaResult of(Area area, String owner, List<Finding> findings, List<String> evidence) {
        boolean ready = !evidence.isEmpty() && findings.stream().noneMatch(AreaResult::blocks);
        return new AreaResult(area, ready ? Verdict.READY : Verdict.NOT_READY, owner, findings, evidence);
    }

    public boolean ready() {
        return verdict == Verdict.READY;
    }

    static boolean blocks(Finding f) {
        return f.severity().atLeast(Severity.WARNING);
    }
}
