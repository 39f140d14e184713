package dev.cutover.readiness.plan;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes {@code plan.yaml}, format version 1 (see {@code docs/plan.md}): a commented header, the waves humans edit,
 * the risks and recommendations (informational, rewritten each run), and the {@code computed:} section that holds the
 * planner's own suggestion so a re-plan can tell human edits from its own values.
 */
final class PlanYamlWriter {
    static final String HEADER =
            """
            # cutover plan: the migration in waves (plan.yaml, format version 1), written by `cutover plan`.
            #
            # You may edit the waves:
            #   - move a workload to another wave, or to a wave you add (give it a new name, e.g. wave-payments);
            #   - reorder the waves (they run in list order);
            #   - change a wave's pattern: endpoint-switch, consumer-first, producer-first, linked or dual-write;
            #   - set or change a wave's owner.
            # Re-running `cutover plan` keeps every such edit, places new workloads, drops removed ones and prints
            # what changed. It tells your edits from its own by the `computed:` section at the end (its previous
            # suggestion): do not edit that section. `reason`, `risks` and `recommendations` are rewritten on every
            # run. The rules behind every value are in docs/plan.md.
            """;

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@/+-]*");
    private static final Set<String> RESERVED =
            Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");

    private PlanYamlWriter() {}

    static String write(Plan plan, List<Wave> computed) {
        StringBuilder out = new StringBuilder(HEADER);
        out.append("version: ").append(Plan.VERSION).append("\n\nwaves:\n");
        if (plan.waves().isEmpty()) {
            out.setLength(out.length() - 1);
            out.append(" []\n");
        }
        plan.waves().forEach(w -> wave(out, w, "  "));
        out.append("\n# Informational, rewritten on every run.\nrisks:");
        Map<String, Risk> risks = ordered(plan);
        if (risks.isEmpty()) {
            out.append(" {}");
        }
        out.append('\n');
        risks.forEach((name, risk) -> {
            out.append("  ").append(quote(name)).append(":\n");
            out.append("    level: ").append(risk.level().yamlName()).append('\n');
            out.append("    reasons:\n");
            risk.reasons().forEach(r -> out.append("      - ").append(quote(r)).append('\n'));
        });
        out.append("\n# Informational, rewritten on every run.\nrecommendations:");
        if (plan.recommendations().isEmpty()) {
            out.append(" []");
        }
        out.append('\n');
        for (Recommendation r : plan.recommendations()) {
            out.append("  - code: ").append(quote(r.code())).append('\n');
            out.append("    title: ").append(quote(r.title())).append('\n');
            out.append("    facts:\n");
            r.facts().forEach(f -> out.append("      - ").append(quote(f)).append('\n'));
        }
        out.append("\n# The planner's previous suggestion, to tell your edits from its own. Do not edit.\ncomputed:");
        if (computed.isEmpty()) {
            out.append(" []");
        }
        out.append('\n');
        computed.forEach(w -> wave(out, w, "  "));
        return out.toString();
    }

    private static void wave(StringBuilder out, Wave w, String indent) {
        out.append(indent).append("- name: ").append(quote(w.name())).append('\n');
        String in = indent + "  ";
        out.append(in).append("pattern: ").append(w.pattern().yamlName()).append('\n');
        w.owner()
                .ifPresent(
                        o -> out.append(in).append("owner: ").append(quote(o)).append('\n'));
        out.append(in).append("reason: ").append(quote(w.patternReason())).append('\n');
        out.append(in).append("workloads:");
        if (w.workloads().isEmpty()) {
            out.append(" []");
        }
        out.append('\n');
        w.workloads()
                .forEach(name ->
                        out.append(in).append("  - ").append(quote(name)).append('\n'));
    }

    /** Risks in wave order, then by name for any workload not in a wave. */
    static Map<String, Risk> ordered(Plan plan) {
        Map<String, Risk> ordered = new LinkedHashMap<>();
        plan.waves().forEach(w -> w.workloads().forEach(name -> {
            Risk r = plan.risks().get(name);
            if (r != null) {
                ordered.put(name, r);
            }
        }));
        plan.risks().entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry::getKey))
                .forEach(e -> ordered.putIfAbsent(e.getKey(), e.getValue()));
        return ordered;
    }

    /** A YAML scalar: plain when that is unambiguous, else double-quoted with JSON-style escapes. */
    static String quote(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
            return s;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
