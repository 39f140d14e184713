package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox up --detach} then {@code sandbox down}: the README's flow in one terminal, as a script runs it. */
class SandboxDetachIT {

    @Test
    void detachReturnsOnceReadyAndDownStopsItCleanly(@TempDir Path dir) throws Exception {
        Path ws = dir.resolve("ws");
        java.util.List<Long> started = new java.util.ArrayList<>();
        try {
            // When the sandbox is started detached
            Cli.Result up = Cli.run("sandbox", "up", "--workspace", ws.toString(), "--detach");

            // Then the command returns 0 with the READY line, and the sandbox runs in a process of its own
            assertThat(up.exitCode()).as(up.all()).isZero();
            assertThat(up.out()).containsPattern("READY source=127\\.0\\.0\\.1:\\d+ target=127\\.0\\.0\\.1:\\d+");
            assertThat(up.err()).contains("sandbox down --workspace");
            long pid =
                    Long.parseLong(Files.readString(ws.resolve(".sandbox/pid")).strip());
            started.add(pid);
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(ws.resolve(".sandbox/.gitignore")).hasContent("*");
            assertThat(ProcessHandle.of(pid))
                    .hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
            try (Admin admin = Admin.create(Workspace.load(ws).profile("source").clientProperties())) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .hasSize(1);
            }

            // And a second one for the same workspace is refused
            Cli.Result again = Cli.run("sandbox", "up", "--workspace", ws.toString(), "--detach");
            assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
            assertThat(again.err()).contains("a sandbox already runs", "pid " + pid);

            // When it is brought down
            Cli.Result down = Cli.run("sandbox", "down", "--workspace", ws.toString());

            // Then it has ended by the time the command returns, cleanly (its own output says so), and the pid is gone
            assertThat(down.exitCode()).as(down.all()).isZero();
            assertThat(down.out()).contains("stopped the sandbox (pid " + pid + ")");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(ws.resolve(".sandbox/pid")).doesNotExist();
            assertThat(Files.readString(ws.resolve(".sandbox/sandbox.log"))).contains("stopped");

            // And a second down says nothing runs
            assertThat(Cli.run("sandbox", "down", "--workspace", ws.toString()).exitCode())
                    .isEqualTo(1);
        } finally {
            // Whatever this test started must not outlive it, whatever failed.
            Path pidFile = ws.resolve(".sandbox/pid");
            if (Files.exists(pidFile)) {
                started.add(Long.parseLong(Files.readString(pidFile).strip()));
            }
            started.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
