package dev.cutover.schemas;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;

/**
 * The registry answered a request with an error: its HTTP status and the Confluent error code of its body (e.g. 40401
 * subject not found, 40403 schema not found, 409 incompatible, 42205 an id already taken), when it gave one.
 */
public final class RegistryException extends CutoverException {
    private final int status;
    private final int errorCode;

    public RegistryException(Reason reason, int status, int errorCode, String message, String hint) {
        super(reason, message, hint);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    /** The body's {@code error_code}, or the status when the body had none. */
    public int errorCode() {
        return errorCode;
    }
}
