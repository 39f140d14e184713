package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Provenance;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover probe --clients} on a real broker: the matrix's rows in the JSON, the workload's own kafka-clients
 * version (named by its evidence) added to the clients asked for, one check per client in the protocol evidence, and
 * the matrix's probe topics gone afterwards. Jars are cached in {@code target/clients-cache} across runs.
 */
@ExtendWith(ClustersExtension.class)
class ProbeMatrixIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theMatrixRunsTheClientsAskedForAndTheWorkloadsOwn(@Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a workload whose evidence says it runs kafka-clients 2.8.2
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  target:\n    properties: {bootstrap.servers: " + target.bootstrapServers()
                        + "}\n    timeout: 30s\n");
        Files.writeString(
                dir.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n  - name: app\n    owner: team\n    roles: [producer]\n    topics: [t]\n    match: {clientId: app}\n");
        EvidenceStore.write(
                dir,
                Provenance.here("test", Clock.systemUTC())
                        .evidence(
                                Evidence.ATTESTATION,
                                "app",
                                Area.PROTOCOL,
                                "team",
                                null,
                                Evidence.Result.PASS,
                                Map.of("clientSoftware", "apache-kafka-java/2.8.2"),
                                null,
                                null));
        Path cache = Path.of("target", "clients-cache").toAbsolutePath();

        // When
        Cli.Result r = Cli.run(
                "probe",
                "--workspace",
                dir.toString(),
                "--workload",
                "app",
                "--clients",
                "3.9.1,kcat",
                "--clients-cache",
                cache.toString(),
                "--output",
                "json");

        // Then (only observability is not proven here: no jmx: URL, no link)
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        ProbeIT.onlyObservabilityDidNotPass(report);
        List<JsonNode> rows = ProbeIT.list(report.get("clients"));
        assertThat(rows)
                .extracting(n -> n.get("client").asText())
                .containsExactly("kafka-clients 3.9.1", "kcat", "kafka-clients 2.8.2");
        for (JsonNode row : rows) {
            String expected = row.get("client").asText().equals("kcat")
                            && !row.get("details").asText().startsWith("not installed")
                    ? "pass"
                    : row.get("client").asText().equals("kcat") ? "skipped" : "pass";
            assertThat(row.get("status").asText()).as(row.toString()).isEqualTo(expected);
        }
        assertThat(rows.get(0).get("checks").toString())
                .isEqualTo("{\"produce\":\"pass\",\"consume\":\"pass\",\"commit\":\"pass\",\"headers\":\"pass\"}");
        JsonNode protocol = protocolEvidence();
        assertThat(protocol.get("result").asText()).isEqualTo("pass");
        assertThat(protocol.get("details").toString())
                .contains("client kafka-clients 2.8.2: pass: produce pass, consume pass, commit pass, headers pass");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", target.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith("__cutover-probe-"));
        }
    }

    JsonNode protocolEvidence() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("evidence"))) {
            for (Path f : files.toList()) {
                JsonNode e = JSON.readTree(f.toFile());
                if (e.get("kind").asText().equals("probe")
                        && e.get("area").asText().equals("protocol")) {
                    return e;
                }
            }
        }
        throw new AssertionError("no probe evidence for protocol");
    }
}
