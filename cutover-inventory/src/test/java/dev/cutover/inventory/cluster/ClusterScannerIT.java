package dev.cutover.inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.ClusterRef;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.inventory.cluster.ClusterInventory.Producer;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.cluster.ClusterInventory.TopicPartitionRef;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClustersExtension.class)
class ClusterScannerIT {

    @Test
    void findsEveryPartOfASmallEstateWithExactValues(@Cluster("source") EmbeddedCluster source) throws Exception {
        // Given: topics with non-default configs, data, groups of several kinds, producers and a transaction
        Map<String, Object> props = source.adminClientProperties();
        try (Admin admin = source.admin()) {
            Clients.createTopics(
                    admin,
                    new NewTopic("orders", 3, (short) 1).configs(Map.of("retention.ms", "3600000")),
                    new NewTopic("customers", 1, (short) 1)
                            .configs(Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1")),
                    new NewTopic("payments", 1, (short) 1),
                    new NewTopic("clicks", 1, (short) 1),
                    new NewTopic("orders-retry", 1, (short) 1),
                    new NewTopic("orders-dlq", 1, (short) 1));
            admin.alterConsumerGroupOffsets(
                            "archive", Map.of(new TopicPartition("orders", 2), new OffsetAndMetadata(0)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> idempotent =
                Clients.producer(props, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            Clients.send(idempotent, "orders", 0, 10);
            Clients.send(idempotent, "orders", 1, 5);
            Clients.send(idempotent, "customers", 0, 3);
        }
        KafkaProducer<String, String> transactional =
                Clients.producer(props, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-writer"));
        transactional.initTransactions();
        transactional.beginTransaction();
        Clients.send(transactional, "payments", 0, 3);
        transactional.commitTransaction();
        transactional.beginTransaction();
        Clients.send(transactional, "payments", 0, 2); // left open: offsets 4 and 5 after the commit marker at 3

        KafkaConsumer<String, String> billing = Clients.consumer(
                props,
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, "billing", ConsumerConfig.CLIENT_ID_CONFIG, "billing-client"));
        billing.subscribe(List.of("orders"));
        awaitAssignment(billing, 3);
        billing.commitSync(Map.of(
                new TopicPartition("orders", 0), new OffsetAndMetadata(4),
                new TopicPartition("orders", 1), new OffsetAndMetadata(5)));
        KafkaConsumer<String, String> ledger = Clients.consumer(
                props,
                Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, "ledger",
                        ConsumerConfig.CLIENT_ID_CONFIG, "ledger-client",
                        ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"));
        ledger.subscribe(List.of("customers"));
        awaitAssignment(ledger, 1);
        ledger.commitSync(Map.of(new TopicPartition("customers", 0), new OffsetAndMetadata(2)));
        KafkaConsumer<String, String> wordcount = Clients.consumer(
                props,
                Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "wordcount",
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        StreamLikeAssignor.class.getName()));
        wordcount.subscribe(List.of("customers"));
        awaitAssignment(wordcount, 1);
        FakeConnectWorker worker = FakeConnectWorker.join(source.bootstrapServers(), "connect-cluster", "worker-1");
        boolean shareGroups = shareGroupsEnabled(source);
        KafkaShareConsumer<String, String> queue = shareGroups ? shareConsumer(props) : null;

        AtomicBoolean clicking = new AtomicBoolean(true);
        Thread clicker = new Thread(() -> clicks(props, clicking), "clicks");
        clicker.start();
        try {
            // When
            ClusterInventory inventory = new ClusterScanner(
                            new ClusterRef("source", source.bootstrapServers()),
                            props,
                            ScanOptions.defaults().withRateSampleInterval(Duration.ofSeconds(1)))
                    .scan();

            // Then: the cluster
            assertThat(inventory.problems()).isEmpty();
            assertThat(inventory.schemaVersion()).isEqualTo(1);
            assertThat(inventory.cluster().clusterId()).isEqualTo(source.clusterId());
            assertThat(inventory.cluster().brokers()).singleElement().satisfies(b -> assertThat(b.id())
                    .isZero());
            assertThat(inventory.cluster().metadataVersion()).isPositive();
            assertThat(inventory.cluster().finalizedFeatures()).containsKey("metadata.version");
            assertThat(inventory.principal()).isEqualTo("User:ANONYMOUS");
            assertThat(inventory.cluster().authorizer()).isFalse();
            assertThat(inventory.acls()).isEmpty();
            System.out.println("share groups enabled: " + shareGroups + "; features: "
                    + inventory.cluster().finalizedFeatures() + "; scan took " + inventory.durationMillis() + " ms");

            // topics: configs, partitions, offsets, sizes, internal marking, retry/DLQ names
            Topic orders = inventory.topic("orders").orElseThrow();
            assertThat(orders.partitionCount()).isEqualTo(3);
            assertThat(orders.replicationFactor()).isEqualTo(1);
            assertThat(orders.config("retention.ms")).contains("3600000");
            assertThat(orders.configs())
                    .filteredOn(c -> c.name().equals("retention.ms"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.source()).isEqualTo("DYNAMIC_TOPIC_CONFIG"));
            assertThat(orders.configs()).noneMatch(c -> c.source().equals("DEFAULT_CONFIG"));
            assertThat(orders.partition(0).logEndOffset()).isEqualTo(10L);
            assertThat(orders.partition(0).logStartOffset()).isZero();
            assertThat(orders.partition(1).logEndOffset()).isEqualTo(5L);
            assertThat(orders.partition(2).logEndOffset()).isZero();
            assertThat(orders.partition(0).leader()).isZero();
            assertThat(orders.partition(0).isr()).containsExactly(0);
            assertThat(orders.partition(0).sizeBytes()).isPositive();
            assertThat(orders.sizeBytes())
                    .isEqualTo(orders.partitions().stream()
                            .mapToLong(p -> p.sizeBytes())
                            .sum());
            assertThat(orders.messagesPerSecond()).isEqualTo(0.0);
            Topic customers = inventory.topic("customers").orElseThrow();
            assertThat(customers.config("cleanup.policy")).contains("compact");
            assertThat(customers.config("min.cleanable.dirty.ratio")).contains("0.1");
            assertThat(inventory.topic("__consumer_offsets").orElseThrow().internal())
                    .isTrue();
            assertThat(orders.internal()).isFalse();
            assertThat(inventory.topic("orders-retry").orElseThrow().retryOf()).isEqualTo("orders");
            assertThat(inventory.topic("orders-dlq").orElseThrow().deadLetterOf())
                    .isEqualTo("orders");
            assertThat(inventory.topic("clicks").orElseThrow().messagesPerSecond())
                    .isGreaterThan(20.0);

            // producers: the idempotent one wrote sequences 0..9 on orders-0; the transaction is open on payments-0
            Producer writer = orders.partition(0).producers().get(0);
            assertThat(orders.partition(0).producers()).hasSize(1);
            assertThat(writer.lastSequence()).isEqualTo(9);
            assertThat(writer.currentTransactionStartOffset()).isNull();
            Topic payments = inventory.topic("payments").orElseThrow();
            assertThat(payments.partition(0).logEndOffset()).isEqualTo(6L);
            Producer txProducer = payments.partition(0).producers().get(0);
            assertThat(txProducer.currentTransactionStartOffset()).isEqualTo(4L);
            var tx = inventory.transaction("tx-writer").orElseThrow();
            assertThat(tx.state()).isEqualTo("Ongoing");
            assertThat(tx.producerId()).isEqualTo(txProducer.producerId());
            assertThat(tx.producerEpoch()).isEqualTo(txProducer.producerEpoch());
            assertThat(tx.topicPartitions()).containsExactly(new TopicPartitionRef("payments", 0));
            assertThat(tx.timeoutMs()).isEqualTo(60_000L);
            assertThat(tx.startTimeMs()).isNotNull();

            // groups: classic with an active member and lag, KIP-848, empty
            Group billingGroup = inventory.group("billing").orElseThrow();
            assertThat(billingGroup.type()).isEqualTo("classic");
            assertThat(billingGroup.protocolType()).isEqualTo("consumer");
            assertThat(billingGroup.kind()).isEqualTo(GroupKind.CONSUMER);
            assertThat(billingGroup.state()).isEqualTo("Stable");
            assertThat(billingGroup.assignor()).isNotBlank();
            assertThat(billingGroup.coordinator()).isZero();
            assertThat(billingGroup.members()).singleElement().satisfies(m -> {
                assertThat(m.clientId()).isEqualTo("billing-client");
                assertThat(m.assignment()).hasSize(3);
            });
            assertThat(billingGroup.offset("orders", 0).orElseThrow().lag()).isEqualTo(6L);
            assertThat(billingGroup.offset("orders", 0).orElseThrow().logEndOffset())
                    .isEqualTo(10L);
            assertThat(billingGroup.offset("orders", 1).orElseThrow().lag()).isZero();
            assertThat(billingGroup.totalLag()).isEqualTo(6L);
            Group ledgerGroup = inventory.group("ledger").orElseThrow();
            assertThat(ledgerGroup.type()).isEqualTo("consumer");
            assertThat(ledgerGroup.kind()).isEqualTo(GroupKind.CONSUMER);
            assertThat(ledgerGroup.members()).singleElement().satisfies(m -> assertThat(m.clientId())
                    .isEqualTo("ledger-client"));
            assertThat(ledgerGroup.offset("customers", 0).orElseThrow().lag()).isEqualTo(1L);
            Group archive = inventory.group("archive").orElseThrow();
            assertThat(archive.state()).isEqualTo("Empty");
            assertThat(archive.members()).isEmpty();
            assertThat(archive.offset("orders", 2).orElseThrow().committedOffset())
                    .isZero();
            assertThat(archive.totalLag()).isZero();
            Group streamsApp = inventory.group("wordcount").orElseThrow();
            assertThat(streamsApp.assignor()).isEqualTo("stream");
            assertThat(streamsApp.kind()).isEqualTo(GroupKind.STREAMS_APP);
            Group connect = inventory.group("connect-cluster").orElseThrow();
            assertThat(connect.type()).isEqualTo("classic");
            assertThat(connect.protocolType()).isEqualTo("connect");
            assertThat(connect.kind()).isEqualTo(GroupKind.CONNECT);
            assertThat(connect.members()).singleElement().satisfies(m -> assertThat(m.clientId())
                    .isEqualTo("worker-1"));
            if (shareGroups) {
                Group shared = inventory.group("queue").orElseThrow();
                assertThat(shared.type()).isEqualTo("share");
                assertThat(shared.kind()).isEqualTo(GroupKind.SHARE);
                assertThat(shared.members()).singleElement().satisfies(m -> assertThat(m.clientId())
                        .isEqualTo("queue-client"));
            }

            // and the result is JSON with the documented field names
            JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(inventory));
            assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(json.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "schemaVersion",
                            "profile",
                            "bootstrapServers",
                            "scannedAt",
                            "durationMillis",
                            "principal",
                            "cluster",
                            "topics",
                            "groups",
                            "acls",
                            "quotas",
                            "scramUsers",
                            "transactions",
                            "problems");
            assertThat(json.get("topics").get(0).has("messagesPerSecond")).isTrue();
            assertThat(json.get("groups").get(0).has("totalLag")).isTrue();
        } finally {
            clicking.set(false);
            clicker.join();
            billing.close();
            wordcount.close();
            worker.close();
            ledger.close();
            if (queue != null) {
                queue.close();
            }
            transactional.close(Duration.ZERO);
        }
    }

    @Test
    void scanWithoutRateSamplingLeavesRatesEmpty(@Cluster("source") EmbeddedCluster source) {
        // When
        ClusterInventory inventory = new ClusterScanner(
                        new ClusterRef("source", source.bootstrapServers()),
                        source.adminClientProperties(),
                        ScanOptions.defaults().withoutRateSampling())
                .scan();

        // Then
        assertThat(inventory.topics()).isNotEmpty().allSatisfy(t -> assertThat(t.messagesPerSecond())
                .isNull());
        assertThat(inventory.durationMillis()).isLessThan(10_000);
    }

    private static void awaitAssignment(KafkaConsumer<String, String> consumer, int partitions) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.assignment().size() < partitions) {
            consumer.poll(Duration.ofMillis(100));
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no assignment of " + partitions + " partitions within 30 s");
            }
        }
    }

    private static boolean shareGroupsEnabled(EmbeddedCluster source) throws Exception {
        try (Admin admin = source.admin()) {
            FeatureMetadata features =
                    admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS);
            var share = features.finalizedFeatures().get("share.version");
            return share != null && share.maxVersionLevel() >= 1;
        }
    }

    private static KafkaShareConsumer<String, String> shareConsumer(Map<String, Object> props) {
        Map<String, Object> config = new java.util.HashMap<>(props);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "queue");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "queue-client");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(config);
        consumer.subscribe(List.of("orders"));
        for (int i = 0; i < 5; i++) {
            consumer.poll(Duration.ofMillis(200)); // joins the group; share groups start at the log end by default
        }
        return consumer;
    }

    private static void clicks(Map<String, Object> props, AtomicBoolean running) {
        try (KafkaProducer<String, String> producer = Clients.producer(props, Map.of())) {
            while (running.get()) {
                Clients.send(producer, "clicks", 0, 1);
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
