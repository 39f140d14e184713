package dev.cutover.readiness.report;

import static dev.cutover.inventory.report.Markdown.code;
import static dev.cutover.inventory.report.Markdown.text;

import dev.cutover.api.Finding;
import dev.cutover.inventory.report.Markdown;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.areas.AreaResult;
import dev.cutover.readiness.areas.Verdict;
import dev.cutover.readiness.areas.WorkloadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The readiness report for people: a summary page, then one page per wave (separated by thematic breaks, which the
 * HTML prints as page breaks) with the six readiness points on top and the workloads × areas grid and findings below.
 */
public final class ReadinessMarkdown {
    private ReadinessMarkdown() {}

    public static String title(ReadinessReport r) {
        return "Readiness: " + (r.ready() ? "READY" : "NOT READY") + " (target " + r.targetClusterId() + ")";
    }

    public static String render(ReadinessReport r) {
        Markdown md = new Markdown();
        md.heading(1, title(r));
        md.paragraph("Generated " + text(r.generatedAt()) + " by cutover " + text(r.cutoverVersion()) + " for source "
                + code(r.sourceClusterId()) + " and target " + code(r.targetClusterId()) + ". Evidence counts when it"
                + " is younger than " + text(r.maxEvidenceAge()) + " and was taken against the target; a verdict"
                + " without evidence is NOT READY.");
        if (!r.planNotes().isEmpty()) {
            md.bullets(r.planNotes().stream().map(Markdown::text).toList());
        }
        md.table(
                List.of("wave", "pattern", "verdict", "workloads", "not ready", "blocking findings"),
                r.waves().stream()
                        .map(w -> List.of(
                                text(w.order() + ". " + w.name()),
                                code(w.pattern()),
                                verdict(w.verdict()),
                                text(w.workloads().size()),
                                text(w.workloads().stream()
                                        .filter(x -> !x.ready())
                                        .count()),
                                text(w.blockingCount())))
                        .toList());
        for (WaveReadiness w : r.waves()) {
            md.paragraph("---");
            wave(md, w);
        }
        return md.toString();
    }

    private static void wave(Markdown md, WaveReadiness w) {
        md.heading(1, "Wave " + w.order() + ": " + w.name() + " — " + (w.ready() ? "READY" : "NOT READY"));
        md.paragraph("Pattern " + code(w.pattern()) + ": " + text(w.patternReason())
                + (w.owner() == null ? "" : ". Wave owner: " + text(w.owner()))
                + ". Workloads: "
                + w.workloads().stream().map(x -> code(x.workload())).collect(Collectors.joining(", "))
                + ".");
        md.heading(2, "Readiness points");
        List<List<String>> rows = new ArrayList<>();
        int n = 1;
        for (PointResult p : w.points()) {
            rows.add(List.of(
                    text(n++),
                    text(p.title()),
                    verdict(p.verdict())
                            + (p.notReady().isEmpty()
                                    ? ""
                                    : " — "
                                            + p.notReady().stream()
                                                    .map(Markdown::code)
                                                    .collect(Collectors.joining(", "))),
                    text(String.join(", ", p.owners())),
                    p.evidence().isEmpty()
                            ? "*none*"
                            : p.evidence().stream().map(Markdown::code).collect(Collectors.joining(", "))));
        }
        md.table(List.of("#", "point", "verdict", "owner", "evidence"), rows);
        md.heading(2, "Workloads × areas");
        List<String> headers = new ArrayList<>(List.of("workload", "owner"));
        for (Area a : Area.values()) {
            headers.add(a.yamlName());
        }
        List<List<String>> grid = new ArrayList<>();
        for (WorkloadResult x : w.workloads()) {
            List<String> row = new ArrayList<>(List.of(code(x.workload()), text(x.owner())));
            for (AreaResult a : x.areas()) {
                row.add(cell(a));
            }
            grid.add(row);
        }
        md.table(headers, grid);
        md.heading(2, "Findings");
        for (WorkloadResult x : w.workloads()) {
            List<List<String>> findings = new ArrayList<>();
            for (AreaResult a : x.areas()) {
                for (Finding f : a.findings()) {
                    findings.add(List.of(
                            text(a.area().yamlName()),
                            code(f.code()),
                            text(f.severity()),
                            text(f.subject()),
                            text(f.message()),
                            f.evidence().stream().map(Markdown::code).collect(Collectors.joining(", "))));
                }
            }
            md.heading(3, x.workload() + " — " + (x.ready() ? "READY" : "NOT READY") + " (owner " + x.owner() + ")");
            md.table(List.of("area", "code", "severity", "subject", "finding", "evidence"), findings);
        }
    }

    private static String cell(AreaResult a) {
        List<String> codes = a.findings().stream()
                .filter(f -> f.severity().atLeast(dev.cutover.api.Severity.WARNING))
                .map(Finding::code)
                .distinct()
                .toList();
        return a.ready() ? "READY" : "**NOT READY** " + text(String.join(" ", codes));
    }

    private static String verdict(Verdict v) {
        return v == Verdict.READY ? "READY" : "**NOT READY**";
    }
}
