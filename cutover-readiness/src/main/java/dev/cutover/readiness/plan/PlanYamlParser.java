package dev.cutover.readiness.plan;

import dev.cutover.config.yaml.ConfigErrors;
import dev.cutover.config.yaml.Fields;
import dev.cutover.config.yaml.Location;
import dev.cutover.config.yaml.YamlNode;
import dev.cutover.config.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses {@code plan.yaml}, format version 1. Every error is an {@code InvalidConfigException} (exit 2) naming
 * file:line:column, the path inside the file and the fix, with "did you mean" for unknown keys, patterns, levels and
 * workload names.
 */
final class PlanYamlParser {
    static final List<String> TOP_LEVEL = List.of("version", "waves", "risks", "recommendations", "computed");
    static final List<String> WAVE_KEYS = List.of("name", "pattern", "owner", "reason", "workloads");
    static final List<String> RISK_KEYS = List.of("level", "reasons");
    static final List<String> RECOMMENDATION_KEYS = List.of("code", "title", "facts");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private PlanYamlParser() {}

    /** A wave as written, with where its workloads were written. */
    record ParsedWave(Wave wave, Location at, Map<String, Location> workloadAt) {}

    /** The whole file: the human part, and the planner's previous suggestion if the file has one. */
    record ParsedPlan(List<ParsedWave> waves, Plan plan, Optional<List<Wave>> computed) {
        /** Every workload name the file knows as planned: in risks and in the computed section. */
        Set<String> planned() {
            Set<String> names = new TreeSet<>(plan.risks().keySet());
            computed.ifPresent(c -> c.forEach(w -> names.addAll(w.workloads())));
            return names;
        }

        /**
         * Fails on the first workload in a wave that is neither in {@code known} nor planned before, suggesting the
         * closest known name.
         */
        void requireKnown(Collection<String> known) {
            Set<String> all = new TreeSet<>(known);
            all.addAll(planned());
            if (all.isEmpty()) {
                return;
            }
            for (ParsedWave w : waves) {
                for (String name : w.wave().workloads()) {
                    if (!all.contains(name)) {
                        String suggestion = ConfigErrors.closest(name, known.isEmpty() ? all : known)
                                .map(s -> "did you mean '" + s + "'? ")
                                .orElse("");
                        throw ConfigErrors.invalid(
                                w.workloadAt().get(name),
                                "waves[" + (w.wave().order() - 1) + "].workloads",
                                "unknown workload '" + name + "'",
                                suggestion + "use a name from workloads.yaml, or an unowned client as the plan lists"
                                        + " it under risks");
                    }
                }
            }
        }
    }

    static ParsedPlan parse(Path file, String text) {
        Fields root =
                Fields.of(YamlReader.readDocument(file.toString(), text), "").allowOnly(TOP_LEVEL);
        String version = root.requireText("version", "add 'version: " + Plan.VERSION + "' as the first line");
        if (!version.equals(Integer.toString(Plan.VERSION))) {
            throw ConfigErrors.invalid(
                    root.locationOf("version"),
                    "version",
                    "unsupported version '" + version + "'",
                    "this cutover reads plan.yaml version " + Plan.VERSION + "; write 'version: " + Plan.VERSION
                            + "' or upgrade cutover");
        }
        List<ParsedWave> waves = waves(root, "waves")
                .orElseThrow(() -> root.missing("waves", "add 'waves:' with a list of waves, or run `cutover plan`"));
        Optional<List<Wave>> computed = waves(root, "computed")
                .map(l -> l.stream().map(ParsedWave::wave).toList());
        Plan plan = new Plan(
                Plan.VERSION, waves.stream().map(ParsedWave::wave).toList(), risks(root), recommendations(root));
        return new ParsedPlan(waves, plan, computed);
    }

