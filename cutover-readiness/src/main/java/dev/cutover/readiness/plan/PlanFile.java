package dev.cutover.readiness.plan;

import java.nio.file.Path;
import java.util.Optional;

/** {@code DIR/plan.yaml}: read, and written so that the edits humans made survive a re-plan. */
public final class PlanFile {
    public static final String FILE = "plan.yaml";

    private PlanFile() {}

    /** The plan in {@code file}, or empty if there is none. Bad YAML or values: an exception naming file:line. */
    public static Optional<Plan> read(Path file) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Merges a freshly computed plan into the one in {@code file} (keeping human edits: wave membership, order, pattern,
     * owners), writes the result atomically, and says what changed.
     */
    public static PlanUpdate update(Path file, Plan computed) {
        throw new UnsupportedOperationException("not built yet");
    }
}
