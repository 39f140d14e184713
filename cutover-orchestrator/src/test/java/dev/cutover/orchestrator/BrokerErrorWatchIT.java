package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.PlatformJmx;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A move's observe window reads the target brokers' error counters through the target profile's JMX: a failed
 * authentication on the target during the window blocks the confirmation, a quiet window does not, counters that cannot
 * be read block it too, and a profile without JMX says that nothing was read.
 */
@ExtendWith(ClustersExtension.class)
class BrokerErrorWatchIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aFailedAuthenticationDuringTheWindowBlocksAndAQuietWindowDoesNot(
            @Cluster(value = "target", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target) throws Exception {
        try (PlatformJmx jmx = PlatformJmx.start()) {
            ConnectionProfile profile = profile(target, List.of(jmx.url()));

            // When a client fails to log in to the target while the window is open
            BrokerErrorWatch watch = BrokerErrorWatch.open(profile);
            failToLogIn(target);
            Map<String, String> figures = new LinkedHashMap<>();
            Optional<String> blocked = watch.close(figures);

            // Then the confirmation is blocked, saying what was counted
            assertThat(blocked).hasValueSatisfying(why -> assertThat(why)
                    .containsPattern("counted [1-9]\\d* failed authentication\\(s\\)")
                    .contains("per broker, not per client"));
            assertThat(figures)
                    .hasEntrySatisfying("brokerErrors.failedAuthentication", v -> assertThat(Long.parseLong(v))
                            .isPositive());

            // And a window without such errors is not blocked, with the counters recorded
            BrokerErrorWatch quiet = BrokerErrorWatch.open(profile);
            Map<String, String> quietFigures = new LinkedHashMap<>();
            assertThat(quiet.close(quietFigures)).isEmpty();
            assertThat(quietFigures)
                    .containsEntry("brokerErrors.failedAuthentication", "0")
                    .containsKeys(
                            "brokerErrors.failedProduce",
                            "brokerErrors.failedFetch",
                            "brokerErrors.authorizationFailed");
        }
    }

    @Test
    void countersThatCannotBeReadBlockAndNoJmxIsSaid(
            @Cluster(value = "target", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target) throws Exception {
        String nobody = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + PlatformJmx.freePort() + "/jmxrmi";
        Map<String, String> figures = new LinkedHashMap<>();
        assertThat(BrokerErrorWatch.open(profile(target, List.of(nobody))).close(figures))
                .hasValueSatisfying(why -> assertThat(why).contains("could not be read"));
        assertThat(figures.get("brokerErrors")).startsWith("unknown: cannot connect to JMX at " + nobody);

        Map<String, String> none = new LinkedHashMap<>();
        assertThat(BrokerErrorWatch.open(profile(target, List.of())).close(none))
                .isEmpty();
        assertThat(none).containsEntry("brokerErrors", "not read: the target profile has no jmx: URLs");
    }

    private static void failToLogIn(EmbeddedCluster target) {
        Map<String, Object> props = new HashMap<>(target.clientProperties("nobody", "wrong-password"));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get();
        } catch (Exception e) {
            // refused, as intended: the broker counted it
        }
    }

    private static ConnectionProfile profile(EmbeddedCluster cluster, List<String> jmx) {
        Map<String, String> props = new HashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ConnectionProfile("target", props, jmx, TIMEOUT);
    }
}
