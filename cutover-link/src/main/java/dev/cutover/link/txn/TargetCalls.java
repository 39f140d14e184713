package dev.cutover.link.txn;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

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
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), what);
        } catch (TimeoutException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "timed out after " + timeout.toMillis() + " ms while trying to " + what,
                    "check that the target is reachable from this machine");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.INTERNAL, "interrupted while trying to " + what, null, e);
        }
    }

    static CutoverException failure(Throwable cause, String what) {
        if (cause instanceof AuthorizationException) {
            return new CutoverException(
                    Reason.AUTHORIZATION_FAILED,
                    "not allowed to " + what + ": " + cause.getMessage(),
                    WRITE_HINT,
                    cause);
        }
        if (cause instanceof AuthenticationException) {
            return new CutoverException(
                    Reason.AUTHENTICATION_FAILED,
                    "cannot authenticate to the target to " + what + ": " + cause.getMessage(),
                    "check the target connection profile's credentials",
                    cause);
        }
        return new CutoverException(
                Reason.CLUSTER_UNREACHABLE,
                "failed to " + what + ": " + cause,
                "check that the target is reachable and healthy",
                cause);
    }

    /**
     * Closes without waiting for pending calls: every call is awaited with the caller's timeout already, and {@link
     * Admin#close()} alone could wait for {@code default.api.timeout.ms} past it.
     */
    static void close(Admin admin) {
        admin.close(Duration.ZERO);
    }
}
