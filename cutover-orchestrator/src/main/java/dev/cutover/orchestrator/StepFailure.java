package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.Map;

/** A step's failure with figures worth keeping in its {@code failed} journal line (e.g. why each group was refused). */
final class StepFailure extends CutoverException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> figures;

    StepFailure(String message, String hint, Map<String, String> figures) {
        super(Reason.CHECK_FAILED, message, hint);
        this.figures = Map.copyOf(figures);
    }

    Map<String, String> figures() {
        return figures;
    }
}
