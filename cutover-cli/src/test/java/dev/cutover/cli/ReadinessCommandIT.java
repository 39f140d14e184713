package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.CutoverYamlWriter;
import dev.cutover.config.ProfileSpec;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover readiness} exits 0 when every workload is ready, 1 when one is not, 2 for an unknown wave. */
@ExtendWith(ClustersExtension.class)
class ReadinessCommandIT {

    @Test
    void exitCodesFollowTheVerdict(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        // Given one producer whose topic exists on both sides, and attestations for every area that needs one
        for (EmbeddedCluster c : List.of(source, target)) {
            try (Admin admin = c.admin()) {
                admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, ProfileSpec> profiles = new LinkedHashMap<>();
        profiles.put("source", profile(source));
        profiles.put("target", profile(target));
        CutoverYamlWriter.write(ws, profiles);
        Files.writeString(
                ws.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: orders-api
                    owner: team-orders
                    roles: [producer]
                    topics: [orders]
                    rollbackOwner: orders-oncall
                    match: {clientId: orders-api, principal: User:ANONYMOUS}
                """);
        Files.writeString(ws.resolve("probe.log"), "produced 1000 records with idempotence on the target\n");
        String w = ws.toString();
        String file = ws.resolve("probe.log").toString();

        Cli.Result notYet = Cli.run("readiness", "--workspace", w);
        assertThat(notYet.exitCode()).as(notYet.all()).isEqualTo(1);
        assertThat(notYet.out()).contains("NOT READY", "PROTO-002", "OBS-001", "ROLLBACK-003");
        assertThat(notYet.err()).contains("plan:", "NOT READY");

        for (String area : List.of("protocol", "identity", "observability", "rollback")) {
            Cli.Result add = Cli.run(
                    "evidence",
                    "add",
                    "--workspace",
                    w,
                    "--workload",
                    "orders-api",
                    "--area",
                    area,
                    "--file",
                    file,
                    "--by",
                    "alice",
                    "--detail",
                    "clientSoftware=apache-kafka-java/4.3.1");
            assertThat(add.exitCode()).as(add.all()).isZero();
            assertThat(add.out()).contains("target " + target.clusterId());
        }

        // When readiness runs, then it is ready: exit 0, every format written
        Cli.Result ready = Cli.run("readiness", "--workspace", w, "--output", "json");
        assertThat(ready.exitCode()).as(ready.all()).isZero();
        assertThat(ready.out()).contains("\"verdict\" : \"READY\"");
        assertThat(ws.resolve("reports/readiness.md")).isNotEmptyFile();
        assertThat(Files.readString(ws.resolve("reports/readiness.html"))).contains("<table>", "READY");

        // And a failed attestation makes it not ready again; an unknown wave is a usage error
        Cli.Result fail = Cli.run(
                "evidence",
                "add",
                "--workspace",
                w,
                "--workload",
                "orders-api",
                "--area",
                "observability",
                "--file",
                file,
                "--by",
                "bob",
                "--result",
                "fail",
                "--note",
                "no lag dashboard");
        assertThat(fail.exitCode()).isZero();
        Cli.Result after = Cli.run("readiness", "--workspace", w);
        assertThat(after.exitCode()).isEqualTo(1);
        assertThat(after.out()).contains("EVID-002", "no lag dashboard");
        // And one wave's report goes beside the estate's, which stays as it was
        String estate = Files.readString(ws.resolve("reports/readiness.json"));
        String waveName = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(estate)
                .at("/waves/0/name")
                .asText();
        Cli.Result one = Cli.run("readiness", "--workspace", w, "--wave", waveName);
        assertThat(one.exitCode()).as(one.all()).isEqualTo(1);
        assertThat(Files.readString(ws.resolve("reports/readiness.json"))).isEqualTo(estate);
        assertThat(ws.resolve("reports/readiness-wave-" + waveName + ".md")).isNotEmptyFile();
        assertThat(ws.resolve("reports/readiness-wave-" + waveName + ".json")).isNotEmptyFile();
        assertThat(one.err()).contains("readiness-wave-" + waveName + ".html");
        Cli.Result wave = Cli.run("readiness", "--workspace", w, "--wave", "wave-42");
        assertThat(wave.exitCode()).isEqualTo(2);
        assertThat(wave.err()).contains("no wave 'wave-42'");
    }

    private static ProfileSpec profile(EmbeddedCluster cluster) {
        Map<String, String> plain = new LinkedHashMap<>();
        cluster.adminClientProperties().forEach((k, v) -> plain.put(k, String.valueOf(v)));
        return new ProfileSpec(plain, Map.of(), List.of(), Duration.ofSeconds(30));
    }
}
