package dev.cutover.orchestrator.watch;

import java.util.Objects;

/**
 * A check a {@link StrayScan} could not make, and why: the answer is unknown, which is never "no stray client".
 *
 * @param subject the group or partition the check was about
 * @param why what failed, e.g. {@code "no connection to the target"} or the cluster's refusal
 */
public record NotChecked(StrayKind kind, String subject, String why) {
    public NotChecked {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(why, "why");
    }

    /** One line for people. */
    public String text() {
        return "could not check " + kind + " for " + subject + ": " + why;
    }
}
