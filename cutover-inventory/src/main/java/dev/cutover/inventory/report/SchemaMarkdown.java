package dev.cutover.inventory.report;

import static dev.cutover.inventory.report.Markdown.code;
import static dev.cutover.inventory.report.Markdown.text;

import dev.cutover.inventory.schemas.SchemaInventory;
import dev.cutover.inventory.schemas.SchemaInventory.IdUse;
import java.util.ArrayList;
import java.util.List;

/** The inventory report's section on the profile's schema registry and the schema ids the topics' records carry. */
final class SchemaMarkdown {
    private SchemaMarkdown() {}

    static void render(Markdown md, SchemaInventory s) {
        if (s == null) {
            return;
        }
        md.heading(2, "Schema registry");
        if (!s.readable()) {
            md.paragraph("The registry at " + code(s.registry()) + " could not be read: " + text(s.problem())
                    + ". Its subjects and what the topics' schema ids resolve to are unknown.");
            return;
        }
        md.paragraph(code(s.registry()) + ": " + s.subjects().size() + " subject(s), global compatibility "
                + code(s.globalCompatibility()) + ", mode " + code(s.globalMode()) + ".");
        if (!s.subjects().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (SchemaInventory.SubjectEntry subject : s.subjects()) {
                for (SchemaInventory.VersionEntry v : subject.versions()) {
                    rows.add(List.of(
                            code(subject.name()) + (subject.deleted() ? " (soft-deleted)" : ""),
                            "v" + v.version() + (v.deleted() ? " (soft-deleted)" : ""),
                            Integer.toString(v.id()),
                            text(v.type()),
                            v.references().isEmpty() ? "none" : text(String.join(", ", v.references())),
                            code(v.sha256().substring(0, 12)),
                            text(subject.compatibility()) + (subject.ownCompatibility() == null ? "" : " (own)"),
                            subject.mode() == null ? "" : text(subject.mode())));
                }
            }
            md.table(
                    List.of("subject", "version", "id", "type", "references", "sha-256", "compatibility", "mode"),
                    rows);
        }
        if (s.sample() != null) {
            md.paragraph("Schema ids in the topics' records, from " + text(s.sample()) + ":");
            List<List<String>> rows = new ArrayList<>();
            for (SchemaInventory.TopicSchemas t : s.topics()) {
                if (t.keys().isEmpty() && t.values().isEmpty()) {
                    continue;
                }
                rows.add(List.of(
                        code(t.topic()),
                        uses(t.keys(), t.keysWithoutId()),
                        uses(t.values(), t.valuesWithoutId()),
                        t.records() + (t.incomplete() == null ? "" : " (incomplete: " + text(t.incomplete()) + ")")));
            }
            if (rows.isEmpty()) {
                md.paragraph("No sampled record carries a schema id.");
            } else {
                md.table(List.of("topic", "key ids", "value ids", "records sampled"), rows);
            }
            if (!s.unknownIds().isEmpty()) {
                md.paragraph(
                        "Ids not found in the registry: " + text(s.unknownIds().toString()) + ".");
            }
        }
    }

    private static String uses(List<IdUse> uses, long withoutId) {
        List<String> parts = new ArrayList<>();
        for (IdUse u : uses) {
            parts.add(u.id() + " → "
                    + (!u.known()
                            ? "not in the registry"
                            : u.usedBy().isEmpty()
                                    ? "no subject"
                                    : String.join(
                                            ", ",
                                            u.usedBy().stream()
                                                    .map(Object::toString)
                                                    .toList()))
                    + " (" + u.records() + ")");
        }
        if (withoutId > 0) {
            parts.add(withoutId + " without an id");
        }
        return parts.isEmpty() ? "none" : text(String.join("; ", parts));
    }
}
