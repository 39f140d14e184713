package dev.cutover.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * A new SCRAM credential reaches every broker a little after the call that created it returns (through the metadata
 * log in KRaft, through ZooKeeper watches in older brokers). Sandboxes wait until it works, so that callers never see
 * a spurious authentication failure.
 */
public final class ScramLogins {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ScramLogins() {}

    /** Waits until a client with these properties can log in; fails after 30 s. */
    public static void await(String cluster, Map<String, Object> clientProperties, String user) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (true) {
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SCRAM user " + user + " cannot log in to " + cluster, e);
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for user " + user, e);
                }
            }
        }
    }
}
