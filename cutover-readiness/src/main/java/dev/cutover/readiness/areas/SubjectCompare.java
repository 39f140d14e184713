package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.inventory.schemas.SchemaInventory.SubjectEntry;
import dev.cutover.inventory.schemas.SchemaInventory.VersionEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares one subject of a workload's topic between the registries: {@code SCHEMA-003} (error) when the target lacks
 * the subject or one of its versions, or holds another schema under a version number; {@code SCHEMA-004} (warning) when
 * a version is soft-deleted on one side only, or the target has versions the source does not; {@code SCHEMA-005}
 * (warning) when the effective compatibility levels differ. Versions are compared by number: {@code schemas sync}
 * copies them in order, so the numbers match on a target it filled.
 */
final class SubjectCompare {
    private SubjectCompare() {}

    static void compare(String topic, SubjectEntry source, Optional<SubjectEntry> target, List<Finding> findings) {
        String subject = "subject " + source.name() + " (topic " + topic + ")";
        if (target.isEmpty()) {
            findings.add(Finding.of(
                    "SCHEMA-003",
                    Severity.ERROR,
                    subject,
                    "missing on the target registry (the source has "
                            + source.versions().size() + " version(s)): producers on the target would register"
                            + " schemas under new ids and versions, and records copied from the source would not"
                            + " resolve: run 'cutover schemas sync'"));
            return;
        }
        SubjectEntry t = target.get();
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (VersionEntry v : source.versions()) {
            Optional<VersionEntry> other = t.version(v.version());
            if (other.isEmpty()) {
                missing.add("v" + v.version() + " (source id " + v.id() + ")");
            } else if (!v.sameSchema(other.get())) {
                different.add("v" + v.version() + " (source id " + v.id() + " " + v.type() + " "
                        + v.sha256().substring(0, 12) + refs(v) + ", target id "
                        + other.get().id() + " "
                        + other.get().type() + " " + other.get().sha256().substring(0, 12) + refs(other.get()) + ")");
            } else if (v.deleted() != other.get().deleted()) {
                deleted.add("v" + v.version() + " is " + state(v) + " on the source, " + state(other.get())
                        + " on the target");
            }
        }
        for (VersionEntry v : t.versions()) {
            if (source.version(v.version()).isEmpty()) {
                deleted.add(
                        "v" + v.version() + " (target id " + v.id() + ", " + state(v) + ") exists only on the target");
            }
        }
        if (!missing.isEmpty() || !different.isEmpty()) {
            findings.add(Finding.of(
                    "SCHEMA-003",
                    Severity.ERROR,
                    subject,
                    (missing.isEmpty() ? "" : "version(s) missing on the target: " + String.join(", ", missing))
                            + (missing.isEmpty() || different.isEmpty() ? "" : "; ")
                            + (different.isEmpty()
                                    ? ""
                                    : "another schema under the same version on the target: "
                                            + String.join(", ", different))
                            + ": serializers that look up or use versions would get other schemas; sync the subject"
                            + " again (into a target subject that does not hold other schemas)"));
        }
        if (!deleted.isEmpty()) {
            findings.add(Finding.of(
                    "SCHEMA-004",
                    Severity.WARNING,
                    subject,
                    String.join("; ", deleted) + ": the latest version (what use.latest.version and new registrations"
                            + " meet) differs between the registries; make the target's versions and soft-deletes"
                            + " match the source's (schemas sync copies them)"));
        }
        if (!source.compatibility().equals(t.compatibility())) {
            findings.add(Finding.of(
                    "SCHEMA-005",
                    Severity.WARNING,
                    subject,
                    "compatibility is " + t.compatibility() + " on the target, " + source.compatibility()
                            + " on the source (effective levels): producers on the target could register schemas"
                            + " the source would refuse, or be refused what the source accepts; set the subject's"
                            + " (or the target registry's) compatibility to " + source.compatibility()));
        }
    }

    private static String refs(VersionEntry v) {
        return v.references().isEmpty() ? "" : " refs " + v.references();
    }

    private static String state(VersionEntry v) {
        return v.deleted() ? "soft-deleted" : "live";
    }
}
