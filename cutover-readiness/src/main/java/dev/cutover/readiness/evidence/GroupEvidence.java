package dev.cutover.readiness.evidence;

import dev.cutover.config.Workload;
import dev.cutover.config.WorkloadManifest;
import dev.cutover.readiness.Area;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evidence about one consumer group (from {@code offsets translate} and {@code offsets sync}), written for every
 * workload whose {@code match.groupId} matches the group; for the group's own name when no workload claims it. In
 * area offsets, except a reverse sync's (the group's way back to the source), which is rollback evidence: kept apart,
 * it never supersedes nor stands in for the forward move.
 */
public final class GroupEvidence {
    private GroupEvidence() {}

    /** The workloads the group belongs to, or the group's name when none claims it. */
    public static List<String> workloadsOf(WorkloadManifest manifest, String group) {
        List<String> names = manifest.workloads().stream()
                .filter(w -> w.match().matchesGroupId(group))
                .map(Workload::name)
                .toList();
        return names.isEmpty() ? List.of(group) : names;
    }

    /** As {@link #write(Path, WorkloadManifest, Provenance, String, Area, String, String, Evidence.Result, boolean, Map)}, in area offsets. */
    public static List<String> write(
            Path workspaceDir,
            WorkloadManifest manifest,
            Provenance provenance,
            String kind,
            String group,
            String targetClusterId,
            Evidence.Result result,
            boolean preview,
            Map<String, String> details) {
        return write(
                workspaceDir,
                manifest,
                provenance,
                kind,
                Area.OFFSETS,
                group,
                targetClusterId,
                result,
                preview,
                details);
    }

    /**
     * Writes one record per workload of the group, in {@code area}; returns their paths. {@code details} gets {@code group} added;
     * {@code preview} marks what a command saw without doing it (translate, dry run), which readiness never counts.
     */
    public static List<String> write(
            Path workspaceDir,
            WorkloadManifest manifest,
            Provenance provenance,
            String kind,
            Area area,
            String group,
            String targetClusterId,
            Evidence.Result result,
            boolean preview,
            Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>(details);
        all.put("group", group);
        List<String> paths = new ArrayList<>();
        for (String workload : workloadsOf(manifest, group)) {
            paths.add(EvidenceStore.write(
                    workspaceDir,
                    provenance.evidence(
                            kind, workload, area, null, targetClusterId, result, all, null, null, preview)));
        }
        return paths;
    }
}
