package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cutover plan` without a broker: from a saved inventory report, and its refusals. */
class PlanCommandTest {
    @TempDir
    Path ws;

    private Path inventory;

    @BeforeEach
    void workspace() throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  source:
                    properties:
                      bootstrap.servers: 127.0.0.1:9
                    timeout: 2s
                """);
        Files.writeString(
                ws.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: payments
                    owner: team-payments
                    roles: [producer]
                    topics: [payments]
                    sideEffects: settles card payments
                    rollbackOwner: alice
                    match: {transactionalId: payments-tx}
                  - name: billing
                    owner: team-billing
                    roles: [consumer]
                    duplicateTolerance: idempotent-downstream
                    rollbackOwner: bob
                    match: {groupId: billing}
                """);
        inventory = Files.createDirectories(ws.resolve("reports")).resolve("inventory.json");
        try (InputStream in = getClass().getResourceAsStream("plan-inventory.json")) {
            Files.write(inventory, in.readAllBytes());
        }
    }

    private Cli.Result plan(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "plan";
        args[1] = "--workspace";
        args[2] = ws.toString();
        args[3] = "--inventory=" + inventory;
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(args);
    }

    @Test
    void writesPlanYamlAndPrintsWavesRisksAndChanges() throws Exception {
        Cli.Result r = plan();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(ws.resolve("plan.yaml")).isNotEmptyFile();
        assertThat(r.out())
                .contains("# Migration plan", "### wave-1: consumer-first", "### wave-2: endpoint-switch")
                .contains("`billing`", "payments → payments → billing", "PLAN-004");
        assertThat(r.err()).contains("wrote " + ws.resolve("plan.yaml"), "changed: created plan.yaml with 2 wave(s)");
    }

    @Test
    void anEditIsKeptAcrossARerunAndTheChangeIsSaid() throws Exception {
        plan();
        Path file = ws.resolve("plan.yaml");
        String text = Files.readString(file);
        int computed = text.indexOf("\ncomputed:");
        Files.writeString(
                file,
                text.substring(0, computed).replaceFirst("    pattern: endpoint-switch", "    pattern: dual-write")
                        + text.substring(computed));

        Cli.Result again = plan();

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err())
                .contains("changed: wave-2: pattern dual-write kept (edited by hand; the planner suggests"
                        + " endpoint-switch)");
        assertThat(again.out()).contains("### wave-2: dual-write");
        assertThat(Files.readString(file)).contains("pattern: dual-write");
        Cli.Result third = plan();
        assertThat(third.err()).contains("pattern dual-write kept");
    }

    @Test
    void rerunWithoutChangesSaysUnchanged() {
        plan();
        Cli.Result again = plan();
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("(unchanged)").doesNotContain("changed:");
    }

    @Test
    void jsonAndYamlOutputs() throws Exception {
        Cli.Result json = plan("--output", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.at("/waves/0/pattern").asText()).isEqualTo("consumer-first");
        assertThat(root.at("/risks/payments/level").asText()).isEqualTo("high");
        assertThat(root.at("/edges/0/producer").asText()).isEqualTo("payments");
        Cli.Result yaml = plan("--output", "yaml");
        assertThat(yaml.out()).isEqualTo(Files.readString(ws.resolve("plan.yaml")));
    }

    @Test
    void aBrokenPlanYamlExitsTwoBeforeAnyClusterIsAsked() throws Exception {
        Files.writeString(ws.resolve("plan.yaml"), "version: 1\nwaves:\n  - name: w\n    pattern: linkd\n");
        long start = System.nanoTime();
        Cli.Result r = Cli.run("plan", "--workspace", ws.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("plan.yaml:4:14", "did you mean 'linked'");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void missingWorkspaceOrInventoryIsAUsageError() {
        assertThat(Cli.run("plan", "--workspace", ws.resolve("nope").toString()).exitCode())
                .isEqualTo(2);
        Cli.Result r = Cli.run(
                "plan",
                "--workspace",
                ws.toString(),
                "--inventory",
                ws.resolve("x.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no inventory report");
        assertThat(Cli.run("plan", "--workspace", ws.toString(), "--output", "html")
                        .exitCode())
                .isEqualTo(2);
    }

    @Test
    void anUnreachableSourceExitsThree() {
        Cli.Result r = Cli.run("plan", "--workspace", ws.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(ws.resolve("plan.yaml")).doesNotExist();
    }
}
