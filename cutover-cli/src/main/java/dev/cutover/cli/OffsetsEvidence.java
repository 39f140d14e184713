package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.link.groups.OffsetsProof;
import dev.cutover.offsets.Direction;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.GroupEvidence;
import dev.cutover.readiness.evidence.Provenance;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what {@code offsets translate} and {@code offsets sync} proved ({@link OffsetsProof}, decided in the link
 * module) as readiness evidence, for the workloads whose {@code match.groupId} matches each group: in area offsets,
 * except a reverse sync's (a group's way back to the source), which is filed in area rollback. Evidence is a
 * by-product: failing to write it is reported as a warning and does not change the command's result.
 */
final class OffsetsEvidence {
    private OffsetsEvidence() {}

    static void write(OffsetsClusters clusters, List<OffsetsProof> proofs, PrintWriter err) {
        write(clusters.workspace(), clusters.targetClusterId(), proofs, err);
    }

    /** Writes the proofs' evidence; returns the paths written (relative to the workspace). */
    static List<String> write(Workspace ws, String targetClusterId, List<OffsetsProof> proofs, PrintWriter err) {
        List<String> written = new ArrayList<>();
        for (OffsetsProof proof : proofs) {
            try {
                List<String> paths = GroupEvidence.write(
                        ws.dir(),
                        ws.workloads(),
                        Provenance.here(proof.command(), Clock.systemUTC()),
                        proof.step() == OffsetsProof.Step.TRANSLATE
                                ? Evidence.OFFSETS_TRANSLATE
                                : Evidence.OFFSETS_SYNC,
                        proof.direction() == Direction.REVERSE ? Area.ROLLBACK : Area.OFFSETS,
                        proof.group(),
                        targetClusterId,
                        proof.passed() ? Evidence.Result.PASS : Evidence.Result.FAIL,
                        proof.preview(),
                        proof.details());
                written.addAll(paths);
                err.println("evidence: " + String.join(", ", paths));
            } catch (RuntimeException e) {
                err.println("warning: could not write evidence for group " + proof.group() + ": " + e.getMessage());
            }
            err.flush();
        }
        return written;
    }
}
