package dev.cutover.testkit.check;

/** A log could not be read completely (timeout, or the consumer failed); no partial log is returned. */
public final class LogReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LogReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
