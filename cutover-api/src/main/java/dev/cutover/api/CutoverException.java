package dev.cutover.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure the user can act on: what is wrong (the message, naming where), and what to do (the hint). Messages
 * must never contain secrets; callers pass redacted values only.
 */
public class CutoverException extends RuntimeException {
    private final Reason reason;
    private final String hint;

    public CutoverException(Reason reason, String message, String hint) {
        this(reason, message, hint, null);
    }

    public CutoverException(Reason reason, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.hint = hint;
    }

    public Reason reason() {
        return reason;
    }

    /** What the user should do about it, if we know. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    public int exitCode() {
        return reason.exitCode();
    }
}
