package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage and config errors of {@code readiness} and {@code evidence}: exit 2 before any cluster is contacted. */
class ReadinessCommandTest {
    @TempDir
    Path ws;

    @BeforeEach
    void workspace() throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: 127.0.0.1:1}}\n"
                        + "  target: {properties: {bootstrap.servers: 127.0.0.1:1}}\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n  - {name: billing, owner: b, roles: [consumer], match: {groupId: billing}}\n"
                        + "  - {name: orders-api, owner: o, roles: [producer], match: {clientId: o}}\n");
        Files.writeString(ws.resolve("log.txt"), "rehearsed\n");
    }

    @Test
    void evidenceAddRefusesAnUnknownWorkloadListingTheValidOnes() {
        Cli.Result r = Cli.run(
                "evidence",
                "add",
                "--workspace",
                ws.toString(),
                "--workload",
                "bilinG",
                "--area",
                "rollback",
                "--file",
                ws.resolve("log.txt").toString(),
                "--by",
                "alice",
                "--target-cluster-id",
                "T");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("no workload 'bilinG'", "billing, orders-api");
    }

    @Test
    void evidenceAddRefusesAnUnknownAreaListingTheValidOnes() {
        Cli.Result r = Cli.run(
                "evidence",
                "add",
                "--workspace",
                ws.toString(),
                "--workload",
                "billing",
                "--area",
                "rolback",
                "--file",
                ws.resolve("log.txt").toString(),
                "--by",
                "alice",
                "--target-cluster-id",
                "T");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains(
                        "unknown area 'rolback'",
                        "protocol, identity, topics, offsets, state, observability, rollback");
    }

    @Test
    void evidenceAddRefusesAMissingFileAndABadResult() {
        Cli.Result missing = Cli.run(
                "evidence",
                "add",
                "--workspace",
                ws.toString(),
                "--workload",
                "billing",
                "--area",
                "rollback",
                "--file",
                ws.resolve("nope.txt").toString(),
                "--by",
                "alice",
                "--target-cluster-id",
                "T");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.txt does not exist");
        Cli.Result result = Cli.run(
                "evidence",
                "add",
                "--workspace",
                ws.toString(),
                "--workload",
                "billing",
                "--area",
                "rollback",
                "--file",
                ws.resolve("log.txt").toString(),
                "--by",
                "alice",
                "--result",
                "maybe");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'maybe' is not a result");
    }

    @Test
    void evidenceAddAndListWithAGivenClusterId() throws Exception {
        Cli.Result r = Cli.run(
                "evidence",
                "add",
                "--workspace",
                ws.toString(),
                "--workload",
                "billing",
                "--area",
                "rollback",
                "--file",
                ws.resolve("log.txt").toString(),
                "--by",
                "alice",
                "--note",
                "password=hunter2 rehearsed",
                "--target-cluster-id",
                "T");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("evidence/", "rollback, pass, target T");
        try (var files = Files.list(ws.resolve("evidence"))) {
            String json = Files.readString(files.findFirst().orElseThrow());
            assertThat(json)
                    .contains("\"file\" : \"log.txt\"", "\"fileSha256\"", "\"by\" : \"alice\"")
                    .doesNotContain("hunter2");
        }
        Cli.Result list = Cli.run("evidence", "list", "--workspace", ws.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("billing", "rollback", "attestation", "yes");
        Cli.Result json = Cli.run("evidence", "list", "--workspace", ws.toString(), "--output", "json");
        assertThat(json.exitCode()).as(json.all()).isZero();
        assertThat(json.out()).contains("\"staleBecause\" : null", "\"area\" : \"rollback\"");
    }

    @Test
    void readinessRefusesABadEvidenceFileBeforeContactingAnyCluster() throws Exception {
        Files.createDirectories(ws.resolve("evidence"));
        Files.writeString(ws.resolve("evidence/bad.json"), "{ not json");
        Cli.Result r = Cli.run("readiness", "--workspace", ws.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json", "not valid evidence JSON", "what to do");
    }

    @Test
    void readinessWithoutAWorkspaceOrWithABadAgeIsAUsageError() {
        assertThat(Cli.run("readiness", "--workspace", ws.resolve("none").toString())
                        .exitCode())
                .isEqualTo(2);
        Cli.Result age = Cli.run("readiness", "--workspace", ws.toString(), "--max-evidence-age", "soon");
        assertThat(age.exitCode()).isEqualTo(2);
        assertThat(age.err()).contains("'soon' is not a duration");
    }
}
