package dev.cutover.readiness.report;

import dev.cutover.readiness.areas.AreaResult;
import dev.cutover.readiness.areas.Verdict;
import dev.cutover.readiness.areas.WorkloadResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One wave's page: its six readiness points and, for each workload, the seven areas. The wave is ready only when every
 * workload in it is ready in every area (a wave without workloads is not ready: there is nothing to show).
 *
 * @param pattern the cutover pattern's spelling, e.g. {@code consumer-first}
 */
public record WaveReadiness(
        String name,
        int order,
        String pattern,
        String patternReason,
        String owner,
        Verdict verdict,
        List<PointResult> points,
        List<WorkloadResult> workloads) {
    public WaveReadiness {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        points = List.copyOf(points);
        workloads = List.copyOf(workloads);
    }

    public static WaveReadiness of(
            String name, int order, String pattern, String patternReason, String owner, List<WorkloadResult> results) {
        List<PointResult> points = new ArrayList<>();
        for (ReadinessPoint p : ReadinessPoint.values()) {
            Set<String> owners = new LinkedHashSet<>();
            Set<String> evidence = new LinkedHashSet<>();
            List<String> notReady = new ArrayList<>();
            for (WorkloadResult w : results) {
                boolean ready = true;
                for (var area : p.areas()) {
                    AreaResult a = w.area(area);
                    owners.add(a.owner());
                    evidence.addAll(a.evidence());
                    ready &= a.ready();
                }
                if (!ready) {
                    notReady.add(w.workload());
                }
            }
            Verdict v = !results.isEmpty() && notReady.isEmpty() ? Verdict.READY : Verdict.NOT_READY;
            points.add(new PointResult(p, p.title(), v, List.copyOf(owners), List.copyOf(evidence), notReady));
        }
        Verdict verdict = !results.isEmpty() && results.stream().allMatch(WorkloadResult::ready)
                ? Verdict.READY
                : Verdict.NOT_READY;
        return new WaveReadiness(name, order, pattern, patternReason, owner, verdict, points, results);
    }

    public boolean ready() {
        return verdict == Verdict.READY;
    }

    /** Findings of every area of every workload, info included. */
    public long findingCount() {
        return workloads.stream()
                .flatMap(w -> w.areas().stream())
                .mapToLong(a -> a.findings().size())
                .sum();
    }

    /** Findings that block (warning or error). */
    public long blockingCount() {
        return workloads.stream()
                .flatMap(w -> w.areas().stream())
                .flatMap(a -> a.findings().stream())
                .filter(f -> f.severity().atLeast(dev.cutover.api.Severity.WARNING))
                .count();
    }
}
