package dev.cutover.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class NodeClusterIT {

    @Test
    void aKilledNodeComesBackWithItsDataWhileTheOthersGoOn() throws Exception {
        // Given three nodes, each in its own JVM, and a topic with a replica on each
        try (NodeCluster cluster = NodeCluster.start("nodes")) {
            List<Long> pids = List.of(cluster.pid(0), cluster.pid(1), cluster.pid(2));
            assertThat(pids)
                    .doesNotHaveDuplicates()
                    .doesNotContain(ProcessHandle.current().pid());
            try (Admin admin = Admin.create(cluster.adminClientProperties())) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 3)))
                        .all()
                        .get();
                int leader = leaderOf(admin);

                // When its leader is killed with SIGKILL, records still go in (acks=all, 2 of 3 in sync)
                produce(cluster, "a", 10);
                cluster.kill(leader);
                assertThat(cluster.isRunning(leader)).isFalse();
                assertThat(ProcessHandle.of(pids.get(leader))).isEmpty();
                produce(cluster, "b", 10);

                // Then the node starts again with its data, catches up, and every record is there
                cluster.restart(leader);
                cluster.awaitFullyReplicated(Duration.ofSeconds(60));
                assertThat(cluster.pid(leader)).isNotEqualTo(pids.get(leader));
                assertThat(cluster.logDir(leader).resolve("t-0")).isDirectory();
            }
            assertThat(consume(cluster, 20)).hasSize(20).startsWith("a0").endsWith("b9");
        }
    }

    @Test
    void badOptionsAreRefusedBeforeAnyJvmStarts() {
        assertThatThrownBy(() -> NodeCluster.Options.named("no spaces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no spaces");
        assertThatThrownBy(() -> NodeCluster.Options.named("n").nodes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 5 nodes");
    }

    private static int leaderOf(Admin admin) throws Exception {
        TopicDescription t = admin.describeTopics(List.of("t"))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get("t");
        return t.partitions().get(0).leader().id();
    }

    private static void produce(NodeCluster cluster, String prefix, int count) throws Exception {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("t", 0, null, prefix + i)).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> consume(NodeCluster cluster, int expected) {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("t", 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
