package dev.cutover.readiness.plan;

import dev.cutover.inventory.report.Markdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The plan for people: waves with pattern and reason, risk per workload, recommendations, changes, dependencies. */
public final class PlanMarkdown {
    private PlanMarkdown() {}

    public static String render(PlanUpdate update, DependencyGraph graph) {
        Plan plan = update.plan();
        Markdown md = new Markdown();
        md.heading(1, "Migration plan");
        long high = count(plan, RiskClass.HIGH);
        long medium = count(plan, RiskClass.MEDIUM);
        long low = count(plan, RiskClass.LOW);
        md.paragraph(plan.waves().size() + " wave(s) for " + plan.risks().size() + " workload(s): " + high + " high, "
                + medium + " medium, " + low + " low risk. Waves run in order; edit " + Markdown.code(PlanFile.FILE)
                + " to change membership, order, pattern or owner, and re-run: your edits are kept.");
        md.heading(2, "What changed");
        md.bullets(
                update.changes().isEmpty()
                        ? List.of("nothing: " + PlanFile.FILE + " is up to date")
                        : update.changes().stream().map(Markdown::text).toList());
        md.heading(2, "Waves");
        for (Wave w : plan.waves()) {
            md.heading(
                    3,
                    w.name() + ": " + w.pattern().yamlName()
                            + w.owner().map(o -> " (owner " + o + ")").orElse(""));
            md.paragraph(Markdown.text(w.patternReason()));
            List<List<String>> rows = new ArrayList<>();
            for (String name : w.workloads()) {
                Risk r = plan.risks().get(name);
                rows.add(List.of(
                        Markdown.code(name),
                        r == null ? "?" : r.level().yamlName(),
                        r == null ? "" : Markdown.text(String.join("; ", r.reasons()))));
            }
            md.table(List.of("workload", "risk", "why"), rows);
        }
        md.heading(2, "Recommendations");
        if (plan.recommendations().isEmpty()) {
            md.paragraph("None.");
        }
        for (Recommendation r : plan.recommendations()) {
            md.heading(3, r.code() + " " + r.title());
            md.bullets(r.facts().stream().map(Markdown::text).toList());
        }
        md.heading(2, "Dependencies (producer → topic → consumer)");
        md.bullets(
                graph.edges().isEmpty()
                        ? List.of("no topic is known to be read or written")
                        : graph.edges().stream()
                                .map(e -> Markdown.text(e.toString()))
                                .toList());
        return md.toString();
    }

    private static long count(Plan plan, RiskClass level) {
        return plan.risks().values().stream()
                .map(Risk::level)
                .filter(level::equals)
                .count();
    }

    /** Risks in wave order, for renderers. */
    public static Map<String, Risk> risksInWaveOrder(Plan plan) {
        return PlanYamlWriter.ordered(plan);
    }
}
