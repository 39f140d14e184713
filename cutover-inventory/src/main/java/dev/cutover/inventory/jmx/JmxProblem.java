package dev.cutover.inventory.jmx;

import java.util.Objects;

/** Why a JMX endpoint could not be read (fully). Messages never hold credentials. */
public record JmxProblem(Code code, String message) {
    public enum Code {
        /** The URL is not a JMX service URL. */
        INVALID_URL,
        /** Nothing answered, or the connection was refused or dropped. */
        UNREACHABLE,
        /** The endpoint asked for credentials we do not have, or refused them. */
        ACCESS_DENIED,
        /** Connecting and reading took longer than the timeout. */
        TIMEOUT,
        /** Connected, but reading some MBeans failed; what could be read is reported. */
        READ_FAILED
    }

    public JmxProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
