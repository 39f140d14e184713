package dev.cutover.sandbox.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterJmxIT {

    @BeforeAll
    static void loopbackRmi() {
        ClusterJmx.preferLoopbackRmi();
    }

    @Test
    void brokerMetricsAppearInTheClustersOwnMBeanServer() throws Exception {
        // Given a cluster JMX and a KRaft broker configured to report into it
        try (ClusterJmx jmx = ClusterJmx.start("source");
                TinyKraftBroker broker = TinyKraftBroker.start(ClusterJmx.brokerConfigs("source"))) {
            assertThat(jmx.url()).matches("service:jmx:rmi:///jndi/rmi://127\\.0\\.0\\.1:\\d+/jmxrmi");

            // When a 4.3.1 producer with a distinct client.id connects and sends
            Map<String, Object> props = new HashMap<>();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                admin.createTopics(java.util.List.of(new NewTopic("t", 1, (short) 1)))
                        .all()
                        .get();
            }
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "cluster-jmx-it-producer");
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "v")).get();

                // Then the socket-server metric with the client's software is readable over the JMX URL
                try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(jmx.url()))) {
                    MBeanServerConnection mbeans = connector.getMBeanServerConnection();
                    ObjectName pattern = new ObjectName("kafka.server:type=socket-server-metrics,"
                            + "clientSoftwareName=apache-kafka-java,clientSoftwareVersion=4.3.1,listener=CLIENT,"
                            + "broker=1,*");
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    long connections = 0;
                    Set<ObjectName> names = Set.of();
                    while (connections < 1 && System.nanoTime() < deadline) {
                        names = mbeans.queryNames(pattern, null);
                        connections = 0;
                        for (ObjectName name : names) {
                            connections += ((Number) mbeans.getAttribute(name, "connections")).longValue();
                        }
                        Thread.sleep(100);
                    }
                    System.out.println("4.3.1 in-process socket-server-metrics MBeans: "
                            + mbeans.queryNames(new ObjectName("kafka.server:type=socket-server-metrics,*"), null));
                    assertThat(names).isNotEmpty();
                    assertThat(names.iterator().next().getKeyProperty("networkProcessor"))
                            .isNotNull();
                    assertThat(connections).isGreaterThanOrEqualTo(1);
                    assertThat(mbeans.getAttribute(new ObjectName("kafka.server:type=app-info,broker=1"), "version"))
                            .isEqualTo("4.3.1");
                }
            }

            // And the platform MBeanServer did not get the broker's Kafka metrics (no collision between clusters)
            assertThat(ManagementFactory.getPlatformMBeanServer()
                            .queryNames(new ObjectName("kafka.server:type=socket-server-metrics,*"), null))
                    .isEmpty();
            // Yammer metrics (request metrics, including DeprecatedRequestsPerSec) still go to the platform
            // MBeanServer, without a broker key: in-process clusters share them.
            assertThat(ManagementFactory.getPlatformMBeanServer()
                            .queryNames(new ObjectName("kafka.network:type=RequestMetrics,*"), null))
                    .isNotEmpty();
            assertThat(jmx.mBeanServer().queryNames(new ObjectName("kafka.network:*"), null))
                    .isEmpty();
        }
        assertThat(ClusterJmx.find("source")).isEmpty();
    }
}
