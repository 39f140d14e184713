package dev.cutover.link.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Redactor;
import dev.cutover.config.Workspace;
import dev.cutover.link.connect.ConnectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorPlanTest {
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";

    @TempDir
    Path dir;

    @Test
    void carriesTheLinkSettingsAndBothProfilesUnresolved() {
        // Given profiles whose secrets are references, one to a JAAS file, one inside a JAAS configuration
        ConnectionProfile source = profile(
                "source",
                Map.of(
                        "bootstrap.servers", "old:9092",
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "${file:/etc/cutover/source.properties:sasl.jaas.config}",
                        "ssl.truststore.location", "/etc/cutover/truststore.p12",
                        "ssl.truststore.password", "${env:TRUSTSTORE_PASSWORD}"));
        ConnectionProfile target = profile(
                "target",
                Map.of(
                        "bootstrap.servers",
                        "new:9093",
                        "sasl.jaas.config",
                        SCRAM + " required username=\"link\" password=\"${directory:/run/secrets:target-pw}\";"));
        LinkConfig link = new LinkConfig(
                "orders",
                Optional.of("orders\\..*"),
                Optional.empty(),
                Optional.of("earliest"),
                java.util.OptionalLong.empty(),
                Optional.of(false),
                Map.of(),
                Optional.of(Duration.ofSeconds(20)),
                Optional.empty());

        // When the plan is made
        ConnectorPlan plan = ConnectorPlan.of("cutover-link-orders", link, source, target, 3);

        // Then every property is there, prefixed, exactly as written
        assertThat(plan.config())
                .containsEntry("connector.class", ConnectorConfig.CONNECTOR_CLASS)
                .containsEntry("tasks.max", "3")
                .containsEntry(ConnectorConfig.NAME, "orders")
                .containsEntry(ConnectorConfig.TOPICS, "orders\\..*")
                .containsEntry(ConnectorConfig.SYNC_SECURITY, "false")
                .containsEntry(ConnectorConfig.LEASE, "20s")
                .containsEntry("source.sasl.jaas.config", "${file:/etc/cutover/source.properties:sasl.jaas.config}")
                .containsEntry("source.ssl.truststore.password", "${env:TRUSTSTORE_PASSWORD}")
                .containsEntry("target.bootstrap.servers", "new:9093")
                .containsEntry("target.sasl.jaas.config", target.properties().get("sasl.jaas.config"))
                .containsAllEntriesOf(ConnectorConfig.FIXED);
        assertThat(ConnectorConfig.problems(plan.config())).isEmpty();
        // And it names what the workers need
        assertThat(plan.providers()).containsExactly("directory", "env", "file");
        assertThat(plan.paths()).containsExactly("/etc/cutover/source.properties", "/run/secrets");
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void aRelativeFilePathInTheWorkspaceBecomesAbsolute() throws Exception {
        // Given a workspace whose source profile references a secrets file relative to the workspace
        Files.writeString(
                dir.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: old:9092
                      sasl.jaas.config: ${file:.secrets/source.properties:sasl.jaas.config}
                  target:
                    properties: {bootstrap.servers: "new:9093"}
                """);
        Workspace ws = Workspace.load(dir);

        // When the plan is made from it
        ConnectorPlan plan = ConnectorPlan.of(
                "c", ws.config().resolveLink(Optional.empty()), ws.profile("source"), ws.profile("target"), 1);

        // Then the reference names the file by its absolute path, as the workers need it
        Path file = dir.toAbsolutePath().normalize().resolve(".secrets/source.properties");
        assertThat(plan.config()).containsEntry("source.sasl.jaas.config", "${file:" + file + ":sasl.jaas.config}");
        assertThat(plan.paths()).containsExactly(file.toString());
    }

    @Test
    void aSecretWrittenInlineIsRefusedNamingProfileAndKeyButNotTheValue() {
        // Given a target profile with an inline key password and a source with an inline JAAS password
        ConnectionProfile source = profile(
                "source",
                Map.of(
                        "bootstrap.servers",
                        "old:9092",
                        "sasl.jaas.config",
                        SCRAM + " required username=\"link\" password=\"s3cr3t-jaas-pw\";"));
        ConnectionProfile target =
                profile("target", Map.of("bootstrap.servers", "new:9093", "ssl.key.password", "k3y-pa55word"));

        // When the plan is made, Then it is refused as a configuration error naming both, showing neither value
        assertThatThrownBy(() -> ConnectorPlan.of("c", LinkConfig.named("default"), source, target, 1))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
                    assertThat(e.getMessage())
                            .contains(
                                    "profile 'source': sasl.jaas.config (option password)",
                                    "profile 'target': ssl.key.password")
                            .doesNotContain("s3cr3t-jaas-pw", "k3y-pa55word");
                    assertThat(e.hint()).get().asString().contains("${file:", "providers of the same names");
                });
    }

    @Test
    void aSecretMixingAReferenceWithAnInlineValueIsRefused() {
        ConnectionProfile source =
                profile("source", Map.of("bootstrap.servers", "old:9092", "ssl.keystore.password", "${env:A}plain"));

        assertThatThrownBy(() -> ConnectorPlan.of(
                        "c",
                        LinkConfig.named("default"),
                        source,
                        profile("target", Map.of("bootstrap.servers", "n:1")),
                        1))
                .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.getMessage())
                        .contains("profile 'source': ssl.keystore.password")
                        .doesNotContain("plain"));
    }

    @Test
    void theProfilesOwnConfigProvidersAreLeftOutAndSaidSo() {
        ConnectionProfile source = profile(
                "source",
                Map.of(
                        "bootstrap.servers", "old:9092",
                        "config.providers", "file",
                        "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                        "sasl.jaas.config", "${file:/s.properties:jaas}"));

        ConnectorPlan plan = ConnectorPlan.of(
                "c", LinkConfig.named("default"), source, profile("target", Map.of("bootstrap.servers", "n:1")), 1);

        assertThat(plan.config()).doesNotContainKeys("source.config.providers", "source.config.providers.file.class");
        assertThat(plan.notes()).singleElement().asString().contains("profile 'source'", "config.providers");
    }

    @Test
    void whatIsShownIsRedacted() {
        // Given a JAAS configuration with a referenced password beside plain options, and a secret this process knows
        Redactor.remember("known-secret-value-42");
        ConnectionProfile source = profile(
                "source",
                Map.of(
                        "bootstrap.servers",
                        "old:9092",
                        "client.id",
                        "known-secret-value-42",
                        "sasl.jaas.config",
                        SCRAM + " required username=\"link\" password=\"${env:PW}\";"));
        ConnectorPlan plan = ConnectorPlan.of(
                "c", LinkConfig.named("default"), source, profile("target", Map.of("bootstrap.servers", "n:1")), 1);

        // Then what is shown, and the plan's text, hold neither; references alone are shown as they are
        assertThat(plan.shown())
                .containsEntry("source.sasl.jaas.config", Redactor.REDACTED)
                .containsEntry("source.client.id", Redactor.REDACTED)
                .containsEntry("source.bootstrap.servers", "old:9092");
        assertThat(plan.toString()).doesNotContain("known-secret-value-42", "username=\"link\"");
        // (while what is submitted is as written)
        assertThat(plan.config()).containsEntry("source.client.id", "known-secret-value-42");
    }

    @Test
    void aConnectorNeedsANameAndATask() {
        ConnectionProfile s = profile("source", Map.of("bootstrap.servers", "o:1"));
        ConnectionProfile t = profile("target", Map.of("bootstrap.servers", "n:1"));
        LinkConfig link = LinkConfig.named("orders");

        assertThat(ConnectorPlan.defaultName("orders")).isEqualTo("cutover-link-orders");
        for (String bad : List.of("", " padded", "tab\there")) {
            assertThatThrownBy(() -> ConnectorPlan.of(bad, link, s, t, 1))
                    .isInstanceOfSatisfying(
                            CutoverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.USAGE));
        }
        assertThatThrownBy(() -> ConnectorPlan.of("c", link, s, t, 0))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.getMessage()).contains("at least 1 task"));
    }

    private static ConnectionProfile profile(String name, Map<String, String> properties) {
        return new ConnectionProfile(name, properties, List.of(), Duration.ofSeconds(5));
    }
}
