package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code link status} reads; it never changes the target. */
class LinkStatusIT {
    @TempDir
    Path dir;

    @Test
    void statusOfALinkThatNeverRanDoesNotCreateItsStateTopicOnABrokerThatAutoCreatesTopics() throws Exception {
        // Given a target with Kafka's default auto.create.topics.enable=true, where no link ever ran
        try (EmbeddedCluster cluster = EmbeddedCluster.start(EmbeddedCluster.Options.named("autocreate")
                .brokerConfig(Map.of("auto.create.topics.enable", "true")))) {
            Files.writeString(
                    dir.resolve("cutover.yaml"),
                    """
                    version: 1
                    clusters:
                      source:
                        properties: {bootstrap.servers: "%1$s"}
                      target:
                        properties: {bootstrap.servers: "%1$s"}
                    """
                            .formatted(cluster.bootstrapServers()));

            // When
            Cli.Result md = Cli.run("link", "status", "--workspace", dir.toString(), "--name", "fresh");
            Cli.Result json =
                    Cli.run("link", "status", "--workspace", dir.toString(), "--name", "fresh", "--output", "json");

            // Then
            assertThat(md.exitCode()).as(md.all()).isZero();
            assertThat(md.out()).contains("never run");
            assertThat(json.exitCode()).as(json.all()).isZero();
            assertThat(json.out()).contains("\"unlinkableTopics\" : [ ]", "\"partitions\" : [ ]");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).doesNotContain("__cutover.fresh.state");
            }
        }
    }
}
