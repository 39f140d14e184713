package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.link.groups.OffsetsProof;
import dev.cutover.orchestrator.ProofEvidence;
import java.io.PrintWriter;
import java.util.List;

/**
 * Writes what {@code offsets translate} and {@code offsets sync} proved ({@link OffsetsProof}, decided in the link
 * module) as readiness evidence ({@link ProofEvidence}), its notes on the command's stderr.
 */
final class OffsetsEvidence {
    private OffsetsEvidence() {}

    static void write(OffsetsClusters clusters, List<OffsetsProof> proofs, PrintWriter err) {
        write(clusters.workspace(), clusters.targetClusterId(), proofs, err);
    }

    /** Writes the proofs' evidence; returns the paths written (relative to the workspace). */
    static List<String> write(Workspace ws, String targetClusterId, List<OffsetsProof> proofs, PrintWriter err) {
        return ProofEvidence.write(ws, targetClusterId, proofs, "", line -> {
            err.println(line);
            err.flush();
        });
    }
}
