package dev.cutover.readiness;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/** Asks a cluster for its id, so evidence can name the target it was taken against. */
public final class TargetCluster {
    private TargetCluster() {}

    public static String id(ConnectionProfile profile) {
        Duration timeout = profile.timeout();
        try (Admin admin = Admin.create(profile.clientProperties())) {
            return admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure(
                    Reason.CLUSTER_UNREACHABLE, profile, "did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Reason reason = cause instanceof AuthenticationException
                    ? Reason.AUTHENTICATION_FAILED
                    : cause instanceof AuthorizationException
                            ? Reason.AUTHORIZATION_FAILED
                            : Reason.CLUSTER_UNREACHABLE;
            throw failure(reason, profile, cause.getClass().getSimpleName(), e);
        } catch (KafkaException e) {
            throw failure(Reason.CONFIG_INVALID, profile, "cannot create a client: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Reason.CLUSTER_UNREACHABLE, profile, "interrupted", e);
        }
    }

    private static CutoverException failure(Reason reason, ConnectionProfile profile, String what, Exception e) {
        return new CutoverException(
                reason,
                "cannot read the cluster id of profile '" + profile.name() + "' (" + profile.bootstrapServers() + "): "
                        + what,
                "check that the cluster runs and the profile is right, or pass --target-cluster-id",
                e);
    }
}
