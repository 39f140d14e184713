package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClientFailures;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * Decides, in one place, whether a failed run of a link is started again. A restart takes over from the failed run
 * exactly as after a crash (decision 0001), so it is always safe; it is useless when the cause needs a person:
 * configuration, usage, a refused permission or credentials, a lease held by another instance, and a cluster that was
 * never reached (the profile is wrong, or the cluster is down: waiting would only hide it). A cluster that stops
 * answering while the link runs (a broker bounce) is retried. At most {@code budget} consecutive restarts; a run that
 * copied for {@code resetAfter} gives the budget back.
 */
public record RestartPolicy(int budget, Duration firstBackoff, Duration maxBackoff, Duration resetAfter) {
    public static RestartPolicy defaults() {
        return new RestartPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** Never restarts: for tests and callers that want every failure. */
    public static RestartPolicy never() {
        return new RestartPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The failure as the caller should see it when it is final, or empty when a restart may help.
     *
     * @param everStarted whether a run of this link got as far as copying
     */
    public Optional<Throwable> fatal(Throwable failure, boolean everStarted) {
        Optional<CutoverException> denied = denied(failure);
        if (denied.isPresent()) {
            return Optional.of(denied.get());
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.config.ConfigException bad) {
                return Optional.of(new CutoverException(
                        Reason.CONFIG_INVALID,
                        "a connection profile holds a setting Kafka's clients reject: " + bad.getMessage(),
                        "fix the profile in the workspace's cutover.yaml",
                        failure));
            }
        }
        Optional<ClientFailures.Kind> kind = ClientFailures.kindOf(failure);
        if (kind.isPresent() && !(failure instanceof CutoverException)) {
            boolean neverReached = kind.get() == ClientFailures.Kind.TIMEOUT && !everStarted;
            if (!kind.get().retriable() || neverReached) {
                return ClientFailures.classify(failure, (String) null).map(e -> (Throwable) e);
            }
            return Optional.empty();
        }
        if (failure instanceof CutoverException ce) {
            boolean environment = ce.reason() == Reason.CLUSTER_UNREACHABLE || ce.reason() == Reason.INTERNAL;
            return environment && everStarted ? Optional.empty() : Optional.of(ce);
        }
        return Optional.empty();
    }

    /** How long to wait before restart number {@code attempt} (1-based): doubling from the first, capped. */
    public Duration backoff(int attempt) {
        long ms = firstBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }

    /**
     * A failure caused by a cluster refusing the link's principal or its credentials (exit 3, no restart), described
     * with what Kafka says was refused: topics, group, transactional id or cluster.
     */
    public static Optional<CutoverException> denied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CutoverException ce
                    && (ce.reason() == Reason.AUTHORIZATION_FAILED || ce.reason() == Reason.AUTHENTICATION_FAILED)) {
                return Optional.of(ce);
            }
            if (t instanceof AuthenticationException refused) {
                return Optional.of(new CutoverException(
                        Reason.AUTHENTICATION_FAILED,
                        "a cluster refused the link's credentials: " + refused.getMessage(),
                        "check the workspace profiles' SASL/TLS settings and credentials",
                        failure));
            }
            if (t instanceof AuthorizationException refused) {
                String what = "a resource";
                if (refused instanceof TopicAuthorizationException topics) {
                    what = "topic(s) " + new TreeSet<>(topics.unauthorizedTopics());
                } else if (refused instanceof GroupAuthorizationException group) {
                    what = "group " + group.groupId();
                } else if (refused instanceof TransactionalIdAuthorizationException) {
                    what = "its transactional id";
                } else if (refused instanceof ClusterAuthorizationException) {
                    what = "the cluster resource";
                }
                return Optional.of(new CutoverException(
                        Reason.AUTHORIZATION_FAILED,
                        "the link was refused access to " + what + ": " + failure.getMessage(),
                        "grant the profiles' principals the ACLs listed under Permissions in the README's link"
                                + " section, then start the link again",
                        failure));
            }
        }
        return Optional.empty();
    }
}