    private static Optional<List<ParsedWave>> waves(Fields root, String key) {
        Optional<YamlNode> node = root.node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        List<YamlNode> items = items(node.get(), key, "write each wave as a list item starting with '- name: ...'");
        List<ParsedWave> waves = new ArrayList<>();
        Map<String, Location> names = new HashMap<>();
        Map<String, String> memberOf = new HashMap<>();
        Map<String, Location> memberAt = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            ParsedWave w = wave(Fields.of(items.get(i), key + "[" + i + "]"), i + 1);
            Location previous = names.putIfAbsent(w.wave().name(), w.at());
            if (previous != null) {
                throw ConfigErrors.invalid(
                        w.at(),
                        key + "[" + i + "].name",
                        "duplicate wave name '" + w.wave().name() + "' (first at line " + previous.line() + ")",
                        "give every wave a unique name");
            }
            for (String workload : w.wave().workloads()) {
                String other = memberOf.putIfAbsent(workload, w.wave().name());
                if (other != null) {
                    throw ConfigErrors.invalid(
                            w.workloadAt().get(workload),
                            key + "[" + i + "].workloads",
                            "workload '" + workload + "' is already in " + other + " (line "
                                    + memberAt.get(workload).line() + ")",
                            "keep each workload in exactly one wave: delete one of the two lines");
                }
                memberAt.put(workload, w.workloadAt().get(workload));
            }
            waves.add(w);
        }
        return Optional.of(List.copyOf(waves));
    }

    private static ParsedWave wave(Fields f, int order) {
        f.allowOnly(WAVE_KEYS);
        String name = f.requireText("name", "add 'name: wave-N' (any unique name) to this wave");
        if (!name.matches(NAME)) {
            throw ConfigErrors.invalid(
                    f.locationOf("name"),
                    f.pathOf("name"),
                    "wave name '" + name + "' has characters other than letters, digits, '.', '_' and '-'",
                    "rename it, e.g. wave-payments");
        }
        String patternText = f.requireText(
                "pattern", "add 'pattern:' with one of " + String.join(", ", patternNames()) + " to " + name);
        CutoverPattern pattern = CutoverPattern.fromYaml(patternText)
                .orElseThrow(() -> unknownValue(f, "pattern", patternText, patternNames()));
        Optional<String> owner = f.node("owner")
                .filter(n -> !(n instanceof YamlNode.Scalar s && s.value().isEmpty()))
                .map(n -> Fields.scalar(n, f.pathOf("owner")));
        String reason = f.text("reason").orElse("set by hand in plan.yaml");
        Map<String, Location> at = new LinkedHashMap<>();
        List<String> workloads = new ArrayList<>();
        Optional<YamlNode> list = f.node("workloads");
        if (list.isPresent()
                && !(list.get() instanceof YamlNode.Scalar s && s.value().isEmpty())) {
            List<YamlNode> items =
                    items(list.get(), f.pathOf("workloads"), "list the workloads, one '- name' per line");
            for (int i = 0; i < items.size(); i++) {
                String workload = Fields.scalar(items.get(i), f.pathOf("workloads") + "[" + i + "]");
                if (at.containsKey(workload)) {
                    throw ConfigErrors.invalid(
                            items.get(i).location(),
                            f.pathOf("workloads"),
                            "workload '" + workload + "' is listed twice in " + name,
                            "delete one of the two lines");
                }
                at.put(workload, items.get(i).location());
                workloads.add(workload);
            }
        }
        return new ParsedWave(
                new Wave(name, order, pattern, reason, workloads, owner),
                f.mapping().location(),
                at);
    }

    private static Map<String, Risk> risks(Fields root) {
        Map<String, Risk> risks = new LinkedHashMap<>();
        Optional<YamlNode> node = root.node("risks");
        if (node.isEmpty() || node.get() instanceof YamlNode.Scalar) {
            return risks;
        }
        Fields all = Fields.of(node.get(), "risks");
        for (YamlNode.Entry e : all.mapping().entries()) {
            Fields f = Fields.of(e.value(), all.pathOf(e.key())).allowOnly(RISK_KEYS);
            String levelText = f.requireText("level", "add 'level: low|medium|high', or run `cutover plan`");
            List<String> levels =
                    Arrays.stream(RiskClass.values()).map(RiskClass::yamlName).toList();
            RiskClass level = Arrays.stream(RiskClass.values())
                    .filter(r -> r.yamlName().equals(levelText))
                    .findFirst()
                    .orElseThrow(() -> unknownValue(f, "level", levelText, levels));
            risks.put(e.key(), new Risk(level, f.textOrList("reasons")));
        }
        return risks;
    }

    private static List<Recommendation> recommendations(Fields root) {
        Optional<YamlNode> node = root.node("recommendations");
        if (node.isEmpty() || node.get() instanceof YamlNode.Scalar) {
            return List.of();
        }
        List<YamlNode> items = items(node.get(), "recommendations", "run `cutover plan` to rewrite this section");
        List<Recommendation> recommendations = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields f = Fields.of(items.get(i), "recommendations[" + i + "]").allowOnly(RECOMMENDATION_KEYS);
            recommendations.add(new Recommendation(
                    f.requireText("code", "run `cutover plan` to rewrite this section"),
                    f.text("title").orElse(""),
                    f.textOrList("facts")));
        }
        return recommendations;
    }

    private static List<YamlNode> items(YamlNode node, String path, String fix) {
        if (node instanceof YamlNode.Sequence s) {
            return s.items();
        }
        if (node instanceof YamlNode.Scalar s && s.value().isEmpty()) {
            return List.of();
        }
        throw ConfigErrors.invalid(node.location(), path, "expected a list but found " + node.describe(), fix);
    }

    private static List<String> patternNames() {
        return Arrays.stream(CutoverPattern.values())
                .map(CutoverPattern::yamlName)
                .toList();
    }

    private static RuntimeException unknownValue(Fields f, String key, String value, List<String> allowed) {
        String suggestion = ConfigErrors.closest(value, allowed)
                .map(s -> "did you mean '" + s + "'? ")
                .orElse("");
        return ConfigErrors.invalid(
                f.locationOf(key),
                f.pathOf(key),
                "unknown value '" + value + "'",
                suggestion + "allowed values are: " + String.join(", ", allowed));
    }
}
