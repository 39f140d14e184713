package dev.cutover.orchestrator.switching;

import static dev.cutover.orchestrator.switching.SwitchFixtures.FILE_PROVIDER;
import static dev.cutover.orchestrator.switching.SwitchFixtures.context;
import static dev.cutover.orchestrator.switching.SwitchFixtures.load;
import static dev.cutover.orchestrator.switching.SwitchFixtures.profile;
import static dev.cutover.orchestrator.switching.SwitchFixtures.read;
import static dev.cutover.orchestrator.switching.SwitchFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command switcher runs real shell scripts: the environment contract, failures and timeouts. */
class CommandSwitcherTest {
    @TempDir
    Path workspace;

    private Path secrets;
    private ConnectionProfile target;

    @BeforeEach
    void profiles() {
        secrets = write(workspace, ".secrets/target.properties", "jaas=CANARY-cmd-secret-81d0\n");
        target = SwitchFixtures.profile(
                "target",
                "bootstrap.servers",
                "target-1:9093",
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-256",
                "sasl.jaas.config",
                "${file:" + secrets + ":jaas}",
                "request.timeout.ms",
                "5000");
    }

    private Path script(String name, String body) throws IOException {
        Path file = write(workspace, name, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void runsTheCommandWithTheEnvironmentContract() throws Exception {
        // Given a script, named relative to the workspace, that records what it got
        script(
                "restart.sh",
                """
                {
                  echo "args=$*"
                  echo "pwd=$(pwd)"
                  echo "workload=$CUTOVER_WORKLOAD"
                  echo "wave=$CUTOVER_WAVE"
                  echo "action=$CUTOVER_ACTION"
                  echo "cluster=$CUTOVER_CLUSTER"
                  echo "bootstrap=$CUTOVER_BOOTSTRAP_SERVERS"
                  echo "properties=$CUTOVER_CLIENT_PROPERTIES"
                } > got.txt
                echo "restarted billing"
                """);
        CommandSwitcher switcher = new CommandSwitcher(List.of("./restart.sh", "billing"));

        // When the workload is started on the target
        SwitchOutcome outcome = switcher.start(context(workspace, target));

        // Then the script ran in the workspace with the contract's variables
        Map<String, String> got = load(read(workspace.resolve("got.txt")));
        Path properties = Path.of(got.get("properties"));
        assertThat(got)
                .containsEntry("args", "billing")
                .containsEntry("pwd", workspace.toRealPath().toString())
                .containsEntry("workload", "billing")
                .containsEntry("wave", "wave-2")
                .containsEntry("action", "start")
                .containsEntry("cluster", "target")
                .containsEntry("bootstrap", "target-1:9093");

        // And the client properties are owner-only, with the connection settings and the secret as its reference
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties)))
                .isEqualTo("rw-------");
        assertThat(properties).startsWith(workspace.resolve(".cutover/state/billing"));
        assertThat(load(read(properties)))
                .isEqualTo(Map.of(
                        "bootstrap.servers", "target-1:9093",
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-256",
                        "sasl.jaas.config", "${file:" + secrets + ":jaas}",
                        "config.providers", "file",
                        "config.providers.file.class", FILE_PROVIDER));
        assertThat(read(properties)).doesNotContain("CANARY");

        // And the outcome says what ran; its stdout is in the log
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.summary()).startsWith("ran ./restart.sh billing to start on target: exit 0 in ");
        assertThat(outcome.details()).containsEntry("exitCode", "0").containsEntry("action", "start");
        assertThat(read(Path.of(outcome.details().get("log.stdout")))).contains("restarted billing");

        // And stop tells the script so
        switcher.stop(context(workspace, target));
        assertThat(load(read(workspace.resolve("got.txt")))).containsEntry("action", "stop");
    }

    @Test
    void aNonZeroExitFailsWithTheLastLinesOfStderrRedacted() throws Exception {
        // Given a script that fails, printing a password on stderr
        script(
                "restart.sh",
                """
                i=1
                while [ $i -le 15 ]; do echo "line $i" >&2; i=$((i+1)); done
                echo "deployment billing not found (password=hunter2secret)" >&2
                exit 3
                """);

        // When it runs
        CutoverException e =
                catchThrowableOfType(CutoverException.class, () -> new CommandSwitcher(List.of("./restart.sh"))
                        .start(context(workspace, target)));

        // Then the action fails naming the command, the exit code and the last lines of stderr, redacted
        assertThat(e.reason()).isEqualTo(Reason.CHECK_FAILED);
        assertThat(e.getMessage())
                .startsWith(
                        "workload 'billing': switch command './restart.sh' (start on target) failed with exit code 3")
                .contains("| line 15", "| deployment billing not found")
                .doesNotContain("| line 5\n")
                .doesNotContain("hunter2secret");
        Path stderr = workspace.resolve(".cutover/state/billing/command/stderr.log");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains(stderr.toString()));
        assertThat(read(stderr)).contains("line 1\n");
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedWithEverythingItStarted() throws Exception {
        // Given a script that starts a child and waits for it
        script("hang.sh", "sleep 300 &\necho $! > child.pid\nwait\n");

        // When it runs with a short timeout
        CutoverException e = catchThrowableOfType(
                CutoverException.class, () -> new CommandSwitcher(List.of("./hang.sh"), Duration.ofSeconds(1))
                        .stop(context(workspace, target)));

        // Then the action fails and the child is gone too
        assertThat(e.reason()).isEqualTo(Reason.CHECK_FAILED);
        assertThat(e.getMessage())
                .startsWith(
                        "workload 'billing': switch command './hang.sh' (stop on target) did not finish within PT1S");
        long child = Long.parseLong(read(workspace.resolve("child.pid")).strip());
        ProcessHandle.of(child).ifPresent(h -> {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception notGone) {
                throw new AssertionError("the command's child " + child + " still runs", notGone);
            }
        });
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void aProgramThatCannotStartIsAConfigError() {
        CutoverException e =
                catchThrowableOfType(CutoverException.class, () -> new CommandSwitcher(List.of("./missing.sh"))
                        .start(context(workspace, target)));
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        assertThat(e.getMessage()).contains("switch command './missing.sh' (start on target) could not be started");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("relative to the workspace"));
    }

    @Test
    void aBareProgramNameIsLookedUpOnThePath() throws Exception {
        SwitchOutcome outcome = new CommandSwitcher(List.of("sh", "-c", "test \"$CUTOVER_ACTION\" = start"))
                .start(context(workspace, profile("source", "bootstrap.servers", "a:1")));
        assertThat(outcome.done()).isTrue();
    }
}
