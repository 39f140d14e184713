package dev.cutover.link.sync;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/** Waits for Admin futures and turns whole-call failures into {@link CutoverException}s with a reason. */
final class AdminCalls {
    private AdminCalls() {}

    /** Waits for a call whose failure makes the whole sync impossible (reading metadata, for example). */
    static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), what);
        } catch (TimeoutException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "timed out after " + timeout.toSeconds() + " s while trying to " + what,
                    "check that the cluster is reachable from this machine");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.INTERNAL, "interrupted while trying to " + what, null, e);
        }
    }

    /**
     * Waits for one item of a batched call. Returns the error as text, or null on success: one failing item must not
     * fail the others.
     */
    static String outcome(KafkaFuture<?> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (TimeoutException e) {
            return "timed out after " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The cause of a failed future, unwrapped, or null when it succeeded. */
    static Throwable cause(KafkaFuture<?> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    static CutoverException failure(Throwable cause, String what) {
        if (cause instanceof AuthorizationException) {
            return new CutoverException(
                    Reason.AUTHORIZATION_FAILED,
                    "not allowed to " + what + ": " + cause.getMessage(),
                    "grant the sync's principal the Describe/DescribeConfigs (source) and Create/Alter/AlterConfigs"
                            + " (target) rights",
                    cause);
        }
        if (cause instanceof AuthenticationException) {
            return new CutoverException(
                    Reason.AUTHENTICATION_FAILED,
                    "cannot authenticate to " + what + ": " + cause.getMessage(),
                    "check the connection profile's credentials",
                    cause);
        }
        return new CutoverException(
                Reason.CLUSTER_UNREACHABLE,
                "failed to " + what + ": " + cause,
                "check that the cluster is reachable and healthy",
                cause);
    }
}
