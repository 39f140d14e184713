package dev.cutover.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ClusterProcessIT {

    @Test
    void childClusterCarriesRecordsAndStopsOnClose() throws Exception {
        // Given a cluster in a child JVM
        ClusterProcess cluster = ClusterProcess.start("child");
        ProcessHandle child = ProcessHandle.of(cluster.pid()).orElseThrow();
        try {
            assertThat(cluster.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(cluster.bootstrapServers()).matches("[^ ]+:\\d+");

            // When records are produced to it and consumed back
            try (Admin admin = Admin.create(cluster.clientProperties())) {
                admin.createTopics(List.of(new NewTopic("t", 2, (short) 1)))
                        .all()
                        .get();
            }
            Map<String, Object> producerProps = new HashMap<>(cluster.clientProperties());
            producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("t", i % 2, "k" + i, "v" + i))
                            .get();
                }
            }
            Map<String, Object> consumerProps = new HashMap<>(cluster.clientProperties());
            consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
                consumer.assign(List.of(new TopicPartition("t", 0), new TopicPartition("t", 1)));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.size() < 10 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
            }

            // Then they all come back
            assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        } finally {
            cluster.close();
        }

        // And closing stops the child JVM and removes its files
        assertThat(child.isAlive()).isFalse();
        assertThat(cluster.isAlive()).isFalse();
        assertThat(cluster.outputFile()).doesNotExist();
    }

    @Test
    void badNamesAreRefusedBeforeAnyJvmStarts() {
        assertThatThrownBy(() -> ClusterProcess.start("no spaces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no spaces");
    }
}
