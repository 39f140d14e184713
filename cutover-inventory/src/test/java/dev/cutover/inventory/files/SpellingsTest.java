package dev.cutover.inventory.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The many spellings of one setting all reach the same Kafka key. */
class SpellingsTest {
    @TempDir
    Path root;

    private List<DiscoveredClientConfig> scan(String name, String content) throws IOException {
        Files.writeString(root.resolve(name), content);
        return ConfigFileScanner.scan(List.of(root.resolve(name))).clients();
    }

    @Test
    void flatSpringApplicationProperties() throws IOException {
        List<DiscoveredClientConfig> clients = scan(
                "application.properties",
                """
                spring.kafka.bootstrap-servers=old:9092
                spring.kafka.properties.security.protocol=SASL_SSL
                spring.kafka.streams.application-id=fraud
                spring.kafka.consumer.group-id=fraud-audit
                """);
        assertThat(clients)
                .extracting(
                        c -> c.role().role(), DiscoveredClientConfig::line, DiscoveredClientConfig::bootstrapServers)
                .containsExactly(tuple(ClientRole.STREAMS, 3, "old:9092"), tuple(ClientRole.CONSUMER, 4, "old:9092"));
        assertThat(clients.get(0).securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(clients.get(1).groupId()).isEqualTo("fraud-audit");
    }

    @Test
    void springAndConfluentEnvironmentNames() throws IOException {
        List<DiscoveredClientConfig> spring = scan(
                "app.env",
                """
                SPRING_KAFKA_BOOTSTRAP_SERVERS=old:9092
                SPRING_KAFKA_PRODUCER_TRANSACTION_ID_PREFIX=tx-
                """);
        assertThat(spring).singleElement().satisfies(c -> {
            assertThat(c.role().role()).isEqualTo(ClientRole.PRODUCER);
            assertThat(c.transactionalId()).isEqualTo("tx-");
            assertThat(c.bootstrapServers()).isEqualTo("old:9092");
        });

        List<DiscoveredClientConfig> connect = scan(
                ".env",
                """
                CONNECT_BOOTSTRAP_SERVERS=old:9092
                CONNECT_GROUP_ID=connect-cluster
                CONNECT_CONFIG_STORAGE_TOPIC=connect-configs
                """);
        assertThat(connect).singleElement().satisfies(c -> {
            assertThat(c.role().role()).isEqualTo(ClientRole.CONNECT);
            assertThat(c.topics()).extracting(TopicMention::name).containsExactly("connect-configs");
        });
    }

    @Test
    void camelCaseYamlAndListsOfClients() throws IOException {
        List<DiscoveredClientConfig> clients = scan(
                "clients.yaml",
                """
                clients:
                  - bootstrapServers: a:9092
                    groupId: first
                  - bootstrapServers: b:9092
                    keySerializer: org.apache.kafka.common.serialization.StringSerializer
                """);
        assertThat(clients)
                .extracting(DiscoveredClientConfig::scope, DiscoveredClientConfig::line, c -> c.role()
                        .role())
                .containsExactly(
                        tuple("clients[0]", 2, ClientRole.CONSUMER), tuple("clients[1]", 4, ClientRole.PRODUCER));
    }
}
