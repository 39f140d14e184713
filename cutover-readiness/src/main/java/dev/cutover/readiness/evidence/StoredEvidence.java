package dev.cutover.readiness.evidence;

import java.util.Objects;

/**
 * Evidence and the file it is kept in.
 *
 * @param path the file, relative to the workspace, e.g. {@code evidence/20261124T101500Z-offsets-billing-....json}
 */
public record StoredEvidence(String path, Evidence evidence) {
    public StoredEvidence {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(evidence, "evidence");
    }
}
