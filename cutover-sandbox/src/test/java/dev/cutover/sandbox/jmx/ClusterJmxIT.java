package dev.cutover.sandbox.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterJmxIT {
    private static final String CLIENT_SOFTWARE = "kafka.server:type=socket-server-metrics,"
            + "clientSoftwareName=apache-kafka-java,clientSoftwareVersion=4.3.1,listener=CLIENT,broker=0,*";

    @BeforeAll
    static void loopbackRmi() {
        ClusterJmx.preferLoopbackRmi();
    }

    @Test
    void eachInProcessClusterPublishesItsOwnBrokersMetricsOnItsOwnUrl() throws Exception {
        // Given two clusters in this JVM, each with JMX
        try (EmbeddedCluster source = EmbeddedCluster.start(
                        EmbeddedCluster.Options.named("source").jmx(true));
                EmbeddedCluster target = EmbeddedCluster.start(
                        EmbeddedCluster.Options.named("target").jmx(true))) {
            String sourceUrl = source.jmxUrl().orElseThrow();
            String targetUrl = target.jmxUrl().orElseThrow();
            assertThat(sourceUrl).matches("service:jmx:rmi:///jndi/rmi://127\\.0\\.0\\.1:\\d+/jmxrmi");
            assertThat(sourceUrl).isNotEqualTo(targetUrl);
            long targetBefore = connections(targetUrl);

            // When four producers connect to the source only
            try (Admin admin = source.admin()) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1)))
                        .all()
                        .get();
            }
            List<KafkaProducer<String, String>> producers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Map<String, Object> props = new HashMap<>(source.adminClientProperties());
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "cluster-jmx-it-" + i);
                    var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                    producer.send(new ProducerRecord<>("t", "k", "v")).get();
                    producers.add(producer);
                }

                // Then the source's JMX counts their connections, with the broker's key and version,
                // and the target's does not move
                assertThat(awaitConnections(sourceUrl, 4)).isGreaterThanOrEqualTo(4);
                assertThat(connections(targetUrl)).isEqualTo(targetBefore);
                try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(sourceUrl))) {
                    MBeanServerConnection mbeans = connector.getMBeanServerConnection();
                    assertThat(mbeans.getAttribute(new ObjectName("kafka.server:type=app-info,broker=0"), "version"))
                            .isEqualTo("4.3.1");
                }
            } finally {
                producers.forEach(KafkaProducer::close);
            }

            // And nothing of either cluster's Kafka metrics landed in the platform MBeanServer, where they would
            // collide
            assertThat(ManagementFactory.getPlatformMBeanServer()
                            .queryNames(new ObjectName("kafka.server:type=socket-server-metrics,*"), null))
                    .isEmpty();
        }
        assertThat(ClusterJmx.find("source")).isEmpty();
    }

    private static long awaitConnections(String url, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long seen = connections(url);
        while (seen < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = connections(url);
        }
        return seen;
    }

    private static long connections(String url) throws Exception {
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            long total = 0;
            for (ObjectName name : mbeans.queryNames(new ObjectName(CLIENT_SOFTWARE), null)) {
                total += ((Number) mbeans.getAttribute(name, "connections")).longValue();
            }
            return total;
        }
    }
}
