package dev.cutover.orchestrator.switching;

import static dev.cutover.orchestrator.switching.SwitchFixtures.context;
import static dev.cutover.orchestrator.switching.SwitchFixtures.profile;
import static dev.cutover.orchestrator.switching.SwitchFixtures.read;
import static dev.cutover.orchestrator.switching.SwitchFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.SwitchSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Switchers.of: what each switch: declaration builds, and file + command in order. */
class SwitchersTest {
    @TempDir
    Path workspace;

    private final ConnectionProfile target = profile("target", "bootstrap.servers", "target-1:9093");

    @Test
    void eachDeclarationBuildsItsSwitcher() {
        assertThat(Switchers.of(SwitchSpec.ofFile("a.properties"))).isInstanceOf(FileSwitcher.class);
        assertThat(Switchers.of(SwitchSpec.ofCommand(List.of("./x")))).isInstanceOf(CommandSwitcher.class);
        assertThat(Switchers.of(SwitchSpec.ofManual("ask them"))).isInstanceOf(ManualSwitcher.class);
        assertThat(Switchers.of(SwitchSpec.ofFileAndCommand("a.yml", List.of("./x"))))
                .isInstanceOf(CombinedSwitcher.class);
    }

    @Test
    void fileAndCommandRewriteThenRestartAndStopOnlyRunsTheCommand() throws Exception {
        // Given a client file and a restart script that records what the file said when it ran
        Path file = write(workspace, "apps/billing/client.properties", "bootstrap.servers=source-1:9092\n");
        Path script = write(
                workspace,
                "restart.sh",
                "#!/bin/sh\necho \"$CUTOVER_ACTION: $(grep bootstrap apps/billing/client.properties)\" >> seen.txt\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Switcher switcher =
                Switchers.of(SwitchSpec.ofFileAndCommand("apps/billing/client.properties", List.of("./restart.sh")));

        // When the workload is stopped, then started on the target
        SwitchOutcome stop = switcher.stop(context(workspace, profile("source", "bootstrap.servers", "source-1:9092")));
        SwitchOutcome start = switcher.start(context(workspace, target));

        // Then stop ran the command on the unchanged file, and start rewrote the file before running it
        assertThat(read(workspace.resolve("seen.txt")))
                .isEqualTo("stop: bootstrap.servers=source-1:9092\nstart: bootstrap.servers=target-1:9093\n");
        assertThat(read(file)).isEqualTo("bootstrap.servers=target-1:9093\n");
        assertThat(stop.details()).containsEntry("action", "stop");
        assertThat(start.done()).isTrue();
        assertThat(start.summary())
                .startsWith("rewrote apps/billing/client.properties for target")
                .contains("; then ran ./restart.sh");
        assertThat(start.details()).containsEntry("file.changed", "yes").containsEntry("command.exitCode", "0");
    }

    @Test
    void aFailedRewriteRunsNoCommand() throws Exception {
        Switcher switcher =
                Switchers.of(SwitchSpec.ofFileAndCommand("apps/missing.properties", List.of("./restart.sh")));
        assertThat(catchThrowableOfType(CutoverException.class, () -> switcher.start(context(workspace, target))))
                .hasMessageContaining("missing.properties does not exist");
        assertThat(workspace.resolve(".cutover/state/billing/command")).doesNotExist();
    }

    @Test
    void manualWaitsWithTheInstructionTheClusterAndItsBootstrapServers() throws InterruptedException {
        Switcher manual = Switchers.of(SwitchSpec.ofManual("ask team-billing to redeploy billing"));

        SwitchOutcome start = manual.start(context(workspace, target));
        SwitchOutcome stop = manual.stop(context(workspace, profile("source", "bootstrap.servers", "source-1:9092")));

        assertThat(start.done()).isFalse();
        assertThat(start.summary())
                .isEqualTo("point workload 'billing' at target (bootstrap.servers target-1:9093) and start it there:"
                        + " ask team-billing to redeploy billing. Then run 'cutover wave resume' for wave wave-2.");
        assertThat(stop.done()).isFalse();
        assertThat(stop.summary())
                .startsWith("stop workload 'billing' where it runs now (source, bootstrap.servers"
                        + " source-1:9092): ask team-billing to redeploy billing.");
    }
}
