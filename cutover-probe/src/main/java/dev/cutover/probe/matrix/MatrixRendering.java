package dev.cutover.probe.matrix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.config.Redactor;
import dev.cutover.probe.traffic.ProbeArea;
import dev.cutover.probe.traffic.ProbeCheck;
import java.util.ArrayList;
import java.util.List;

/** The matrix as probe checks (one per client, area protocol), a Markdown table and a JSON array. */
public final class MatrixRendering {
    /** The name of a client's row as a probe check: {@code client kafka-clients 2.8.2}, {@code client kcat}. */
    public static final String ROW_PREFIX = "client ";

    private MatrixRendering() {}

    /**
     * One check per client ({@code client kafka-clients 2.8.2}), plus {@code client matrix topics deleted}. A row
     * that could not run here (kcat not installed) is skipped: it proves nothing and is never a pass.
     */
    public static List<ProbeCheck> checks(ClientMatrix.Result result) {
        List<ProbeCheck> checks = new ArrayList<>();
        for (MatrixRow r : result.rows()) {
            String name = ROW_PREFIX + r.client();
            String details = r.summary() + " (" + r.durationMs() + " ms): " + r.details()
                    + (result.topicConfigs().isEmpty()
                            ? ""
                            : "; probe topic with " + result.topicConfigs() + ", as the workload's topic");
            checks.add(
                    switch (r.status()) {
                        case PASS -> ProbeCheck.pass(name, ProbeArea.PROTOCOL, details);
                        case SKIPPED -> ProbeCheck.skipped(name, ProbeArea.PROTOCOL, r.details());
                        case UNKNOWN ->
                            ProbeCheck.unknown(
                                    name, ProbeArea.PROTOCOL, r.details(), "run this client's check by hand");
                        case FAIL ->
                            ProbeCheck.fail(
                                    name,
                                    ProbeArea.PROTOCOL,
                                    details,
                                    "upgrade the workload's client, or keep it on the source until it can be upgraded");
                    });
        }
        if (!result.probeTopics().isEmpty()) {
            checks.add(result.leftBehind()
                    .map(why -> ProbeCheck.fail(
                            "client matrix topics deleted", ProbeArea.PROTOCOL, why, "delete them by hand"))
                    .orElseGet(() -> ProbeCheck.pass(
                            "client matrix topics deleted",
                            ProbeArea.PROTOCOL,
                            String.join(", ", result.probeTopics()))));
        }
        return checks;
    }

    public static String markdown(List<MatrixRow> rows) {
        StringBuilder md = new StringBuilder("\n## Client-version matrix\n\n| client |");
        for (MatrixCheck c : MatrixCheck.values()) {
            md.append(' ').append(c.word()).append(" |");
        }
        md.append(" result | ms | details |\n| ---");
        md.append(" | ---".repeat(MatrixCheck.values().length + 3)).append(" |\n");
        for (MatrixRow r : rows) {
            md.append("| ").append(r.client()).append(" |");
            for (MatrixCheck c : MatrixCheck.values()) {
                md.append(' ')
                        .append(
                                r.status() == ProbeCheck.Status.SKIPPED
                                        ? "-"
                                        : r.check(c).word())
                        .append(" |");
            }
            md.append(' ')
                    .append(r.status().word())
                    .append(" | ")
                    .append(r.durationMs())
                    .append(" | ")
                    .append(Redactor.redactText(r.details()).replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        return md.toString();
    }

    public static ArrayNode json(List<MatrixRow> rows) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (MatrixRow r : rows) {
            ObjectNode row = array.addObject();
            row.put("client", r.client());
            row.put("status", r.status().word());
            ObjectNode checks = row.putObject("checks");
            for (MatrixCheck c : MatrixCheck.values()) {
                checks.put(
                        c.word(),
                        r.status() == ProbeCheck.Status.SKIPPED
                                ? "skipped"
                                : r.check(c).word());
            }
            row.put("durationMs", r.durationMs());
            row.put("details", Redactor.redactText(r.details()));
        }
        return array;
    }
}
