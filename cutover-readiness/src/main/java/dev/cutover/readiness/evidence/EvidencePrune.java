package dev.cutover.readiness.evidence;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deletes evidence records that no longer help: older than an age, of one workload (a misspelled group's records
 * filed under its name), or superseded (see {@link EvidenceLedger}). Criteria combine: a record goes only when it meets
 * every one given. Only the JSON records are deleted, never the files they reference.
 */
public final class EvidencePrune {
    private EvidencePrune() {}

    /**
     * @param olderThan records taken longer ago than this
     * @param workload records of this workload
     * @param superseded records a newer one of the same kind supersedes
     */
    public record Criteria(Optional<Duration> olderThan, Optional<String> workload, boolean superseded) {
        public Criteria {
            Objects.requireNonNull(olderThan, "olderThan");
            Objects.requireNonNull(workload, "workload");
            if (olderThan.isEmpty() && workload.isEmpty() && !superseded) {
                throw new CutoverException(
                        Reason.USAGE,
                        "evidence prune needs at least one of --older-than, --workload, --superseded",
                        "say what to delete; --dry-run lists it first");
            }
        }
    }

    /** The records that meet the criteria, oldest first (by file name). */
    public static List<StoredEvidence> select(Path workspaceDir, Criteria criteria, Instant now, Duration maxAge) {
        return EvidenceLedger.assess(EvidenceStore.load(workspaceDir), now, maxAge).stream()
                .filter(e -> criteria.olderThan()
                        .map(d -> e.stored().evidence().takenAtInstant().isBefore(now.minus(d)))
                        .orElse(true))
                .filter(e -> criteria.workload()
                        .map(w -> w.equals(e.stored().evidence().workload()))
                        .orElse(true))
                .filter(e -> !criteria.superseded()
                        || e.notCounted()
                                .filter(EvidenceLedger.NotCounted.SUPERSEDED::equals)
                                .isPresent())
                .map(EvidenceLedger.Entry::stored)
                .toList();
    }

    /** Deletes the records (paths relative to the workspace, as {@link StoredEvidence#path()}). */
    public static void delete(Path workspaceDir, List<StoredEvidence> records) {
        for (StoredEvidence s : records) {
            Path file = workspaceDir.resolve(s.path());
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new CutoverException(
                        Reason.CONFIG_INVALID,
                        "cannot delete " + file + ": " + e.getMessage(),
                        "check that the evidence directory is writable");
            }
        }
    }
}
