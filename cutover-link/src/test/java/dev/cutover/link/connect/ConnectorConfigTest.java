package dev.cutover.link.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.config.LinkConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {
    private static final LinkConfig ORDERS = new LinkConfig(
            "orders",
            Optional.of("orders\\..*"),
            Optional.of(".*\\.tmp"),
            Optional.of("latest"),
            OptionalLong.of(52_428_800),
            Optional.of(false),
            Map.of("User:app", "User:app@corp"),
            Optional.of(Duration.ofSeconds(20)),
            Optional.of(Duration.ofMinutes(2)),
            List.of("connect-configs"));

    @Test
    void aLinksSettingsAndClientPropertiesGoIntoTheConnectorConfigAndComeBackTheSame() {
        Map<String, String> config = ConnectorConfig.of(
                ORDERS,
                Map.of("bootstrap.servers", "src:9092", "sasl.jaas.config", "${file:/etc/kafka/src.properties:jaas}"),
                Map.of("bootstrap.servers", "tgt:9092"),
                4);

        assertThat(config)
                .containsEntry("connector.class", ConnectorConfig.CONNECTOR_CLASS)
                .containsEntry("tasks.max", "4")
                .containsEntry("exactly.once.support", "required")
                .containsEntry("transaction.boundary", "connector")
                .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter")
                .containsEntry("source.sasl.jaas.config", "${file:/etc/kafka/src.properties:jaas}")
                .containsEntry("link.principal.map", "User:app=User:app@corp")
                // the workers' producers write the link's batches, as the in-process link's producer
                .containsEntry("producer.override.linger.ms", "20")
                .containsEntry("producer.override.max.request.size", Integer.toString(16 * 1024 * 1024));
        ConnectorConfig.Parsed parsed = ConnectorConfig.parse(config);
        assertThat(parsed.link()).isEqualTo(ORDERS);
        assertThat(parsed.source())
                .containsEntry("bootstrap.servers", "src:9092")
                .containsEntry("sasl.jaas.config", "${file:/etc/kafka/src.properties:jaas}");
        assertThat(parsed.target()).containsOnly(Map.entry("bootstrap.servers", "tgt:9092"));
    }

    @Test
    void everyProblemIsNamedByItsKey() {
        Map<String, String> config = new HashMap<>(
                ConnectorConfig.of(LinkConfig.named("orders"), Map.of("bootstrap.servers", "src:9092"), Map.of(), 1));
        config.put("link.topics", "orders[");
        config.put("link.from", "yesterday");
        config.put("link.lease", "forever");
        config.put("link.principal.map", "alice=bob");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("transforms", "route");

        assertThat(ConnectorConfig.problems(config))
                .anySatisfy(p -> assertThat(p).startsWith("link.topics takes a regex"))
                .anySatisfy(p -> assertThat(p).startsWith("link.from takes earliest, latest"))
                .anySatisfy(p -> assertThat(p).startsWith("link.lease takes a duration"))
                .anySatisfy(p -> assertThat(p).startsWith("link.principal.map takes Type:name=Type:name"))
                .anySatisfy(p -> assertThat(p).startsWith("target.bootstrap.servers is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("value.converter must be"))
                .anySatisfy(p -> assertThat(p).startsWith("transforms must be empty"))
                .hasSize(7);
        assertThatThrownBy(() -> ConnectorConfig.parse(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link.from takes");
    }

    @Test
    void aMinimalConfigIsTheDefaultLink() {
        ConnectorConfig.Parsed parsed = ConnectorConfig.parse(
                Map.of("source.bootstrap.servers", "src:9092", "target.bootstrap.servers", "tgt:9092"));

        assertThat(parsed.link()).isEqualTo(LinkConfig.named(LinkConfig.DEFAULT_NAME));
    }
}
