package dev.cutover.schemas.sync;

import dev.cutover.schemas.RegistrySnapshot;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.SubjectVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one sync run knows of the target registry while it writes: each subject's versions (read once, then updated
 * by the run's own writes), which of them a source version has claimed, and the version map (a source subject and
 * version → the target's version of the same schema), by which references are translated.
 *
 * <p>Invariant: a target version is claimed by at most one source version, and a source version maps to a target
 * version only after the target was seen to hold it (looked up or registered), except in a dry run, where a version
 * that would be registered maps to {@link #PLANNED}.
 */
final class TargetView {
    static final int PLANNED = -1;

    /** A version of a target subject. */
    static final class Slot {
        final int version;
        final int id;
        boolean deleted;
        boolean claimed;

        Slot(int version, int id, boolean deleted) {
            this.version = version;
            this.id = id;
            this.deleted = deleted;
        }
    }

    /** A source schema with its references in the target's terms. */
    sealed interface Translation {
        record Resolved(Schema schema) implements Translation {}

        /** Dry run: a reference to a version that would be registered first. */
        record Planned() implements Translation {}

        record Unresolved(String why) implements Translation {}
    }

    private final RegistrySnapshot target;
    private final Set<String> sourceSubjects;
    private final Map<String, List<Slot>> slots = new HashMap<>();
    private final Map<String, Integer> versionMap = new HashMap<>();
    private int highestId;

    TargetView(RegistrySnapshot target, Set<String> sourceSubjects, int highestSourceId) {
        this.target = target;
        this.sourceSubjects = sourceSubjects;
        this.highestId = highestSourceId;
        target.subjects().values().forEach(s -> s.versions()
                .forEach(v -> add(v.subject(), v.version(), v.id(), v.deleted())));
    }

    /** Whether writes to the subject happen in IMPORT mode (the subject's mode, else the registry's). */
    boolean importMode(String subject) {
        String mode = Optional.ofNullable(target.subjects().get(subject))
                .flatMap(RegistrySnapshot.Subject::mode)
                .orElse(target.globalMode());
        return "IMPORT".equalsIgnoreCase(mode);
    }

    /** The subject's effective compatibility on the target before the run (the global level for a new subject). */
    String compatibility(String subject) {
        return Optional.ofNullable(target.subjects().get(subject))
                .map(RegistrySnapshot.Subject::compatibility)
                .orElse(target.globalCompatibility());
    }

    Slot add(String subject, int version, int id, boolean deleted) {
        highestId = Math.max(highestId, id);
        List<Slot> list = slots.computeIfAbsent(subject, k -> new ArrayList<>());
        for (Slot slot : list) {
            if (slot.version == version) {
                return slot;
            }
        }
        Slot slot = new Slot(version, id, deleted);
        list.add(slot);
        return slot;
    }

    /** The unclaimed versions of a subject that hold the schema with this id, in ascending order. */
    List<Slot> unclaimed(String subject, int id) {
        return slots.getOrDefault(subject, List.of()).stream()
                .filter(s -> s.id == id && !s.claimed)
                .sorted((a, b) -> Integer.compare(a.version, b.version))
                .toList();
    }

    boolean hasVersion(String subject, int version) {
        return slots.getOrDefault(subject, List.of()).stream().anyMatch(s -> s.version == version);
    }

    /** The target versions of a subject that no source version claimed. */
    List<Integer> unclaimedVersions(String subject) {
        return slots.getOrDefault(subject, List.of()).stream()
                .filter(s -> !s.claimed)
                .map(s -> s.version)
                .sorted()
                .toList();
    }

    void claim(SubjectVersion source, Slot slot) {
        slot.claimed = true;
        versionMap.put(key(source.subject(), source.version()), slot.version);
    }

    void plan(SubjectVersion source) {
        versionMap.put(key(source.subject(), source.version()), PLANNED);
    }

    /** An id above every id seen on either registry: where a search for a free id starts. */
    int highestIdSeen() {
        return highestId;
    }

    void sawId(int id) {
        highestId = Math.max(highestId, id);
    }

    OptionalInt targetVersion(String subject, int sourceVersion) {
        Integer v = versionMap.get(key(subject, sourceVersion));
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** The source version's schema with each reference translated to the target's version of the same schema. */
    Translation translate(SubjectVersion source) {
        List<SchemaReference> refs = new ArrayList<>();
        boolean planned = false;
        for (SchemaReference ref : source.schema().references()) {
            Integer v = versionMap.get(key(ref.subject(), ref.version()));
            if (v == null) {
                return new Translation.Unresolved("references " + ref.subject() + " v" + ref.version()
                        + (sourceSubjects.contains(ref.subject())
                                ? ", which was not synced"
                                : ", which the source registry does not hold"));
            }
            planned |= v == PLANNED;
            refs.add(new SchemaReference(ref.name(), ref.subject(), v));
        }
        return planned
                ? new Translation.Planned()
                : new Translation.Resolved(source.schema().withReferences(refs));
    }

    private static String key(String subject, int version) {
        return version + "@" + subject;
    }
}
