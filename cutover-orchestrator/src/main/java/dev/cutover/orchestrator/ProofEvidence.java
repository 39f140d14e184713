package dev.cutover.orchestrator;

import dev.cutover.config.Workspace;
import dev.cutover.link.groups.OffsetsProof;
import dev.cutover.offsets.Direction;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.GroupEvidence;
import dev.cutover.readiness.evidence.Provenance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes what an offsets translation or sync proved ({@link OffsetsProof}) as readiness evidence, for the workloads
 * whose {@code match.groupId} matches each group: in area offsets, except a reverse sync's (a group's way back to the
 * source), which is filed in area rollback. Used by {@code offsets translate|sync} and by a wave's offsets steps.
 * Evidence is a by-product: failing to write it is reported through {@code warn} and changes no result.
 */
public final class ProofEvidence {
    private ProofEvidence() {}

    /** Writes the proofs' evidence; returns the paths written (relative to the workspace). */
    public static List<String> write(
            Workspace ws, String targetClusterId, List<OffsetsProof> proofs, String producedBy, Consumer<String> note) {
        List<String> written = new ArrayList<>();
        for (OffsetsProof proof : proofs) {
            try {
                List<String> paths = GroupEvidence.write(
                        ws.dir(),
                        ws.workloads(),
                        Provenance.here(producedBy.isEmpty() ? proof.command() : producedBy, Clock.systemUTC()),
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
                note.accept("evidence: " + String.join(", ", paths));
            } catch (RuntimeException e) {
                note.accept("warning: could not write evidence for group " + proof.group() + ": " + e.getMessage());
            }
        }
        return written;
    }
}
