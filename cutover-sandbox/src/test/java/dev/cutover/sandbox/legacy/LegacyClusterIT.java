package dev.cutover.sandbox.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LegacyClusterIT {

    @Test
    void startsServesClientsExposesJmxAndCleansUp() throws Exception {
        // Given a 3.9.1 broker with ZooKeeper in child JVMs
        long start = System.nanoTime();
        LegacyCluster cluster = LegacyCluster.start("legacy-it");
        System.out.printf(
                "legacy cluster ready in %d ms%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        List<Long> pids;
        try (cluster) {
            pids = cluster.childPids();
            assertThat(pids).hasSize(2);
            assertThat(cluster.kafkaVersion()).isEqualTo("3.9.1");
            assertThat(cluster.jmxUrl()).isPresent();

            // When a 4.3.1 client creates a topic, produces and consumes 100 records
            try (Admin admin = Admin.create(cluster.adminClientProperties())) {
                admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)))
                        .all()
                        .get();
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(cluster.clusterId());
            }
            Map<String, Object> producerProps = new HashMap<>(cluster.clientProperties("ignored", "ignored"));
            producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "legacy-it-producer");
            producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("orders", "k" + i, "v" + i));
                }
                producer.flush();
            }
            Map<String, Object> consumerProps = new HashMap<>(cluster.clientProperties("ignored", "ignored"));
            consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "legacy-it-group");
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("orders"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received.size() < 100 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                }
                consumer.commitSync();
            }

            // Then every record arrives, the cluster id is set and the broker's MBeans are readable over JMX
            assertThat(received).hasSize(100);
            assertThat(cluster.clusterId()).isNotBlank();
            try (JMXConnector jmx = JMXConnectorFactory.connect(
                    new JMXServiceURL(cluster.jmxUrl().orElseThrow()))) {
                MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                Object version = mbeans.getAttribute(new ObjectName("kafka.server:type=app-info"), "version");
                assertThat(version).isEqualTo("3.9.1");
                Object messagesIn = mbeans.getAttribute(
                        new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec"), "Count");
                assertThat(((Number) messagesIn).longValue()).isGreaterThanOrEqualTo(100);
                System.out.println("3.9.1 socket-server-metrics MBeans: "
                        + mbeans.queryNames(new ObjectName("kafka.server:type=socket-server-metrics,*"), null));
            }
        }

        // And closing stops both children and deletes the directory
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        }
        assertThat(Files.exists(cluster.directory())).isFalse();
    }
}
