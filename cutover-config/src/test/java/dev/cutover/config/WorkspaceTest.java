package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void schemaRegistryOfAProfileIsReadWithPathsAgainstTheWorkspaceAndWrittenBack() {
        WorkspaceFiles.write(
                dir,
                "cutover.yaml",
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: a:9092
                    schemaRegistry:
                      url: http://registry:8081/
                      basic.auth.user.info: ${env:SR_USER_INFO}
                      ssl.truststore.location: certs/ca.p12
                  target:
                    properties:
                      bootstrap.servers: b:9092
                """);

        Workspace workspace = Workspace.load(dir);

        SchemaRegistrySettings registry =
                workspace.profile("source").schemaRegistry().orElseThrow();
        assertThat(registry.url()).isEqualTo("http://registry:8081");
        assertThat(registry.properties())
                .containsEntry("basic.auth.user.info", "${env:SR_USER_INFO}")
                .containsEntry(
                        "ssl.truststore.location",
                        dir.toAbsolutePath().resolve("certs/ca.p12").normalize().toString());
        assertThat(workspace.profile("target").schemaRegistry()).isEmpty();

        // And a written profile names its registry
        Path other = dir.resolve("written");
        CutoverYamlWriter.write(
                other,
                java.util.Map.of(
                        "source",
                        ProfileSpec.of(java.util.Map.of("bootstrap.servers", "a:9092"), java.util.Map.of())
                                .withSchemaRegistry("http://127.0.0.1:4000/apis/ccompat/v7")));
        assertThat(Workspace.load(other).profile("source").schemaRegistry())
                .hasValueSatisfying(r -> assertThat(r.url()).isEqualTo("http://127.0.0.1:4000/apis/ccompat/v7"));
    }

    @Test
    void loadsTheSampleFiles() {
        // Given the samples the README quotes, and the properties file the source profile names
        WorkspaceFiles.write(dir, "cutover.yaml", WorkspaceFiles.sample("cutover.yaml"));
        WorkspaceFiles.write(dir, "workloads.yaml", WorkspaceFiles.sample("workloads.yaml"));
        WorkspaceFiles.write(dir, "clients/source.properties", "client.id=cutover\nbootstrap.servers=old:9092\n");

        // When
        Workspace workspace = Workspace.load(dir);

        // Then
        ConnectionProfile source = workspace.profile("source");
        assertThat(source.bootstrapServers()).isEqualTo("broker1:9092,broker2:9092");
        assertThat(source.properties())
                .containsEntry("client.id", "cutover")
                .containsEntry("sasl.jaas.config", "${file:/secrets/source.properties:jaas}");
        assertThat(source.jmxUrls()).hasSize(2);
        assertThat(source.schemaRegistry())
                .hasValueSatisfying(r -> assertThat(r.url()).isEqualTo("https://registry.example.com:8081"));
        assertThat(source.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(workspace.profile("target").timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(workspace.profile("target").jmxUrls()).hasSize(1);
        assertThat(workspace.config().clusters().keySet()).containsExactly("source", "target");
        LinkConfig link = workspace.config().resolveLink(java.util.Optional.empty());
        assertThat(link.name()).isEqualTo("default");
        assertThat(link.topics()).contains("orders\\..*|payments\\..*");
        assertThat(link.principalMap()).containsEntry("User:orders-app", "User:orders-app@corp");
        assertThat(workspace.reportsDir()).isEqualTo(dir.resolve("reports"));
        assertThat(workspace.workloads().names()).containsExactly("orders-writer", "shipping-reader");
        Workload orders = workspace.workloads().find("orders-writer").orElseThrow();
        assertThat(orders.roles()).containsExactly(Role.PRODUCER);
        assertThat(orders.duplicateTolerance()).isEqualTo(DuplicateTolerance.NONE);
        assertThat(orders.match().matchesTransactionalId("orders-tx-7")).isTrue();
        assertThat(orders.match().matchesPrincipal("User:orders")).isTrue();
        assertThat(orders.match().matchesGroupId("orders")).isFalse();
        assertThat(workspace.workloads().find("shipping-reader").orElseThrow().duplicateTolerance())
                .isEqualTo(DuplicateTolerance.IDEMPOTENT_DOWNSTREAM);
    }

    @Test
    void numbersAndBooleansAreReadAsText() {
        // Given
        WorkspaceFiles.write(
                dir,
                "cutover.yaml",
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: a:9092
                      retries: 5
                      enable.idempotence: true
                """);

        // When
        ConnectionProfile source = Workspace.load(dir).profile("source");

        // Then
        assertThat(source.properties()).containsEntry("retries", "5").containsEntry("enable.idempotence", "true");
        assertThat(Workspace.load(dir).workloads().workloads()).isEmpty();
    }

    @Test
    void missingCutoverYamlIsConfigNotFoundWithAHint() {
        assertThatThrownBy(() -> Workspace.load(dir)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONFIG_NOT_FOUND);
            assertThat(e.getMessage()).contains("no cutover.yaml");
            assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h)
                    .contains("cutover sandbox up --workspace")
                    .contains("README"));
        });
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        // Given
        WorkspaceFiles.write(
                dir, "cutover.yaml", "version: 1\nclusters:\n  source:\n    properties: {bootstrap.servers: a:1}\n");

        // When / Then
        assertThatThrownBy(() -> Workspace.load(dir).profile("targt"))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("no profile 'targt'").contains("known profiles: source");
                });
    }

    @Test
    void profileToStringIsRedacted() {
        ConnectionProfile profile = new ConnectionProfile(
                "p",
                java.util.Map.of("bootstrap.servers", "a:1", "ssl.key.password", "hunter2"),
                java.util.List.of(),
                Duration.ofSeconds(1));
        assertThat(profile.toString()).doesNotContain("hunter2").contains("[redacted]");
    }
}
