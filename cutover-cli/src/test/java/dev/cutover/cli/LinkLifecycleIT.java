package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link's lifecycle as an operator sees it: {@code link stop} from "another host" (another process) stops the running
 * instance through the link's state on the target, the stop is recorded with when and why and shown by {@code link
 * status}, a SIGTERM stop is recorded too, a restart clears it, and {@code link delete} removes a stopped link's
 * internal topics but refuses while it runs.
 */
@ExtendWith(ClustersExtension.class)
class LinkLifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void stopFromElsewhereIsRecordedShownAndDeleteRemovesTheStoppedLink(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a source topic with records and a workspace
        try (Admin admin = source.admin()) {
            // (a max.message.bytes below the producer's batch cap: the link renews its producer at start)
            admin.createTopics(List.of(
                            new NewTopic("life-orders", 2, (short) 1).configs(Map.of("max.message.bytes", "524288"))))
                    .all()
                    .get();
        }
        try (var producer =
                new KafkaProducer<>(source.adminClientProperties(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("life-orders", i % 2, "k" + i, "v" + i));
            }
            producer.flush();
        }
        Files.writeString(
                dir.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  source:
                    properties: {bootstrap.servers: "%s"}
                    timeout: 20s
                  target:
                    properties: {bootstrap.servers: "%s"}
                    timeout: 20s
                """
                        .formatted(source.bootstrapServers(), target.bootstrapServers()));
        String ws = dir.toString();

        // When a link runs in its own process
        try (Cli.Child link = start("life", 1)) {
            link.awaitLine(l -> l.startsWith("caught up"), WAIT);

            // Then the terminal shows what an operator needs, not start-up internals that read like alerts
            assertThat(link.output())
                    .as("start-up lines")
                    .contains("copying 2 partition(s) of 1 topic(s)")
                    .noneMatch(l -> l.contains("previous transaction"))
                    .noneMatch(l -> l.contains("renewing the producer") || l.contains("max.message.bytes is now"));

            // And its status says running, with no stop recorded; delete refuses while it runs
            JsonNode running = status("life");
            assertThat(running.path("running").asBoolean()).isTrue();
            assertThat(running.path("stopped").isNull()).isTrue();
            Cli.Result refused = Cli.run("link", "delete", "--workspace", ws, "--name", "life", "--yes");
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).contains("is running on", "cutover link stop --name life");

            // When another process asks it to stop
            Cli.Result stop = Cli.run("link", "stop", "--workspace", ws, "--name", "life", "--timeout", "60s");

            // Then it stops cleanly (exit 0), and says who asked
            assertThat(stop.exitCode()).as(stop.all()).isZero();
            assertThat(stop.out()).contains("link 'life' stopped at", "stop requested by ");
            assertThat(link.waitForExit(WAIT))
                    .as(String.join("\n", link.output()))
                    .isZero();
            assertThat(String.join("\n", link.output())).contains("stop requested by ");
        }

        // And status shows it not running, stopped, when and why, in Markdown and JSON
        JsonNode stopped = status("life");
        assertThat(stopped.path("running").asBoolean()).isFalse();
        assertThat(stopped.at("/stopped/reason").asText()).startsWith("stop requested by ");
        assertThat(stopped.at("/stopped/stoppedAt").asText()).isNotEmpty();
        assertThat(stopped.at("/stopped/version").asInt()).isEqualTo(1);
        assertThat(stopped.path("stopRequest").isNull())
                .as("the request was answered")
                .isTrue();
        Cli.Result md = Cli.run("link", "status", "--workspace", ws, "--name", "life");
        assertThat(md.out()).contains("**Not running.** Stopped cleanly at", "stop requested by ");
        Cli.Result again = Cli.run("link", "stop", "--workspace", ws, "--name", "life");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("is not running; it stopped at");

        // When started again, then the stop record is gone while it runs; a SIGTERM stop is recorded as such
        try (Cli.Child link = start("life", 2)) {
            link.awaitLine(l -> l.startsWith("caught up"), WAIT);
            assertThat(status("life").path("stopped").isNull()).isTrue();
            assertThat(link.terminate(WAIT)).isZero();
        }
        assertThat(status("life").at("/stopped/reason").asText())
                .startsWith("stop signal (SIGTERM or Ctrl-C) to cutover link start");

        // When deleted: without a terminal and without --yes it is a usage error; with --yes the topics go
        Cli.Result unconfirmed = Cli.run("link", "delete", "--workspace", ws, "--name", "life");
        assertThat(unconfirmed.exitCode()).as(unconfirmed.all()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("--yes");
        Cli.Result delete = Cli.run("link", "delete", "--workspace", ws, "--name", "life", "--yes");
        assertThat(delete.exitCode()).as(delete.all()).isZero();
        assertThat(delete.out()).contains("__cutover.life.state", "__cutover.life.offsets");
        try (Admin admin = target.admin()) {
            assertThat(admin.listTopics().names().get())
                    .doesNotContain("__cutover.life.state", "__cutover.life.offsets")
                    .contains("life-orders");
        }

        // And the link is now one that never ran: status and stop exit 1
        Cli.Result gone = Cli.run("link", "status", "--workspace", ws, "--name", "life");
        assertThat(gone.exitCode()).as(gone.all()).isEqualTo(1);
        assertThat(Cli.run("link", "stop", "--workspace", ws, "--name", "life").exitCode())
                .isEqualTo(1);
    }

    private Cli.Child start(String name, int run) throws Exception {
        return Cli.Child.start(
                dir.resolve("link-" + run + ".log"),
                "link",
                "start",
                "--workspace",
                dir.toString(),
                "--name",
                name,
                "--lease",
                "20s");
    }

    private JsonNode status(String name) throws Exception {
        Cli.Result r = Cli.run("link", "status", "--workspace", dir.toString(), "--name", name, "--output", "json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return JSON.readTree(r.out());
    }
}
