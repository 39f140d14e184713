package dev.cutover.schemas.sync;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code schemas sync} is asked to do.
 *
 * @param sourceProfile the profile whose registry is read (named in the id map's file name)
 * @param targetProfile the profile whose registry is written
 * @param workspace where the id map is stored ({@code schemas/<source>-to-<target>.json})
 * @param subjects the subjects to sync, matched against the whole name; referenced subjects are synced too
 * @param dryRun plan only: no write to the target, no map stored
 */
public record SyncRequest(
        String sourceProfile, String targetProfile, Path workspace, Pattern subjects, boolean dryRun) {
    public SyncRequest {
        Objects.requireNonNull(sourceProfile, "sourceProfile");
        Objects.requireNonNull(targetProfile, "targetProfile");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(subjects, "subjects");
    }

    boolean selects(String subject) {
        return subjects.matcher(subject).matches();
    }
}
