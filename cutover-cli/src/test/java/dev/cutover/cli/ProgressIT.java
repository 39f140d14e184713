package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress of long commands when stderr is not a terminal (a CI log): {@code link start} writes plain lines with what it
 * copied, what remains, the rate and the time left until it has caught up, then a last line with every record; {@code
 * verify --output json} and {@code inventory --output json} keep stdout to the JSON while their progress goes to stderr;
 * {@code --no-progress} shows none.
 */
@ExtendWith(ClustersExtension.class)
class ProgressIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int RECORDS = 3_000;

    @TempDir
    Path dir;

    @Test
    void linkStartShowsCopiedRemainingRateAndEtaInALogAndVerifyKeepsStdoutToItsJson(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given 3,000 records of 1 kB in two partitions
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("pg-orders", 2, (short) 1)))
                    .all()
                    .get();
        }
        String value = "v".repeat(1_000);
        try (var producer =
                new KafkaProducer<>(source.adminClientProperties(), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>("pg-orders", i % 2, "k" + i, value));
            }
            producer.flush();
        }
        String ws = TwoClusterWorkspace.write(dir, source, target).toString();

        // When the link runs in its own process, its output a pipe, throttled so that the copy takes ~30 s
        try (Cli.Child link = Cli.Child.start(
                dir.resolve("link.log"),
                "link",
                "start",
                "--workspace",
                ws,
                "--name",
                "pg",
                "--max-bytes-per-second",
                "100000")) {
            // Then a plain line says what is copied of the total, what remains, the rate and the time left
            String line = link.awaitLine(l -> l.startsWith("link pg: ") && l.contains(" remaining"), WAIT);
            assertThat(line)
                    .matches("link pg: [\\d,]+ of 3,000 records, [\\d,]+ remaining, [\\d,.]+ records/s, ETA [^(]+"
                            + " \\(after \\d+ s\\); 2 partition\\(s\\)");
            // And once caught up, a last line with every record, then the link's own word
            link.awaitLine(l -> l.startsWith("link pg: done, 3,000 records in "), WAIT);
            link.awaitLine(l -> l.startsWith("caught up"), WAIT);
            assertThat(link.terminate(WAIT)).isZero();
            assertThat(link.output())
                    .as("no bar drawn into a log")
                    .noneMatch(l -> l.contains("\r") || l.contains("\u001b["));
        }

        // When verify prints JSON
        Cli.Result verify = Cli.run("verify", "--workspace", ws, "--name", "pg", "--output", "json");

        // Then stdout is the JSON alone and its progress is on stderr
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        JsonNode doc = JSON.readTree(verify.out());
        assertThat(doc.path("verdict").asText()).isEqualTo("no-difference");
        assertThat(verify.out()).doesNotContain("verify: ");
        assertThat(verify.err()).contains("verify: done, 2 partitions in ");

        // And --no-progress shows none
        Cli.Result quiet = Cli.run("verify", "--workspace", ws, "--name", "pg", "--output", "json", "--no-progress");
        assertThat(quiet.exitCode()).as(quiet.all()).isZero();
        assertThat(JSON.readTree(quiet.out()).path("verdict").asText()).isEqualTo("no-difference");
        assertThat(quiet.err()).doesNotContain("verify: ");

        // When the inventory prints JSON
        Cli.Result inventory = Cli.run("inventory", "--workspace", ws, "--output", "json");

        // Then stdout is the JSON alone, and its steps (the cluster's five and the merge) ended on stderr
        assertThat(inventory.exitCode()).as(inventory.all()).isZero();
        assertThat(JSON.readTree(inventory.out()).isObject()).isTrue();
        assertThat(inventory.err()).contains("inventory source: done, 6 steps in ");
    }
}
