package dev.cutover.cli;

import static dev.cutover.cli.ProbeIT.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** On a three-broker target the idempotent producer's records survive a real leader move, once each and in order. */
@ExtendWith(ClustersExtension.class)
class ProbeLeaderMoveIT {
    @TempDir
    Path dir;

    @Test
    void recordsWrittenWhileTheLeaderMovesLandOnceAndInOrder(
            @Cluster(value = "three", brokers = 3) EmbeddedCluster target) throws Exception {
        // Given a workload whose topic exists nowhere yet (the probe topic gets Kafka's defaults)
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  target: {properties: {bootstrap.servers: '" + target.bootstrapServers()
                        + "'}, timeout: 20s}\n");
        Files.writeString(
                dir.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: moves
                    owner: team
                    roles: [producer]
                    topics: [moving]
                    match: {clientId: moves}
                """);

        // When
        Cli.Result r = Cli.run("probe", "--workspace", dir.toString(), "--workload", "moves", "--output", "json");

        // Then the leader moved and nothing was lost, duplicated or reordered (only observability is not proven
        // here: no jmx: URL, no link)
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        JsonNode report = ProbeIT.JSON.readTree(r.out());
        ProbeIT.onlyObservabilityDidNotPass(report);
        JsonNode move = check(report, "producer: retries across a leader move");
        assertThat(move.get("status").asText()).as(move.toString()).isEqualTo("pass");
        assertThat(move.get("details").asText()).contains("100 records, each once and in order", "moved from broker");
        assertThat(check(report, "topic moving: largest record (1024 bytes)")
                        .get("details")
                        .asText())
                .contains("a default: no sample and no source topic");
        assertThat(ProbeIT.probeTopics(target)).isEmpty();
    }
}
