package dev.cutover.link.internal;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Waits for Admin futures on one cluster and turns whole-call failures into {@link CutoverException}s with a reason:
 * authorization (with the permission hint of the caller), authentication, time-out and anything else (unreachable).
 * Messages name the cluster and what was being done, never a secret.
 *
 * @param cluster how messages name the cluster, e.g. {@code "target"}
 * @param timeout how long each call may take
 * @param permissionHint what to grant when the cluster refuses a call
 */
public record AdminAwait(String cluster, Duration timeout, String permissionHint) {
    public AdminAwait {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(permissionHint, "permissionHint");
    }

    /** Waits for a call whose failure makes the caller's whole operation impossible. */
    public <T> T await(KafkaFuture<T> future, String what) {
        return await(future, what, cause -> null);
    }

    /**
     * As {@link #await(KafkaFuture, String)}, but {@code special} may turn a failure's cause into another exception
     * (for example "group not found" into an empty answer); when it returns null the usual mapping applies.
     */
    public <T> T await(KafkaFuture<T> future, String what, Function<Throwable, RuntimeException> special) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            RuntimeException mapped = special.apply(cause);
            throw mapped != null ? mapped : failure(cause, what);
        } catch (TimeoutException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "timed out after " + timeout.toMillis() + " ms while trying to " + what + " on the " + cluster,
                    "check that the " + cluster + " cluster is reachable from this machine",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.INTERNAL, "interrupted while trying to " + what, null, e);
        }
    }

    /** The exception for a failed call, by the kind of its cause. */
    public CutoverException failure(Throwable cause, String what) {
        if (cause instanceof AuthorizationException) {
            return new CutoverException(
                    Reason.AUTHORIZATION_FAILED,
                    "not allowed to " + what + " on the " + cluster + ": " + cause.getMessage(),
                    permissionHint,
                    cause);
        }
        if (cause instanceof AuthenticationException) {
            return new CutoverException(
                    Reason.AUTHENTICATION_FAILED,
                    "cannot authenticate to the " + cluster + " to " + what + ": " + cause.getMessage(),
                    "check the " + cluster + " connection profile's credentials",
                    cause);
        }
        return new CutoverException(
                Reason.CLUSTER_UNREACHABLE,
                "failed to " + what + " on the " + cluster + ": " + cause,
                "check that the " + cluster + " cluster is reachable and healthy",
                cause);
    }
}
