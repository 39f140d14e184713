package dev.cutover.cli;

import dev.cutover.api.Finding;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.report.ReportFormat;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.ReadinessRun;
import dev.cutover.readiness.areas.AreaResult;
import dev.cutover.readiness.areas.WorkloadResult;
import dev.cutover.readiness.report.ReadinessFiles;
import dev.cutover.readiness.report.ReadinessReport;
import dev.cutover.readiness.report.WaveReadiness;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The demo's readiness step: judges the sample estate with the inventory just taken and prints a short summary. */
final class DemoReadiness {
    private DemoReadiness() {}

    /**
     * @param syncEvidence the evidence the link step's offsets sync recorded: the lines below show readiness using it
     */
    static Map<ReportFormat, Path> run(
            Workspace ws, InventoryReport source, List<String> syncEvidence, PrintWriter out) {
        long t0 = System.nanoTime();
        ReadinessReport report = new ReadinessRun(Clock.systemUTC())
                .run(new ReadinessRun.Request(ws, Optional.empty(), Optional.empty(), Optional.of(source)));
        Map<ReportFormat, Path> files = ReadinessFiles.write(ws.reportsDir(), ReadinessFiles.render(report));
        out.printf("      took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        report.planNotes().forEach(n -> out.println("      plan: " + n));
        for (WaveReadiness w : report.waves()) {
            long ready = w.workloads().stream().filter(WorkloadResult::ready).count();
            out.printf(
                    "      wave %s (%s): %s — %d of %d workload(s) ready, %d finding(s), %d blocking%n",
                    w.name(),
                    w.pattern(),
                    w.ready() ? "READY" : "NOT READY",
                    ready,
                    w.workloads().size(),
                    w.findingCount(),
                    w.blockingCount());
            out.println("        why " + w.pattern() + ": " + w.patternReason());
            for (WorkloadResult r : w.workloads()) {
                List<String> codes = r.areas().stream()
                        .filter(a -> !a.ready())
                        .flatMap(DemoReadiness::blocking)
                        .distinct()
                        .toList();
                out.println("        " + r.workload() + ": "
                        + (r.ready() ? "READY" : "NOT READY (" + String.join(" ", codes) + ")"));
            }
        }
        for (WaveReadiness w : report.waves()) {
            for (WorkloadResult r : w.workloads()) {
                AreaResult offsets = r.area(Area.OFFSETS);
                offsets.evidence().stream()
                        .filter(syncEvidence::contains)
                        .forEach(e -> out.println("      "
                                + r.workload() + ": offsets " + (offsets.ready() ? "READY" : "NOT READY") + " on " + e
                                + " (recorded by the offsets sync in step 3)"));
            }
        }
        for (WaveReadiness w : report.waves()) {
            for (WorkloadResult r : w.workloads()) {
                if (!r.workload().equals(DemoProof.MOVED)) {
                    continue;
                }
                out.println("      " + r.workload() + ", area by area, and the evidence each verdict rests on:");
                for (AreaResult a : r.areas()) {
                    List<String> recorded = a.evidence().stream()
                            .filter(e -> e.startsWith("evidence/"))
                            .toList();
                    List<String> blocking = blocking(a).distinct().toList();
                    out.println("        " + a.area().name().toLowerCase(java.util.Locale.ROOT) + ": "
                            + (a.ready() ? "READY" : "NOT READY (" + String.join(" ", blocking) + ")")
                            + (a.evidence().isEmpty()
                                    ? ": no evidence"
                                    : " on " + String.join(", ", recorded.isEmpty() ? a.evidence() : recorded)));
                }
            }
        }
        out.println("      (every finding, with why and the fix, is in reports/readiness.md; evidence is also recorded"
                + " with `cutover evidence add`, offsets decisions in workloads.yaml; see docs/readiness.md)");
        return files;
    }

    private static java.util.stream.Stream<String> blocking(AreaResult a) {
        return a.findings().stream()
                .filter(f -> f.severity().atLeast(dev.cutover.api.Severity.WARNING))
                .map(Finding::code);
    }
}
