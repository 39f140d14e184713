package dev.cutover.cli;

import dev.cutover.link.groups.Direction;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.OffsetTranslation;
import dev.cutover.link.groups.TranslatedGroup;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.GroupEvidence;
import dev.cutover.readiness.evidence.Provenance;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what {@code offsets translate} and {@code offsets sync} proved as readiness evidence (area offsets), for the
 * workloads whose {@code match.groupId} matches each group. Evidence is a by-product: failing to write it is reported
 * as a warning and does not change the command's result.
 */
final class OffsetsEvidence {
    private OffsetsEvidence() {}

    /** Forward translations only: a reverse one is about a rollback, not about where the group resumes. */
    static void translated(OffsetsClusters clusters, String link, TranslatedGroup result, PrintWriter err) {
        if (result.direction() != Direction.FORWARD) {
            return;
        }
        long exact = result.only(OffsetTranslation.Exact.class).size();
        write(
                clusters,
                "cutover offsets translate",
                Evidence.OFFSETS_TRANSLATE,
                result.group(),
                result.complete() ? Evidence.Result.PASS : Evidence.Result.FAIL,
                Map.of(
                        "link", link,
                        "partitions", Long.toString(result.partitions().size()),
                        "exact", Long.toString(exact)),
                err);
    }

    static void synced(OffsetsClusters clusters, String link, List<GroupSync> results, PrintWriter err) {
        for (GroupSync r : results) {
            if (r instanceof GroupSync.Committed c) {
                write(
                        clusters,
                        "cutover offsets sync",
                        Evidence.OFFSETS_SYNC,
                        c.group(),
                        Evidence.Result.PASS,
                        Map.of(
                                "link",
                                link,
                                "partitions",
                                Integer.toString(c.changes().size())),
                        err);
            } else if (r instanceof GroupSync.WouldCommit w) {
                write(
                        clusters,
                        "cutover offsets sync --dry-run",
                        Evidence.OFFSETS_SYNC,
                        w.group(),
                        Evidence.Result.PASS,
                        Map.of(
                                "link",
                                link,
                                "partitions",
                                Integer.toString(w.changes().size()),
                                "dryRun",
                                "true"),
                        err);
            } else if (r instanceof GroupSync.Refused f) {
                write(
                        clusters,
                        "cutover offsets sync",
                        Evidence.OFFSETS_SYNC,
                        f.group(),
                        Evidence.Result.FAIL,
                        Map.of("link", link, "refusal", f.refusal().name(), "note", f.message()),
                        err);
            }
        }
    }

    private static void write(
            OffsetsClusters clusters,
            String command,
            String kind,
            String group,
            Evidence.Result result,
            Map<String, String> details,
            PrintWriter err) {
        try {
            var ws = clusters.workspace();
            List<String> paths = new ArrayList<>(GroupEvidence.write(
                    ws.dir(),
                    ws.workloads(),
                    Provenance.here(command, Clock.systemUTC()),
                    kind,
                    group,
                    clusters.targetClusterId(),
                    result,
                    details));
            err.println("evidence: " + String.join(", ", paths));
        } catch (RuntimeException e) {
            err.println("warning: could not write evidence for group " + group + ": " + e.getMessage());
        }
        err.flush();
    }
}
