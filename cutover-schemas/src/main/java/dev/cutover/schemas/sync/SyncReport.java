package dev.cutover.schemas.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What {@code schemas sync} did (or, in a dry run, would do): per subject and version, the ids, the compatibility
 * levels, what only the target holds and the id map stored. Holds URLs as safe to print and never a secret.
 */
public record SyncReport(
        String sourceProfile,
        String targetProfile,
        String sourceUrl,
        String targetUrl,
        String subjectsPattern,
        boolean dryRun,
        Level global,
        List<SubjectResult> subjects,
        List<String> onlyOnTarget,
        List<Level> pinned,
        List<String> notes,
        Map<Integer, Integer> ids,
        MapFile map) {
    public SyncReport {
        subjects = List.copyOf(subjects);
        onlyOnTarget = List.copyOf(onlyOnTarget);
        pinned = List.copyOf(pinned);
        notes = List.copyOf(notes);
        ids = java.util.Collections.unmodifiableMap(new TreeMap<>(ids));
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(map, "map");
    }

    /** What happened to one source version. */
    public enum Action {
        /** The target already held it (same schema, references resolved to the target's versions). */
        PRESENT,
        REGISTERED,
        /** Dry run: it would be registered. */
        WOULD_REGISTER,
        /** The target refused it (the message says why). */
        REFUSED,
        /** Not written because a schema it references was not synced. */
        SKIPPED;

        public boolean failed() {
            return this == REFUSED || this == SKIPPED;
        }
    }

    /** How a version's source id relates to its target id. */
    public enum IdOutcome {
        /** The same id on the target, without asking (equal by chance or already so). */
        SAME,
        /** The target is in IMPORT mode and kept the source's id as asked. */
        KEPT,
        /** Another id on the target: the map translates it. */
        MAPPED,
        /** IMPORT mode, but the id is taken on the target by another schema: registered under a free id, mapped. */
        CONFLICT,
        /** IMPORT mode and the id was free, but the registry gave another id (Apicurio ignores explicit ids): mapped. */
        IGNORED,
        /** Not known (refused, skipped, or a dry run that cannot tell). */
        UNKNOWN
    }

    /** What happens to a compatibility level. */
    public enum LevelAction {
        /** Already as the source has it. */
        UNCHANGED,
        /** The subject's (or the registry's) own level set. */
        SET,
        /** The subject's own level removed: it follows the target's global level, which is the source's. */
        REMOVED,
        /**
         * Set on the subject although it equals the global level: the registry kept another level after the removal
         * (Apicurio keeps a subject level of NONE), or the global level changed under a subject the sync does not own.
         */
        PINNED
    }

    /**
     * A compatibility level before and after.
     *
     * @param subject the subject, or empty for the registry's global level
     */
    public record Level(
            Optional<String> subject, String before, String after, LevelAction action, Optional<String> problem) {
        static Level of(Optional<String> subject, String before, String after, LevelAction action) {
            return new Level(subject, before, after, action, Optional.empty());
        }

        public boolean changed() {
            return action != LevelAction.UNCHANGED && !before.equals(after);
        }
    }

    /**
     * One source version and what became of it.
     *
     * @param softDeleted whether this run soft-deleted it on the target (or would, in a dry run)
     * @param problem the registry's refusal, or why it was skipped
     */
    public record VersionResult(
            int sourceVersion,
            int sourceId,
            boolean deleted,
            Action action,
            OptionalInt targetVersion,
            OptionalInt targetId,
            IdOutcome idOutcome,
            boolean softDeleted,
            Optional<String> problem) {}

    /**
     * One subject.
     *
     * @param referencedBy the selected subjects that reference it, when it is synced only because of them
     * @param loweredToNone whether its level was NONE on the target while versions were written
     * @param onlyOnTarget the target's versions no source version matches (left as they are)
     */
    public record SubjectResult(
            String subject,
            List<String> referencedBy,
            List<VersionResult> versions,
            Level compatibility,
            boolean loweredToNone,
            List<Integer> onlyOnTarget) {
        public SubjectResult {
            referencedBy = List.copyOf(referencedBy);
            versions = List.copyOf(versions);
            onlyOnTarget = List.copyOf(onlyOnTarget);
        }

        public long count(Action action) {
            return versions.stream().filter(v -> v.action() == action).count();
        }
    }

    /** Whether and where the id map was stored. */
    public enum MapWrite {
        WRITTEN,
        /** The stored map already held exactly these entries: not rewritten. */
        UNCHANGED,
        /** A dry run stores nothing. */
        NOT_WRITTEN
    }

    /**
     * The id map file.
     *
     * @param entries how many entries the stored map holds (earlier ones merged)
     */
    public record MapFile(Path path, MapWrite write, int entries) {}

    /** 1 when a version was refused or skipped or a compatibility level refused, else 0. */
    public int exitCode() {
        return failed() > 0 ? 1 : 0;
    }

    /** Versions refused or skipped, and compatibility levels the target refused. */
    public long failed() {
        long versions = subjects.stream()
                .flatMap(s -> s.versions().stream())
                .filter(v -> v.action().failed())
                .count();
        long levels = java.util.stream.Stream.concat(
                        java.util.stream.Stream.concat(java.util.stream.Stream.of(global), pinned.stream()),
                        subjects.stream().map(SubjectResult::compatibility))
                .filter(l -> l.problem().isPresent())
                .count();
        return versions + levels;
    }

    /** How many writes this run made on the target (or would make, in a dry run). */
    public long changes() {
        long versions = subjects.stream()
                .flatMap(s -> s.versions().stream())
                .filter(v -> v.action() == Action.REGISTERED
                        || v.action() == Action.WOULD_REGISTER
                        || (v.action() == Action.PRESENT && v.softDeleted()))
                .count();
        long levels = subjects.stream().filter(s -> s.compatibility().changed()).count()
                + pinned.size()
                + (global.changed() ? 1 : 0);
        return versions + levels;
    }
}
