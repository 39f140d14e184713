package dev.cutover.orchestrator.switching;

import static dev.cutover.orchestrator.switching.SwitchFixtures.FILE_PROVIDER;
import static dev.cutover.orchestrator.switching.SwitchFixtures.context;
import static dev.cutover.orchestrator.switching.SwitchFixtures.profile;
import static dev.cutover.orchestrator.switching.SwitchFixtures.read;
import static dev.cutover.orchestrator.switching.SwitchFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.yaml.YamlNode;
import dev.cutover.config.yaml.YamlReader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file switcher on YAML files: the mapping holding bootstrap.servers is rewritten, the rest kept. */
class FileSwitcherYamlTest {
    @TempDir
    Path workspace;

    private Path secrets;
    private ConnectionProfile target;
    private final FileSwitcher switcher = new FileSwitcher("apps/billing/application.yml");

    @BeforeEach
    void profiles() {
        secrets = write(workspace, ".secrets/target.properties", "jaas=CANARY-yaml-secret-5be1\n");
        target = profile(
                "target",
                "bootstrap.servers",
                "target-1:9093,target-2:9093",
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-256",
                "sasl.jaas.config",
                "${file:" + secrets + ":jaas}",
                "ssl.truststore.location",
                "/etc/kafka/target.jks");
    }

    private static final String SPRING =
            """
            # billing's settings
            spring:
              application:
                name: billing
              kafka:
                properties:
                  # where the brokers are
                  bootstrap.servers: source-1:9092   # the cluster billing reads
                  security.protocol: SASL_SSL
                  sasl.mechanism: 'SCRAM-SHA-512'
                  sasl.jaas.config: >
                    org.apache.kafka.common.security.scram.ScramLoginModule required
                    username="billing" password="old";

                  ssl.endpoint.identification.algorithm: ""
                  group.id: billing
                  notes: |
                    bootstrap.servers: not-a-key:1
              # consumer settings follow
              consumer:
                max-poll-records: 500
            logging:
              level: INFO
            """;

    @Test
    void rewritesTheNestedMappingAndKeepsEverythingElse() {
        // Given a Spring-style file whose Kafka properties are flat keys under spring.kafka.properties
        Path file = write(workspace, "apps/billing/application.yml", SPRING);

        // When it is switched to the target
        SwitchOutcome outcome = switcher.start(context(workspace, target));

        // Then only the connection keys of that mapping changed, quoting styles and a trailing comment are kept,
        // new keys follow its last entry at its indentation, and the secret is written as its reference
        assertThat(read(file))
                .isEqualTo(
                        """
                        # billing's settings
                        spring:
                          application:
                            name: billing
                          kafka:
                            properties:
                              # where the brokers are
                              bootstrap.servers: target-1:9093,target-2:9093   # the cluster billing reads
                              security.protocol: SASL_SSL
                              sasl.mechanism: 'SCRAM-SHA-256'
                              sasl.jaas.config: '${file:%s:jaas}'

                              group.id: billing
                              notes: |
                                bootstrap.servers: not-a-key:1
                              ssl.truststore.location: /etc/kafka/target.jks
                              config.providers: file
                              config.providers.file.class: %s
                          # consumer settings follow
                          consumer:
                            max-poll-records: 500
                        logging:
                          level: INFO
                        """
                                .formatted(secrets, FILE_PROVIDER));
        assertThat(read(file)).doesNotContain("CANARY");
        assertThat(outcome.details())
                .containsEntry("keys.changed", "bootstrap.servers,sasl.mechanism,sasl.jaas.config")
                .containsEntry("keys.removed", "ssl.endpoint.identification.algorithm");

        // And a YAML reader sees the values cutover meant
        YamlNode.Mapping properties = mapping(
                mapping(mapping(YamlReader.readDocument("application.yml", read(file)), "spring"), "kafka"),
                "properties");
        assertThat(scalar(properties, "bootstrap.servers")).contains("target-1:9093,target-2:9093");
        assertThat(scalar(properties, "sasl.jaas.config")).contains("${file:" + secrets + ":jaas}");
        assertThat(scalar(properties, "group.id")).contains("billing");

        // And a second rewrite changes nothing
        String once = read(file);
        assertThat(switcher.start(context(workspace, target)).details()).containsEntry("changed", "no");
        assertThat(read(file)).isEqualTo(once);
    }

    @Test
    void aMappingInAListItem() {
        Path file = write(
                workspace,
                "apps/billing/application.yml",
                """
                clients:
                  - bootstrap.servers: "source:9092"
                    client.id: billing
                  - name: other
                """);
        switcher.start(context(workspace, profile("t", "bootstrap.servers", "b:2", "security.protocol", "true")));
        assertThat(read(file))
                .isEqualTo(
                        """
                        clients:
                          - bootstrap.servers: "b:2"
                            client.id: billing
                            security.protocol: 'true'
                          - name: other
                        """);
    }

    @Test
    void topLevelKeysWithoutAFinalNewline() {
        Path file = write(workspace, "apps/billing/client.yaml", "bootstrap.servers: a:1\nsasl.mechanism: PLAIN");
        new FileSwitcher("apps/billing/client.yaml")
                .start(context(workspace, profile("t", "bootstrap.servers", "b:2", "security.protocol", "SSL")));
        assertThat(read(file)).isEqualTo("bootstrap.servers: b:2\nsecurity.protocol: SSL");
    }

    @Test
    void refusesAFileWithoutOrWithSeveralBootstrapLines() {
        write(workspace, "apps/billing/application.yml", "kafka:\n  client.id: billing\n");
        CutoverException none =
                catchThrowableOfType(CutoverException.class, () -> switcher.start(context(workspace, target)));
        assertThat(none.reason()).isEqualTo(Reason.CONFIG_INVALID);
        assertThat(none.getMessage()).contains("has no 'bootstrap.servers:' line");

        write(
                workspace,
                "apps/billing/application.yml",
                "a:\n  bootstrap.servers: x:1\n---\nb:\n  bootstrap.servers: y:1\n");
        CutoverException two =
                catchThrowableOfType(CutoverException.class, () -> switcher.start(context(workspace, target)));
        assertThat(two.getMessage()).contains("has 'bootstrap.servers:' on lines 2, 5");
        assertThat(two.hint()).hasValueSatisfying(h -> assertThat(h).contains("command:"));
    }

    private static YamlNode.Mapping mapping(YamlNode node, String key) {
        return (YamlNode.Mapping) ((YamlNode.Mapping) node).get(key).orElseThrow();
    }

    private static Optional<String> scalar(YamlNode.Mapping mapping, String key) {
        return mapping.get(key).flatMap(n -> ((YamlNode.Scalar) n).value());
    }
}
