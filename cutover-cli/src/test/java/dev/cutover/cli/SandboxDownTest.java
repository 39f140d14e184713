package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox down} without a sandbox: clear errors, exit 1, and no process signalled that is not a sandbox. */
class SandboxDownTest {
    @TempDir
    Path ws;

    @Test
    void nothingRunningIsAClearErrorNotASilentSuccess() {
        Cli.Result r = Cli.run("sandbox", "down", "--workspace", ws.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("no sandbox runs for workspace", "sandbox up --workspace", "--detach");
    }

    @Test
    void aStalePidFileIsRemovedAndSaid() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path pid = Files.createDirectories(ws.resolve(".sandbox")).resolve("pid");
        Files.writeString(pid, ended.pid() + "\n");

        Cli.Result r = Cli.run("sandbox", "down", "--workspace", ws.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("named a process that has ended (removed it)");
        assertThat(pid).doesNotExist();
    }

    @Test
    void aPidReusedByAnotherProgramIsNeverSignalled() throws Exception {
        // This test's own JVM is alive but is not a sandbox of this workspace: down must refuse, not SIGTERM it.
        Path pid = Files.createDirectories(ws.resolve(".sandbox")).resolve("pid");
        Files.writeString(pid, ProcessHandle.current().pid() + "\n");

        Cli.Result r = Cli.run("sandbox", "down", "--workspace", ws.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("has ended (removed it)");
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        Cli.Result r = Cli.run("sandbox", "down", "--workspace", ws.toString(), "--timeout", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--timeout", "soon");
    }
}
