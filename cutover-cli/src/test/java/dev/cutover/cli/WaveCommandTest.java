package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wave and journal commands' answers to a workspace's mistakes, before any cluster is asked. */
class WaveCommandTest {
    @TempDir
    Path dir;

    private String workspace(String plan, String workloads) throws Exception {
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source:\n    properties:\n      bootstrap.servers: 127.0.0.1:1\n"
                        + "    timeout: 1s\n  target:\n    properties:\n      bootstrap.servers: 127.0.0.1:1\n"
                        + "    timeout: 1s\n");
        if (plan != null) {
            Files.writeString(dir.resolve("plan.yaml"), plan);
        }
        if (workloads != null) {
            Files.writeString(dir.resolve("workloads.yaml"), workloads);
        }
        return dir.toString();
    }

    @Test
    void withoutAPlanTheWaveIsAUsageErrorThatSaysToRunPlan() throws Exception {
        Cli.Result r = Cli.run("wave", "run", "--workspace", workspace(null, null), "--wave", "wave-1");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("no plan.yaml").contains("cutover plan");
    }

    @Test
    void anUnknownWaveOrAWorkloadWorkloadsYamlDoesNotDescribeIsAUsageErrorBeforeAnyClusterIsAsked() throws Exception {
        String ws = workspace(
                "version: 1\nwaves:\n  - name: wave-1\n    pattern: consumer-first\n    workloads:\n      - ghost\n",
                "version: 1\nworkloads: []\n");
        Cli.Result unknown = Cli.run("wave", "run", "--workspace", ws, "--wave", "wave-9");
        assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(2);
        assertThat(unknown.err()).contains("no wave 'wave-9'").contains("wave-1");

        Cli.Result ghost = Cli.run("wave", "run", "--workspace", ws, "--wave", "wave-1", "--dry-run");
        assertThat(ghost.exitCode()).as(ghost.all()).isEqualTo(2);
        assertThat(ghost.err()).contains("'ghost'").contains("workloads.yaml");
    }

    @Test
    void statusAndJournalReadTheJournalAloneAndRehearseNeedsAWorkload() throws Exception {
        String ws = workspace(null, null);
        Cli.Result status = Cli.run("wave", "status", "--workspace", ws, "--wave", "wave-1");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("wave wave-1: not started");

        Cli.Result journal = Cli.run("journal", "--workspace", ws, "--output", "json");
        assertThat(journal.exitCode()).as(journal.all()).isZero();
        assertThat(journal.out().strip()).isEqualTo("[ ]");

        Cli.Result rehearse = Cli.run("wave", "rollback", "--workspace", ws, "--wave", "wave-1", "--rehearse");
        assertThat(rehearse.exitCode()).as(rehearse.all()).isEqualTo(2);
        assertThat(rehearse.err()).contains("--rehearse needs --workload");
    }

    @Test
    void aDamagedJournalIsAUsageErrorNamingTheLine() throws Exception {
        String ws = workspace(null, null);
        Files.createDirectories(dir.resolve("journal"));
        Files.writeString(dir.resolve("journal/journal.jsonl"), "garbage\n{\"v\":1}\n");
        Cli.Result r = Cli.run("wave", "status", "--workspace", ws, "--wave", "wave-1");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("line 1");
    }
}
