package dev.cutover.probe.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.api.CutoverVersion;
import dev.cutover.config.Redactor;
import java.util.List;

/** A probe report as Markdown for people and JSON for tools (schema in {@code docs/probe.md}). */
public final class ProbeRendering {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProbeRendering() {}

    /** Where it ran and what it wrote, beside the report. */
    /**
     * Where the probe ran and what it recorded; {@code matrixMarkdown} and {@code matrixJson} carry the client-version
     * matrix (rendered by {@code dev.cutover.probe.matrix.MatrixRendering}) when {@code --clients} ran it.
     */
    public record Context(
            String host, String user, List<String> evidence, String matrixMarkdown, ArrayNode matrixJson) {
        public Context {
            evidence = List.copyOf(evidence);
            matrixMarkdown = matrixMarkdown == null ? "" : matrixMarkdown;
        }

        public Context(String host, String user, List<String> evidence) {
            this(host, user, evidence, "", null);
        }
    }

    public static String markdown(ProbeReport report, Context context) {
        StringBuilder md =
                new StringBuilder("# cutover probe: ").append(report.workload()).append("\n\n");
        md.append(summary(report)).append("\n\n");
        md.append("Target ")
                .append(report.targetClusterId() == null ? "(no answer)" : report.targetClusterId())
                .append(", kafka-clients ")
                .append(report.clientVersion())
                .append(", on ")
                .append(context.host())
                .append(" as ")
                .append(context.user())
                .append(", ")
                .append(report.durationMs())
                .append(" ms.\n\n");
        md.append("| check | area | result | details | what to do |\n| --- | --- | --- | --- | --- |\n");
        for (ProbeCheck c : report.checks()) {
            md.append("| ")
                    .append(cell(c.name()))
                    .append(" | ")
                    .append(c.area().yamlName())
                    .append(" | ")
                    .append(c.status().word())
                    .append(" | ")
                    .append(cell(c.details()))
                    .append(" | ")
                    .append(cell(c.fix()))
                    .append(" |\n");
        }
        md.append(context.matrixMarkdown());
        if (!context.evidence().isEmpty()) {
            md.append("\nEvidence: ")
                    .append(String.join(", ", context.evidence()))
                    .append("\n");
        }
        return md.toString();
    }

    /** One line: counts per status. */
    public static String summary(ProbeReport report) {
        return String.format(
                "%d failed, %d unknown, %d skipped, %d passed.",
                report.count(ProbeCheck.Status.FAIL),
                report.count(ProbeCheck.Status.UNKNOWN),
                report.count(ProbeCheck.Status.SKIPPED),
                report.count(ProbeCheck.Status.PASS));
    }

    public static String json(ProbeReport report, Context context) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", ProbeReport.SCHEMA_VERSION);
        root.put("cutoverVersion", CutoverVersion.current());
        root.put("workload", report.workload());
        root.put("targetClusterId", report.targetClusterId());
        root.put("clientVersion", report.clientVersion());
        root.put("host", context.host());
        root.put("user", context.user());
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMs", report.durationMs());
        root.put("exitCode", report.exitCode());
        ObjectNode counts = root.putObject("counts");
        for (ProbeCheck.Status s : ProbeCheck.Status.values()) {
            counts.put(s.word(), report.count(s));
        }
        ArrayNode topics = root.putArray("probeTopics");
        report.probeTopics().forEach(topics::add);
        ArrayNode checks = root.putArray("checks");
        for (ProbeCheck c : report.checks()) {
            ObjectNode check = checks.addObject();
            check.put("name", c.name());
            check.put("area", c.area().yamlName());
            check.put("status", c.status().word());
            check.put("details", Redactor.redactText(c.details()));
            check.put("fix", c.fix());
        }
        if (context.matrixJson() != null) {
            root.set("clients", context.matrixJson());
        }
        ArrayNode evidence = root.putArray("evidence");
        context.evidence().forEach(evidence::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the probe report as JSON", e);
        }
    }

    private static String cell(String text) {
        return Redactor.redactText(text).replace("|", "\\|").replace("\n", " ");
    }
}
