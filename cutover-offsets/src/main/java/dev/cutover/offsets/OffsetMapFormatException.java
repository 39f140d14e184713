package dev.cutover.offsets;

/** A persisted offset map or increment cannot be read: unknown format version, wrong kind, or corrupt bytes. */
public final class OffsetMapFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OffsetMapFormatException(String message) {
        super(message);
    }

    public OffsetMapFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
