package dev.cutover.inventory.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfigFileScannerTest {
    static final String CANARY = "CANARY-SECRET-7f3a";
    static Path estate;
    static ConfigScanResult result;

    @BeforeAll
    static void scanTheEstate() throws URISyntaxException {
        // Given the fixture estate / When it is scanned once for all tests here
        estate = Path.of(Objects.requireNonNull(ConfigFileScannerTest.class.getResource("/files/estate"))
                .toURI());
        result = ConfigFileScanner.scan(List.of(estate));
    }

    private static List<DiscoveredClientConfig> in(String relative) {
        String file = estate.resolve(relative).toString();
        return result.clients().stream().filter(c -> c.file().equals(file)).toList();
    }

    @Test
    void springBootYamlGivesOneClientPerSectionWithInheritedSettings() {
        List<DiscoveredClientConfig> clients = in("orders/src/main/resources/application.yml");

        assertThat(clients)
                .extracting(DiscoveredClientConfig::scope, DiscoveredClientConfig::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("spring.kafka.producer", 18),
                        org.assertj.core.groups.Tuple.tuple("spring.kafka.consumer", 27),
                        org.assertj.core.groups.Tuple.tuple("spring.kafka.consumer", 46));
        DiscoveredClientConfig producer = clients.get(0);
        assertThat(producer.role().role()).isEqualTo(ClientRole.PRODUCER);
        assertThat(producer.role().why()).contains("spring.kafka.producer");
        assertThat(producer.bootstrapServers()).isEqualTo("kafka-1.old:9092,kafka-2.old:9092");
        assertThat(producer.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(producer.saslMechanism()).isEqualTo("SCRAM-SHA-512");
        assertThat(producer.truststoreLocation()).isEqualTo("file:/etc/ssl/kafka-truststore.jks");
        assertThat(producer.acks()).isEqualTo("all");
        assertThat(producer.enableIdempotence()).isEqualTo("true");
        assertThat(producer.transactionalId()).isEqualTo("orders-tx-");
        assertThat(producer.retriesAndTimeouts())
                .containsEntry("retries", "10")
                .containsEntry("delivery.timeout.ms", "120000");
        assertThat(producer.serialization().valueSerializer()).endsWith("KafkaAvroSerializer");
        assertThat(producer.serialization().schemaRegistryUrl()).isEqualTo("https://registry:8081");
        assertThat(producer.settings()).containsEntry("sasl.jaas.config", "[redacted]");
        assertThat(producer.topics())
                .extracting(TopicMention::name, TopicMention::line)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("orders", 34),
                        org.assertj.core.groups.Tuple.tuple("orders-retry-5s", 38),
                        org.assertj.core.groups.Tuple.tuple("orders.DLT", 39));
        assertThat(producer.topics())
                .filteredOn(t -> t.name().equals("orders.DLT"))
                .singleElement()
                .satisfies(
                        t -> assertThat(t.retryOf()).isEqualTo(new RetryTopic(RetryTopicKind.DEAD_LETTER, "orders")));

        DiscoveredClientConfig consumer = clients.get(1);
        assertThat(consumer.role().role()).isEqualTo(ClientRole.CONSUMER);
        assertThat(consumer.groupId()).isEqualTo("orders-service");
        assertThat(consumer.autoOffsetReset()).isEqualTo("earliest");
        assertThat(consumer.isolationLevel()).isEqualTo("read_committed");
        assertThat(consumer.retriesAndTimeouts()).containsEntry("max.poll.interval.ms", "300000");

        DiscoveredClientConfig local = clients.get(2);
        assertThat(local.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(local.groupId()).isEqualTo("orders-local");
    }

    @Test
    void propertiesFileWithContinuationLines() {
        DiscoveredClientConfig billing = in("billing/client.properties").get(0);

        assertThat(billing.line()).isEqualTo(2);
        assertThat(billing.format()).isEqualTo(ConfigFormat.PROPERTIES);
        assertThat(billing.bootstrapServers()).isEqualTo("broker1.old:9093,broker2.old:9093");
        assertThat(billing.role().role()).isEqualTo(ClientRole.PRODUCER);
        assertThat(billing.role().why()).contains("key.serializer");
        assertThat(billing.saslMechanism()).isEqualTo("PLAIN");
        assertThat(billing.settings())
                .containsEntry("ssl.keystore.password", "[redacted]")
                .containsEntry("ssl.keystore.location", "/etc/ssl/billing.jks");
        assertThat(billing.retriesAndTimeouts()).containsEntry("request.timeout.ms", "30000");
        assertThat(billing.topics())
                .extracting(TopicMention::name, TopicMention::line, TopicMention::retryOf)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("invoices", 14, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "invoices_error", 14, new RetryTopic(RetryTopicKind.DEAD_LETTER, "invoices")));
    }

    @Test
    void envFileWithDockerStyleNames() {
        DiscoveredClientConfig env = in("billing/.env").get(0);

        assertThat(env.format()).isEqualTo(ConfigFormat.ENV);
        assertThat(env.line()).isEqualTo(2);
        assertThat(env.scope()).isEqualTo("kafka");
        assertThat(env.bootstrapServers()).isEqualTo("broker1.old:9093");
        assertThat(env.groupId()).isEqualTo("billing-consumer");
        assertThat(env.role().role()).isEqualTo(ClientRole.CONSUMER);
        assertThat(env.autoOffsetReset()).isEqualTo("latest");
        assertThat(env.retriesAndTimeouts()).containsEntry("session.timeout.ms", "45000");
        assertThat(env.topics())
                .extracting(TopicMention::name, TopicMention::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("invoices", 7));
    }

    @Test
    void jsonAtAnyDepthWithKafkaJsNames() {
        DiscoveredClientConfig shipping = in("node/config.json").get(0);

        assertThat(shipping.scope()).isEqualTo("kafka.consumer");
        assertThat(shipping.line()).isEqualTo(12);
        assertThat(shipping.role().role()).isEqualTo(ClientRole.CONSUMER);
        assertThat(shipping.bootstrapServers()).isEqualTo("kafka-1.old:9092,kafka-2.old:9092");
        assertThat(shipping.clientId()).isEqualTo("shipping-app");
        assertThat(shipping.groupId()).isEqualTo("shipping");
        assertThat(shipping.saslMechanism()).isEqualTo("scram-sha-256");
        assertThat(shipping.serialization().schemaRegistryUrl()).isEqualTo("https://shipping:[redacted]@registry:8081");
        assertThat(shipping.topics())
                .extracting(TopicMention::name, TopicMention::line, TopicMention::retryOf)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("orders", 13, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "dlq.orders", 13, new RetryTopic(RetryTopicKind.DEAD_LETTER, "orders")));
    }

    @Test
    void streamsApplication() {
        DiscoveredClientConfig streams = in("streams/streams.properties").get(0);
        assertThat(streams.role().role()).isEqualTo(ClientRole.STREAMS);
        assertThat(streams.role().why()).contains("application.id");
        assertThat(streams.serialization().keyDeserializer()).contains("StringSerde");
    }

    @Test
    void hardCodedEndpointsInSources() {
        assertThat(result.hardcodedEndpoints())
                .extracting(
                        e -> estate.relativize(Path.of(e.file())).toString(),
                        HardcodedEndpoint::line,
                        HardcodedEndpoint::endpoint)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "src/Producer.java", 5, "kafka-1.old:9092,kafka-2.old:9092"),
                        org.assertj.core.groups.Tuple.tuple("src/consumer.py", 3, "kafka-1.old:9092"));
    }

    @Test
    void unparseableFilesAreProblemsNotCrashes() {
        assertThat(result.problems())
                .extracting(p -> estate.relativize(Path.of(p.file())).toString(), ScanProblem::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("broken/bad.json", 4),
                        org.assertj.core.groups.Tuple.tuple("broken/bad.yaml", 7));
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.problem()).startsWith("malformed"));
        assertThat(result.problems().get(1).problem()).contains("quoted scalar that starts at line 5");
        assertThat(result.filesScanned()).isEqualTo(9);
    }

    @Test
    void canarySecretsAppearNowhereInTheResult() throws Exception {
        // When the whole result is serialised as the inventory report would
        String json = new ObjectMapper().writeValueAsString(result);

        // Then the canary planted in every format is gone, and the redaction marker is there instead
        assertThat(json).doesNotContain(CANARY).doesNotContain("7f3a").contains("[redacted]");
        assertThat(result.toString()).doesNotContain(CANARY);
    }

    @Test
    void resultRoundTripsThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(result);
        assertThat(mapper.readValue(json, ConfigScanResult.class)).isEqualTo(result);
        assertThat(json).doesNotContain("\"present\"").doesNotContain(":null");
    }
}
