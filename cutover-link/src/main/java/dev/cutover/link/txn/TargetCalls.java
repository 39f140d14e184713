package dev.cutover.link.txn;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.internal.AdminAwait;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;

/** Admin calls on the target, with failures turned into {@link CutoverException}s; messages never carry secrets. */
final class TargetCalls {
    static final String WRITE_HINT =
            "grant the link's principal WRITE on the target's TRANSACTIONAL_ID resource for this id";

    private TargetCalls() {}

    static Admin createAdmin(Map<String, Object> props) {
        try {
            return Admin.create(props);
        } catch (KafkaException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "the target's client properties do not make a valid client: " + e.getMessage(),
                    "check the target connection profile",
                    e);
        }
    }

    static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
        return on(timeout).await(future, what);
    }

    static CutoverException failure(Throwable cause, String what, Duration timeout) {
        return on(timeout).failure(cause, what);
    }

    private static AdminAwait on(Duration timeout) {
        return new AdminAwait("target", timeout, WRITE_HINT);
    }

    /**
     * Closes without waiting for pending calls: every call is awaited with the caller's timeout already, and {@link
     * Admin#close()} alone could wait for {@code default.api.timeout.ms} past it.
     */
    static void close(Admin admin) {
        admin.close(Duration.ZERO);
    }
}
