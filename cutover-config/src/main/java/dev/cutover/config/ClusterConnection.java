package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaFuture;

/**
 * An Admin client of one connection profile that waits at most the profile's {@code timeout} for each call and
 * reports every failure as a {@link CutoverException} naming the profile ({@link ClientFailures}): a profile whose
 * properties cannot make a client (JAAS, SSL stores) fails in {@link #open}, exit 2; a cluster that does not answer
 * or refuses us fails the call, exit 3.
 */
public final class ClusterConnection implements AutoCloseable {
    private final ConnectionProfile profile;
    private final Admin admin;

    private ClusterConnection(ConnectionProfile profile, Admin admin) {
        this.profile = profile;
        this.admin = admin;
    }

    /** Makes the client; nothing is sent to the cluster yet. */
    public static ClusterConnection open(ConnectionProfile profile) {
        Objects.requireNonNull(profile, "profile");
        try {
            return new ClusterConnection(profile, Admin.create(profile.clientProperties()));
        } catch (RuntimeException e) {
            throw ClientFailures.classify(e, profile).orElseThrow(() -> e);
        }
    }

    /**
     * Checks that a profile's clients can be made and that its cluster answers within the profile's timeout; returns
     * the cluster's id. What commands call before they start long work, so that a wrong profile fails fast.
     */
    public static String check(ConnectionProfile profile) {
        try (ClusterConnection c = open(profile)) {
            return c.clusterId();
        }
    }

    /**
     * As {@link #check(ConnectionProfile)} for several profiles: every client is made first, so that a profile's
     * configuration error (exit 2) is reported before another cluster's silence (exit 3).
     */
    public static void checkAll(java.util.List<ConnectionProfile> profiles) {
        java.util.List<ClusterConnection> open = new java.util.ArrayList<>();
        try {
            for (ConnectionProfile profile : profiles) {
                open.add(open(profile));
            }
            for (ClusterConnection c : open) {
                c.clusterId();
            }
        } finally {
            open.forEach(ClusterConnection::close);
        }
    }

    public ConnectionProfile profile() {
        return profile;
    }

    public Admin admin() {
        return admin;
    }

    /** The cluster's id. */
    public String clusterId() {
        int ms = (int) Math.min(Integer.MAX_VALUE, profile.timeout().toMillis());
        return await(
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                        .clusterId(),
                "read the cluster's id");
    }

    /** Waits for a call of this client at most the profile's timeout. */
    public <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(profile.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(profile, e.getCause() == null ? e : e.getCause(), what);
        } catch (TimeoutException e) {
            throw failure(profile, e, what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "profile '" + profile.name() + "': interrupted while trying to " + what,
                    null,
                    e);
        }
    }

    /**
     * A failure of a client of {@code profile} as a {@link CutoverException}: classified by {@link ClientFailures}, or
     * else a cluster failure (exit 3) saying what was being done.
     */
    public static CutoverException failure(ConnectionProfile profile, Throwable cause, String what) {
        return ClientFailures.classify(cause, profile)
                .orElseGet(() -> new CutoverException(
                        Reason.CLUSTER_UNREACHABLE,
                        "profile '" + profile.name() + "': failed to " + what + ": "
                                + cause.getClass().getSimpleName() + ": " + ClientFailures.chain(cause),
                        "check that the cluster at " + Redactor.redactText(profile.bootstrapServers())
                                + " runs and is healthy",
                        cause));
    }

    /**
     * Closes the client at once: every call this class makes is awaited, so what is still pending is a call that
     * already timed out, and waiting for it would only double the time a failing command takes.
     */
    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
