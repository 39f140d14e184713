package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switch:} in workloads.yaml: how a workload's client is moved. */
class WorkloadSwitchYamlTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeConfig() {
        WorkspaceFiles.write(
                dir, "cutover.yaml", "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: a:1}}\n");
    }

    private WorkloadManifest load(String switchSection) {
        WorkspaceFiles.write(dir, "workloads.yaml", workloads(switchSection));
        return Workspace.load(dir).workloads();
    }

    private CutoverException fail(String switchSection) {
        WorkspaceFiles.write(dir, "workloads.yaml", workloads(switchSection));
        CutoverException e = catchThrowableOfType(CutoverException.class, () -> Workspace.load(dir));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        return e;
    }

    /** A workload named billing; {@code switchSection} starts at line 6, indented by four spaces. */
    private static String workloads(String switchSection) {
        return "version: 1\nworkloads:\n  - name: billing\n    owner: team-billing\n    roles: [consumer]\n"
                + switchSection + "    match: {groupId: billing}\n";
    }

    private String at(int line, int column) {
        return dir.resolve("workloads.yaml") + ":" + line + ":" + column;
    }

    @Test
    void fileAndCommandCombine() {
        Workload billing =
                load("""
                    switch:
                      file: apps/billing/client.properties
                      command: [./restart.sh, billing]
                """)
                        .find("billing")
                        .orElseThrow();

        assertThat(billing.switchSpec())
                .contains(new SwitchSpec(
                        Optional.of("apps/billing/client.properties"),
                        List.of("./restart.sh", "billing"),
                        Optional.empty()));
    }

    @Test
    void eachAloneAndNone() {
        assertThat(load("    switch: {file: apps/billing/application.yml}\n")
                        .find("billing")
                        .orElseThrow()
                        .switchSpec())
                .contains(SwitchSpec.ofFile("apps/billing/application.yml"));
        assertThat(load("    switch:\n      command:\n        - kubectl\n        - rollout\n")
                        .find("billing")
                        .orElseThrow()
                        .switchSpec())
                .contains(SwitchSpec.ofCommand(List.of("kubectl", "rollout")));
        assertThat(load("    switch: {manual: \"ask team-billing to redeploy billing\"}\n")
                        .find("billing")
                        .orElseThrow()
                        .switchSpec())
                .contains(SwitchSpec.ofManual("ask team-billing to redeploy billing"));
        assertThat(load("").find("billing").orElseThrow().switchSpec()).isEmpty();
    }

    @Test
    void manualExcludesFileAndCommand() {
        CutoverException e = fail(
                """
                    switch:
                      file: apps/billing/client.properties
                      manual: ask team-billing
                """);
        assertThat(e.getMessage())
                .startsWith(at(8, 15) + ": workloads[0].switch.manual: 'manual' cannot be combined with 'file' or"
                        + " 'command'")
                .contains("keep 'manual' alone");
    }

    @Test
    void unknownKeysSuggestTheClosest() {
        CutoverException e = fail("    switch:\n      comand: [./restart.sh]\n");
        assertThat(e.getMessage())
                .startsWith(at(7, 7) + ": workloads[0].switch.comand: unknown key 'comand'")
                .contains("did you mean 'command'?")
                .contains("file, command, manual");
    }

    @Test
    void commandMustBeANonEmptyList() {
        assertThat(fail("    switch:\n      command: []\n").getMessage())
                .startsWith(at(7, 16) + ": workloads[0].switch.command: the command is an empty list");
        assertThat(fail("    switch:\n      command: ./restart.sh billing\n").getMessage())
                .startsWith(at(7, 16) + ": workloads[0].switch.command: expected a list (the command's argv)")
                .contains("command: [./restart.sh, billing]");
        assertThat(fail("    switch:\n      command: [./restart.sh, \"\"]\n").getMessage())
                .contains("workloads[0].switch.command[1]: an empty argument");
    }

    @Test
    void emptySwitchAndUnknownFileTypeAreRejected() {
        assertThat(fail("    switch: {}\n").getMessage())
                .startsWith(at(6, 13) + ": workloads[0].switch: switch has no switcher")
                .contains("file:", "command:", "manual:");
        assertThat(fail("    switch: {file: apps/billing/client.json}\n").getMessage())
                .startsWith(at(6, 20) + ": workloads[0].switch.file: 'apps/billing/client.json' is neither a"
                        + " .properties nor a YAML file")
                .contains("use 'command:'");
    }

    @Test
    void theRecordKeepsItsRules() {
        assertThatThrownBy(() -> new SwitchSpec(Optional.of("a.properties"), List.of(), Optional.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SwitchSpec(Optional.empty(), List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SwitchSpec.ofManual("call alice, password=hunter2").manual())
                .hasValueSatisfying(m -> assertThat(m).doesNotContain("hunter2"));
        assertThat(SwitchSpec.isYaml("a/B.YML")).isTrue();
        assertThat(SwitchSpec.isYaml("a/b.properties")).isFalse();
    }
}
