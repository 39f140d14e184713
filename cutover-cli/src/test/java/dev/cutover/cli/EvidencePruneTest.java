package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evidence list} says which records count and why not; {@code evidence prune} trims the folder. No broker. */
class EvidencePruneTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path ws;

    @BeforeEach
    void workspace() throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: 127.0.0.1:1}}\n"
                        + "  target: {properties: {bootstrap.servers: 127.0.0.1:1}}\n");
        Files.createDirectories(ws.resolve("evidence"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        record("1-old", "billing", "offsets-sync", now.minus(90, ChronoUnit.DAYS), "pass", "\"group\": \"billing\"");
        record("2-sync", "billing", "offsets-sync", now.minus(2, ChronoUnit.HOURS), "pass", "\"group\": \"billing\"");
        record("3-newer", "billing", "offsets-sync", now.minus(1, ChronoUnit.HOURS), "pass", "\"group\": \"billing\"");
        record(
                "4-dry",
                "billing",
                "offsets-sync",
                now.minus(1, ChronoUnit.HOURS),
                "pass",
                "\"group\": \"billing\", \"dryRun\": \"true\"");
        record("5-typo", "nosuch", "offsets-translate", now, "fail", "\"group\": \"nosuch\", \"note\": \"no offsets\"");
    }

    private void record(String name, String workload, String kind, Instant at, String result, String details)
            throws Exception {
        Files.writeString(
                ws.resolve("evidence/" + name + ".json"),
                "{\"schemaVersion\": 1, \"kind\": \"" + kind + "\", \"workload\": \"" + workload + "\","
                        + " \"area\": \"offsets\", \"producedBy\": \"cutover offsets\", \"takenAt\": \"" + at + "\","
                        + " \"result\": \"" + result + "\", \"details\": {" + details + "}}");
    }

    private List<String> files() throws Exception {
        try (Stream<Path> list = Files.list(ws.resolve("evidence"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void listSaysWhichRecordsCountAndWhyNot() throws Exception {
        // When listed
        Cli.Result md = Cli.run("evidence", "list", "--workspace", ws.toString());
        Cli.Result json = Cli.run("evidence", "list", "--workspace", ws.toString(), "--output", "json");

        // Then failed, preview, superseded and stale records are shown as not counting, each with its reason
        assertThat(md.exitCode()).as(md.all()).isZero();
        assertThat(md.out())
                .containsPattern("1-old.json.*no: stale")
                .containsPattern("2-sync.json.*no: superseded \\(by evidence/3-newer.json\\)")
                .containsPattern("3-newer.json.*\\| yes \\|")
                .containsPattern("4-dry.json.*pass \\(preview\\).*no: preview")
                .containsPattern("5-typo.json.*no: preview");
        JsonNode doc = JSON.readTree(json.out()).path("records");
        assertThat(doc.get(2).path("counts").asBoolean()).isTrue();
        assertThat(doc.get(3).path("notCounted").asText()).isEqualTo("preview");
        assertThat(doc.get(3).at("/evidence/preview").asBoolean()).isTrue();
        assertThat(doc.get(0).path("notCounted").asText()).isEqualTo("stale");
        assertThat(doc.get(0).path("staleBecause").asText()).startsWith("stale: 90 days old");
    }

    @Test
    void aFailedRecordIsListedAsFailed() throws Exception {
        record(
                "6-refused",
                "billing",
                "offsets-sync",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "fail",
                "\"group\": \"billing\", \"note\": \"refused: active members\"");
        Cli.Result md = Cli.run("evidence", "list", "--workspace", ws.toString(), "--workload", "billing");
        assertThat(md.out()).containsPattern("6-refused.json.*\\| fail \\|.*no: failed \\(refused: active members\\)");
    }

    @Test
    void pruneByWorkloadAgeAndSupersededWithADryRunFirst() throws Exception {
        // When a dry run prunes a misspelled group's records
        Cli.Result dry =
                Cli.run("evidence", "prune", "--workspace", ws.toString(), "--workload", "nosuch", "--dry-run");

        // Then it lists them and deletes nothing
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("would delete evidence/5-typo.json", "dry run: would delete 1 record(s)");
        assertThat(files()).hasSize(5);

        // When pruned for real, by workload, then by age, then superseded
        assertThat(Cli.run("evidence", "prune", "--workspace", ws.toString(), "--workload", "nosuch")
                        .exitCode())
                .isZero();
        assertThat(files()).doesNotContain("5-typo.json").hasSize(4);
        Cli.Result old = Cli.run("evidence", "prune", "--workspace", ws.toString(), "--older-than", "30d");
        assertThat(old.out()).contains("deleted evidence/1-old.json", "deleted 1 record(s)");
        Cli.Result superseded = Cli.run("evidence", "prune", "--workspace", ws.toString(), "--superseded");
        assertThat(superseded.exitCode()).as(superseded.all()).isZero();

        // Then what decides readiness is left
        assertThat(files()).containsExactly("3-newer.json", "4-dry.json");
    }

    @Test
    void pruneWithoutACriterionIsAUsageError() throws Exception {
        Cli.Result r = Cli.run("evidence", "prune", "--workspace", ws.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--older-than", "--superseded");
        assertThat(files()).hasSize(5);
    }
}
