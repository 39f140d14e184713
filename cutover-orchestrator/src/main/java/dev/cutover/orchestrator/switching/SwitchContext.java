package dev.cutover.orchestrator.switching;

import dev.cutover.config.ConnectionProfile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a switcher needs for one action.
 *
 * @param workload the workload's name in {@code workloads.yaml}
 * @param wave the wave's name in {@code plan.yaml}
 * @param cluster the profile the client runs on after {@code start} (or runs on now, for {@code stop})
 * @param workspace the workspace directory; relative paths in {@code switch:} resolve against it
 * @param stateDir a directory the switcher owns for this workload (backups, generated client properties), kept
 *     between runs so that a rollback finds what the move kept
 */
public record SwitchContext(String workload, String wave, ConnectionProfile cluster, Path workspace, Path stateDir) {
    public SwitchContext {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(stateDir, "stateDir");
    }
}
