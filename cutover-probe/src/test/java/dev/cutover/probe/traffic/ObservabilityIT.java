package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.PlatformJmx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probe's observability checks against a real broker: its JMX read after the probe's own traffic, a group's lag
 * from the target's committed and end offsets, and the absence of link state said as unknown, never a pass.
 */
@ExtendWith(ClustersExtension.class)
// The sandbox test runs last: stopping an in-process broker removes the JVM's shared request meters (one Yammer
// registry per JVM) until another broker starts, which the other tests' broker would then miss.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aProbeWithTheTargetsJmxReadsItsSignalsAndTheGroupsLag(@Cluster("target") EmbeddedCluster target)
            throws Exception {
        // Given the broker's JMX (this JVM's platform MBeanServer, as a broker JVM with JMX_PORT exposes it)
        // and a topic with 10 records on partition 0 and 3 on partition 1, of which group obs-app committed 4 and 3
        String topic = "obs-orders";
        try (Admin admin = target.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            produce(target, topic, 0, 10);
            produce(target, topic, 1, 3);
            admin.alterConsumerGroupOffsets(
                            "obs-app",
                            Map.of(
                                    new TopicPartition(topic, 0), new OffsetAndMetadata(4),
                                    new TopicPartition(topic, 1), new OffsetAndMetadata(3)))
                    .all()
                    .get();
        }
        try (PlatformJmx jmx = PlatformJmx.start()) {
            ConnectionProfile profile = profile(target, List.of(jmx.url()), TIMEOUT);

            // When the probe runs for a workload with that group and one that never committed on the target
            ProbeReport report = new Probe()
                    .run(new ProbeRequest(
                            "obs-app",
                            List.of(topic),
                            List.of("obs-app", "obs-new"),
                            true,
                            true,
                            false,
                            Map.of(),
                            Map.of(),
                            Map.of(),
                            profile,
                            Optional.empty(),
                            Optional.empty()));

            // Then the broker metrics pass, naming the MBeans read and their values
            ProbeCheck metrics = check(report, ObservabilityChecks.METRICS);
            System.out.println("observability: " + metrics.details());
            assertThat(metrics.status()).as(metrics.details()).isEqualTo(ProbeCheck.Status.PASS);
            assertThat(metrics.details())
                    .startsWith(jmx.url() + ": ")
                    .containsPattern("kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec Count=\\d+")
                    .containsPattern("kafka.server:type=BrokerTopicMetrics,name=FailedFetchRequestsPerSec Count=\\d+")
                    .containsPattern(
                            "failed-authentication-total=0 \\(sum of [1-9]\\d* kafka.server:type=socket-server")
                    .containsPattern("ErrorsPerSec: [1-9]\\d* MBean\\(s\\) exported");
            // and the group's lag is end minus committed: (10 - 4) + (3 - 3)
            ProbeCheck lag = check(report, ObservabilityChecks.lagName("obs-app"));
            assertThat(lag.status()).as(lag.details()).isEqualTo(ProbeCheck.Status.PASS);
            assertThat(lag.details()).startsWith("obs-app: lag 6 over 2 partition(s), max 6 on obs-orders-0");
            // and a group without offsets on the target, and a link without state, are unknown and say why
            ProbeCheck none = check(report, ObservabilityChecks.lagName("obs-new"));
            assertThat(none.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
            assertThat(none.details()).startsWith("no committed offsets on the target yet");
            ProbeCheck replication = check(report, ReplicationLag.checkName("default"));
            assertThat(replication.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
            assertThat(replication.details()).contains("link default has no state on the target");
            // and they ran after the traffic, in their own area, which therefore does not pass
            List<String> names = report.checks().stream().map(ProbeCheck::name).toList();
            assertThat(names.indexOf(ObservabilityChecks.METRICS)).isGreaterThan(names.indexOf("probe topics deleted"));
            assertThat(report.byArea().get(ProbeArea.OBSERVABILITY)).hasSize(4);
            assertThat(ProbeReport.areaPassed(report.byArea().get(ProbeArea.OBSERVABILITY)))
                    .isFalse();
        }
        // And asking for the link's state did not create its topic on the target
        try (Admin admin = target.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("__cutover.default.state");
        }
    }

    @Test
    void withoutAJmxUrlTheMetricsAreUnknownAndAJmxThatDoesNotAnswerFailsWithinTheTimeout(
            @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given the target without a jmx: URL, with one where nothing listens, and with one that never answers
        int closed = PlatformJmx.freePort();
        String refused = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + closed + "/jmxrmi";
        Duration bound = Duration.ofSeconds(2);
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String mute = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + silent.getLocalPort() + "/jmxrmi";

            // When
            ProbeCheck noUrl = metrics(profile(target, List.of(), bound));
            ProbeCheck noListener = metrics(profile(target, List.of(refused), bound));
            long t0 = System.nanoTime();
            ProbeCheck noAnswer = metrics(profile(target, List.of(mute), bound));
            long tookMs = (System.nanoTime() - t0) / 1_000_000;

            // Then
            assertThat(noUrl.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
            assertThat(noUrl.details())
                    .isEqualTo("the target profile has no jmx: URL; cutover cannot read the target's broker metrics");
            assertThat(noListener.status()).isEqualTo(ProbeCheck.Status.FAIL);
            assertThat(noListener.details()).startsWith("cannot connect to JMX at " + refused);
            assertThat(noListener.fix()).contains("reachable from this host");
            assertThat(noAnswer.status()).isEqualTo(ProbeCheck.Status.FAIL);
            assertThat(noAnswer.details()).isEqualTo("no answer from JMX at " + mute + " within 2000 ms");
            assertThat(tookMs).isBetween(bound.toMillis() - 100, bound.toMillis() + 1_000);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theSandboxesJmxShowsItsOwnMetricsAndTheJvmsRequestMeters() throws Exception {
        // Given a sandbox cluster with its own JMX: Kafka's metrics of that cluster, and the JVM-wide request meters
        // (one Yammer registry per JVM, shared by in-process clusters) shown beside them
        try (EmbeddedCluster sandbox = EmbeddedCluster.start(
                EmbeddedCluster.Options.named("obs-sandbox").jmx(true))) {
            String url = sandbox.jmxUrl().orElseThrow();

            // When
            ProbeCheck check = metrics(profile(sandbox, List.of(url), TIMEOUT));

            // Then it passes, naming what it read
            assertThat(check.status()).as(check.details()).isEqualTo(ProbeCheck.Status.PASS);
            assertThat(check.details())
                    .contains("kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec")
                    .containsPattern("failed-authentication-total=0 \\(sum of [1-9]");
        }
    }

    private static ProbeCheck metrics(ConnectionProfile profile) {
        try (ClusterConnection c = ClusterConnection.open(profile)) {
            return new ObservabilityChecks(c).metrics();
        }
    }

    static ConnectionProfile profile(EmbeddedCluster cluster, List<String> jmx, Duration timeout) {
        Map<String, String> props = new HashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new ConnectionProfile("target", props, jmx, timeout);
    }

    static ProbeCheck check(ProbeReport report, String name) {
        return report.checks().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + report.checks()));
    }

    private static void produce(EmbeddedCluster cluster, String topic, int partition, int count) throws Exception {
        try (var producer =
                new KafkaProducer<>(cluster.adminClientProperties(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i))
                        .get();
            }
        }
    }
}
