package dev.cutover.probe.traffic;

import dev.cutover.config.ClientFailures;
import dev.cutover.config.Redactor;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;

/** A client failure as one redacted line for a check's details, and the cause that matters. */
final class Failures {
    private Failures() {}

    /** The failure without wrappers ({@link ExecutionException}, a {@link KafkaException} around a cause). */
    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof ExecutionException
                        || (current.getClass() == KafkaException.class && current.getCause() != null))
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static <T extends Throwable> boolean is(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        Throwable u = unwrap(t);
        return Redactor.redactText(u.getClass().getSimpleName() + ": " + ClientFailures.chain(u));
    }
}
