package dev.cutover.inventory.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.legacy.LegacyCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientSoftwareScannerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static LegacyCluster cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = LegacyCluster.start("scanner-it");
        try (Admin admin = Admin.create(cluster.adminClientProperties())) {
            admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void countsConnectionsPerClientSoftwareAndListener() throws Exception {
        // Given the broker's JMX and a baseline of 4.3.1 connections (none of ours yet)
        String url = cluster.jmxUrl().orElseThrow();
        long before = javaConnections(ClientSoftwareScanner.scan(List.of(url), TIMEOUT), "4.3.1");

        // When two 4.3.1 producers connect and send
        List<KafkaProducer<String, String>> producers = new ArrayList<>();
        try {
            for (String clientId : List.of("scanner-it-a", "scanner-it-b")) {
                Map<String, Object> props = new HashMap<>(cluster.clientProperties("", ""));
                props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
                KafkaProducer<String, String> producer =
                        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                producers.add(producer);
                producer.send(new ProducerRecord<>("t", clientId)).get();
            }
            ClientSoftwareScan scan = ClientSoftwareScanner.scan(List.of(url), TIMEOUT);
            System.out.println("scan of the 3.9.1 broker: " + scan);

            // Then the PLAINTEXT listener shows at least one connection per producer as apache-kafka-java 4.3.1
            EndpointSoftware endpoint = scan.endpoints().get(0);
            assertThat(endpoint.problems()).isEmpty();
            assertThat(endpoint.jmxUrl()).isEqualTo(url);
            assertThat(endpoint.listeners()).singleElement().satisfies(l -> {
                assertThat(l.listener()).isEqualTo("PLAINTEXT");
                assertThat(l.broker()).isEmpty();
            });
            assertThat(javaConnections(scan, "4.3.1") - before).isGreaterThanOrEqualTo(2);
            // No deprecated request versions from a 4.3.1 client: the 3.9.1 broker has no such meter then.
            assertThat(endpoint.deprecatedRequests()).isEmpty();

            AttributionResult attribution = SoftwareAttribution.attribute(
                    endpoint.listeners(), List.of(new KnownConnection("scanner-it-a", "127.0.0.1", "PLAINTEXT")));
            // The broker's own connections (apache-kafka-java/3.9.1 and unknown: the ZooKeeper-mode controller channel
            // sends no ApiVersions) share the one listener, so counts alone cannot name the client's software.
            assertThat(attribution.attributed()).isEmpty();
            assertThat(attribution.listeners())
                    .singleElement()
                    .extracting(ListenerAttribution::outcome)
                    .isEqualTo(ListenerAttribution.Outcome.SEVERAL_SOFTWARE);
        } finally {
            producers.forEach(KafkaProducer::close);
        }

        // And when they close, their connections leave the counts
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long after;
        do {
            Thread.sleep(200);
            after = javaConnections(ClientSoftwareScanner.scan(List.of(url), TIMEOUT), "4.3.1");
        } while (after > before && System.nanoTime() < deadline);
        assertThat(after).isLessThanOrEqualTo(before);
    }

    @Test
    void unreachableEndpointIsAProblemEntryAndTheScanCompletes() throws Exception {
        // Given a port nothing listens on, next to the real endpoint
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String dead = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";

        // When
        ClientSoftwareScan scan =
                ClientSoftwareScanner.scan(List.of(dead, cluster.jmxUrl().orElseThrow()), Duration.ofSeconds(10));

        // Then the dead one has a problem, the live one is read
        assertThat(scan.endpoints()).hasSize(2);
        assertThat(scan.endpoints().get(0).problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(JmxProblem.Code.UNREACHABLE);
            assertThat(p.message()).contains("127.0.0.1:" + port);
        });
        assertThat(scan.endpoints().get(1).problems()).isEmpty();
    }

    private static long javaConnections(ClientSoftwareScan scan, String version) {
        return scan.listeners().stream()
                .flatMap(l -> l.software().stream())
                .filter(s -> s.clientSoftwareName().equals("apache-kafka-java")
                        && s.clientSoftwareVersion().equals(version))
                .mapToLong(SoftwareCount::connections)
                .sum();
    }
}
