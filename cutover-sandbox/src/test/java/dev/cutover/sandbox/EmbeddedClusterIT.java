package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedClusterIT {

    @Test
    void plaintextClusterCarriesRecordsAndCleansUp() throws Exception {
        Path dir;
        try (EmbeddedCluster cluster = EmbeddedCluster.start("plain")) {
            dir = baseDirOf(cluster);
            roundTrip(cluster.adminClientProperties(), cluster, "t1");
            assertThat(cluster.kafkaVersion()).isEqualTo("4.3.1");
            try (Admin admin = cluster.admin()) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(cluster.clusterId());
            }
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void threeBrokersReplicate() throws Exception {
        try (EmbeddedCluster cluster =
                EmbeddedCluster.start(EmbeddedCluster.Options.named("three").brokers(3))) {
            try (Admin admin = cluster.admin()) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(3);
                admin.createTopics(List.of(new NewTopic("r3", 3, (short) 3)))
                        .all()
                        .get();
                // createTopics returns once the controller has the topic; the broker that answers may learn of it
                // a moment later, as on any multi-broker cluster.
                var description = describeWhenKnown(admin, "r3");
                assertThat(description.partitions())
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            }
            roundTrip(cluster.adminClientProperties(), cluster, "r3-data");
        }
    }

    @Test
    void scramClusterAuthenticatesAndAuthorizesWithAcls() throws Exception {
        try (EmbeddedCluster cluster =
                EmbeddedCluster.start(EmbeddedCluster.Options.named("scram").security(SecurityMode.SASL_SCRAM))) {
            // Given a user with WRITE on one topic only
            cluster.createUser("writer", "writer-pw");
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic("allowed", 1, (short) 1), new NewTopic("denied", 1, (short) 1)))
                        .all()
                        .get();
            }
            cluster.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, "allowed", PatternType.LITERAL),
                    new AccessControlEntry("User:writer", "*", AclOperation.WRITE, AclPermissionType.ALLOW))));
            Map<String, Object> writer = producerProps(cluster.clientProperties("writer", "writer-pw"));

            // When it writes to both topics, Then only the allowed one accepts
            try (var producer = new KafkaProducer<String, String>(writer)) {
                awaitSend(producer, "allowed");
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("denied", "k", "v"))
                                .get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            // And a wrong password cannot connect
            Map<String, Object> wrong = new HashMap<>(cluster.clientProperties("writer", "not-the-password"));
            wrong.put("default.api.timeout.ms", 5000);
            wrong.put("request.timeout.ms", 5000);
            try (Admin admin = Admin.create(wrong)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .hasMessageContaining("Authentication failed");
            }
        }
    }

    @Test
    void sslAndMutualTlsClusters() throws Exception {
        try (EmbeddedCluster ssl =
                EmbeddedCluster.start(EmbeddedCluster.Options.named("ssl").security(SecurityMode.SSL))) {
            roundTrip(ssl.adminClientProperties(), ssl, "tls");
        }
        try (EmbeddedCluster mtls =
                EmbeddedCluster.start(EmbeddedCluster.Options.named("mtls").security(SecurityMode.MTLS))) {
            roundTrip(mtls.clientProperties("app", null), mtls, "mtls");
            // Without a client certificate the handshake fails.
            Map<String, Object> noCert = new HashMap<>(mtls.clientProperties("app", null));
            noCert.keySet().removeIf(k -> k.startsWith("ssl.keystore") || k.equals("ssl.key.password"));
            noCert.put("default.api.timeout.ms", 5000);
            noCert.put("request.timeout.ms", 5000);
            try (Admin admin = Admin.create(noCert)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }
        }
    }

    private static void roundTrip(Map<String, Object> client, EmbeddedCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) -1)))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
        List<String> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<String, String>(producerProps(client))) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
                sent.add("v" + i);
            }
        }
        Map<String, Object> consumerProps = new HashMap<>(client);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + topic);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    received.add(r.value());
                }
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    private static TopicDescription describeWhenKnown(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get()
                        .get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Map<String, Object> producerProps(Map<String, Object> client) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return props;
    }

    /** ACLs reach every broker's authorizer shortly after they are created: retry briefly. */
    private static void awaitSend(KafkaProducer<String, String> producer, String topic) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Path baseDirOf(EmbeddedCluster cluster) throws Exception {
        var field = EmbeddedCluster.class.getDeclaredField("baseDir");
        field.setAccessible(true);
        Path dir = (Path) field.get(cluster);
        assertThat(Files.isDirectory(dir)).isTrue();
        return dir;
    }
}
