package dev.cutover.readiness.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The plan as JSON (documented in {@code docs/plan.md}): {@code version}, {@code waves[]} ({@code name, order,
 * pattern, reason, owner, workloads[]}), {@code risks} (name → {@code level, reasons[]}), {@code
 * recommendations[]} ({@code code, title, facts[]}), {@code changes[]} and {@code edges[]} ({@code producer, topic,
 * consumer}, null when unknown).
 */
public final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {}

    public static String render(PlanUpdate update, DependencyGraph graph) {
        Plan plan = update.plan();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", plan.version());
        ArrayNode waves = root.putArray("waves");
        for (Wave w : plan.waves()) {
            ObjectNode n = waves.addObject();
            n.put("name", w.name());
            n.put("order", w.order());
            n.put("pattern", w.pattern().yamlName());
            n.put("reason", w.patternReason());
            n.put("owner", w.owner().orElse(null));
            w.workloads().forEach(n.putArray("workloads")::add);
        }
        ObjectNode risks = root.putObject("risks");
        PlanYamlWriter.ordered(plan).forEach((name, r) -> {
            ObjectNode n = risks.putObject(name);
            n.put("level", r.level().yamlName());
            r.reasons().forEach(n.putArray("reasons")::add);
        });
        ArrayNode recommendations = root.putArray("recommendations");
        for (Recommendation r : plan.recommendations()) {
            ObjectNode n = recommendations.addObject();
            n.put("code", r.code());
            n.put("title", r.title());
            r.facts().forEach(n.putArray("facts")::add);
        }
        update.changes().forEach(root.putArray("changes")::add);
        ArrayNode edges = root.putArray("edges");
        graph.edges().forEach(e -> {
            ObjectNode n = edges.addObject();
            n.put("producer", e.producer().orElse(null));
            n.put("topic", e.topic());
            n.put("consumer", e.consumer().orElse(null));
        });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the plan as JSON", e);
        }
    }
}
