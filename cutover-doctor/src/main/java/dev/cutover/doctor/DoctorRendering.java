package dev.cutover.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The report as Markdown for people and as JSON for tools (schema in {@code docs/doctor.md}). */
public final class DoctorRendering {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DoctorRendering() {}

    public static String markdown(DoctorReport report) {
        StringBuilder md = new StringBuilder("# cutover doctor\n\n");
        md.append(summary(report)).append("\n");
        for (ProfileReport p : report.profiles()) {
            md.append("\n## ")
                    .append(p.profile())
                    .append(" (")
                    .append(p.role())
                    .append(", ")
                    .append(cell(p.bootstrap()))
                    .append(")\n\n");
            md.append("| check | result | found | what to do |\n| --- | --- | --- | --- |\n");
            for (Check c : p.checks()) {
                md.append("| ")
                        .append(cell(c.name()))
                        .append(" | ")
                        .append(c.status().name().toLowerCase(java.util.Locale.ROOT))
                        .append(" | ")
                        .append(cell(c.found()))
                        .append(" | ")
                        .append(cell(c.fix()))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** One line: how many checks failed, warned, are unknown, passed. */
    public static String summary(DoctorReport report) {
        return String.format(
                "%d failed, %d warning(s), %d unknown, %d passed (checked at %s; unknown means doctor cannot tell"
                        + " without writing, see why).",
                report.count(Check.Status.FAIL),
                report.count(Check.Status.WARN),
                report.count(Check.Status.UNKNOWN),
                report.count(Check.Status.PASS),
                report.checkedAt());
    }

    public static String json(DoctorReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", report.schemaVersion());
        root.put("cutoverVersion", report.cutoverVersion());
        root.put("checkedAt", report.checkedAt().toString());
        root.put("exitCode", report.exitCode());
        ObjectNode counts = root.putObject("counts");
        for (Check.Status s : Check.Status.values()) {
            counts.put(s.name().toLowerCase(java.util.Locale.ROOT), report.count(s));
        }
        ArrayNode profiles = root.putArray("profiles");
        for (ProfileReport p : report.profiles()) {
            ObjectNode profile = profiles.addObject();
            profile.put("profile", p.profile());
            profile.put("role", p.role());
            profile.put("bootstrap", p.bootstrap());
            ArrayNode checks = profile.putArray("checks");
            for (Check c : p.checks()) {
                ObjectNode check = checks.addObject();
                check.put("name", c.name());
                check.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
                check.put("found", c.found());
                check.put("fix", c.fix());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of plain strings and numbers cannot fail to serialise", e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
