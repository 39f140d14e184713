package dev.cutover.link.internal;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * The one place in cutover-link that waits for Admin futures on one cluster and turns whole-call failures into {@link
 * CutoverException}s with a reason:
 *
 * <ul>
 *   <li>no answer within {@link #timeout} (ours, or the Admin client's own {@code TimeoutException}): {@link
 *       Reason#CLUSTER_UNREACHABLE}, naming the cluster, what was being done and the time waited;
 *   <li>{@link AuthorizationException}: {@link Reason#AUTHORIZATION_FAILED} with the caller's permission hint;
 *   <li>{@link AuthenticationException} (SASL, SSL): {@link Reason#AUTHENTICATION_FAILED};
 *   <li>anything else: {@link Reason#CLUSTER_UNREACHABLE} ("the cluster refused or failed it"), keeping the cause.
 * </ul>
 *
 * Messages name the cluster and what was being done, never a secret. Batched calls that must keep one resource's
 * failure from failing the others use {@link #outcome} instead, and {@link AdminBatches} pages and splits calls to fit
 * the brokers' limits.
 *
 * @param cluster how messages name the cluster, e.g. {@code "target"}
 * @param timeout how long each call (each page of a paged call) may take
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
            throw timedOut(what, e);
        } catch (InterruptedException e) {
            throw interrupted(what, e);
        }
    }

    /**
     * Waits, until {@code deadlineNanos} (a {@link System#nanoTime()} value), for one resource's future of a batched
     * call and returns its failure, or empty when it succeeded: one failing resource must not fail the others. No answer
     * by the deadline is returned as Kafka's {@link org.apache.kafka.common.errors.TimeoutException}.
     */
    public Optional<Throwable> outcome(KafkaFuture<?> future, long deadlineNanos) {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return Optional.of(new org.apache.kafka.common.errors.TimeoutException(
                    "no answer from the " + cluster + " within " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            throw interrupted("wait for the " + cluster, e);
        }
    }

    /** The deadline of a call (or page) that starts now, as a {@link System#nanoTime()} value. */
    public long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** The exception for a failed call, by the kind of its cause. */
    public CutoverException failure(Throwable cause, String what) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return timedOut(what, cause);
        }
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

    /** The exception for a call (or a whole batch of a call) that got no answer within {@link #timeout}. */
    public CutoverException timedOut(String what, Throwable cause) {
        return new CutoverException(
                Reason.CLUSTER_UNREACHABLE,
                "no answer from the " + cluster + " within " + timeout.toMillis() + " ms while trying to " + what,
                "check that the " + cluster + " cluster is reachable from this machine (the profile's timeout is "
                        + timeout + ")",
                cause);
    }

    private static CutoverException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new CutoverException(Reason.INTERNAL, "interrupted while trying to " + what, null, e);
    }
}
