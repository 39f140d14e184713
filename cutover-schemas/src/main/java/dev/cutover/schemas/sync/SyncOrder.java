package dev.cutover.schemas.sync;

import dev.cutover.schemas.RegistrySnapshot.Subject;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.SubjectVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order in which sync writes versions: every version of a subject after the subject's earlier versions, and after
 * every version it references (so a reference always resolves on the target when the referring version is written).
 * Subjects are taken by name; the order is deterministic. A reference to a version the source does not hold (or a
 * cycle, which registries do not allow) leaves that version to be refused by the translation, not reordered.
 */
final class SyncOrder {
    private SyncOrder() {}

    /** The subjects referenced by versions of {@code subjects} that are not among them. */
    static Set<String> missingSubjects(Map<String, Subject> subjects) {
        Set<String> missing = new TreeSet<>();
        subjects.values().forEach(s -> s.versions().forEach(v -> v.schema().references().stream()
                .map(SchemaReference::subject)
                .filter(name -> !subjects.containsKey(name))
                .forEach(missing::add)));
        return missing;
    }

    /** For each subject referenced by another subject's versions: the referring subjects, sorted. */
    static Map<String, List<String>> referencedBy(Map<String, Subject> subjects) {
        Map<String, Set<String>> by = new TreeMap<>();
        subjects.values().forEach(s -> s.versions().forEach(v -> v.schema().references().stream()
                .map(SchemaReference::subject)
                .filter(name -> !name.equals(s.name()))
                .forEach(name -> by.computeIfAbsent(name, k -> new TreeSet<>()).add(s.name()))));
        Map<String, List<String>> out = new TreeMap<>();
        by.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** Every version of every subject, references first, each subject's versions ascending. */
    static List<SubjectVersion> order(Map<String, Subject> subjects) {
        Map<String, Subject> byName = new TreeMap<>(subjects);
        Map<String, SubjectVersion> emitted = new LinkedHashMap<>();
        Set<String> visiting = new HashSet<>();
        for (Subject subject : byName.values()) {
            for (SubjectVersion version : subject.versions()) {
                visit(byName, version, emitted, visiting);
            }
        }
        return new ArrayList<>(emitted.values());
    }

    private static void visit(
            Map<String, Subject> subjects,
            SubjectVersion version,
            Map<String, SubjectVersion> emitted,
            Set<String> visiting) {
        String key = key(version.subject(), version.version());
        if (emitted.containsKey(key) || !visiting.add(key)) {
            return;
        }
        for (SubjectVersion earlier : subjects.get(version.subject()).versions()) {
            if (earlier.version() >= version.version()) {
                break;
            }
            visit(subjects, earlier, emitted, visiting);
        }
        for (SchemaReference ref : version.schema().references()) {
            find(subjects, ref).ifPresent(target -> visit(subjects, target, emitted, visiting));
        }
        visiting.remove(key);
        emitted.put(key, version);
    }

    static Optional<SubjectVersion> find(Map<String, Subject> subjects, SchemaReference ref) {
        Subject subject = subjects.get(ref.subject());
        if (subject == null) {
            return Optional.empty();
        }
        return subject.versions().stream()
                .filter(v -> v.version() == ref.version())
                .findFirst();
    }

    private static String key(String subject, int version) {
        return version + "@" + subject;
    }
}
