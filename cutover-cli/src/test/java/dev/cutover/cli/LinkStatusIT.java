package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code link status} reads; it never changes the target, and a link that never ran is an error naming those that did. */
class LinkStatusIT {
    @TempDir
    Path dir;

    @Test
    void statusOfALinkThatNeverRanFailsNamingTheLinksThereAndCreatesNothingOnABrokerThatAutoCreatesTopics()
            throws Exception {
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

            // And a link that did run there (its state topic exists)
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("__cutover.orders-eu.state", 1, (short) 1)))
                        .all()
                        .get();
            }

            // When the status of a misspelled link is asked
            Cli.Result md = Cli.run("link", "status", "--workspace", dir.toString(), "--name", "orders-e");
            Cli.Result json =
                    Cli.run("link", "status", "--workspace", dir.toString(), "--name", "fresh", "--output", "json");

            // Then it fails (exit 1), naming the links the target has and the likely one
            assertThat(md.exitCode()).as(md.all()).isEqualTo(1);
            assertThat(md.out()).contains("never run", "Links on this target: orders-eu");
            assertThat(md.err()).contains("link 'orders-e' has never run", "did you mean --name orders-eu?");
            assertThat(json.exitCode()).as(json.all()).isEqualTo(1);
            assertThat(json.out())
                    .contains("\"unlinkableTopics\" : [ ]", "\"partitions\" : [ ]")
                    .contains("\"linksOnTarget\" : [ \"orders-eu\" ]");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get())
                        .doesNotContain("__cutover.fresh.state", "__cutover.orders-e.state");
            }
        }
    }
}
