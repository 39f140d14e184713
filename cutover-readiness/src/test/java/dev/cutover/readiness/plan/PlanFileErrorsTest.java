package dev.cutover.readiness.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.config.yaml.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan.yaml mistakes: each one an exit-2 error naming file:line:column and the fix. */
class PlanFileErrorsTest {
    @TempDir
    Path dir;

    private static final String RISKS =
            """
            risks:
              billing: {level: medium, reasons: [x]}
              payments: {level: high, reasons: [y]}
            """;

    private InvalidConfigException read(String text) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, text);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> PlanFile.read(file));
        assertThat(t).isInstanceOf(InvalidConfigException.class);
        InvalidConfigException e = (InvalidConfigException) t;
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith(file.toString() + ":");
        return e;
    }

    @Test
    void unknownPatternSuggestsTheClosest() throws Exception {
        InvalidConfigException e = read(
                """
                version: 1
                waves:
                  - name: wave-1
                    pattern: consumer-frist
                    workloads: [billing]
                """
                        + RISKS);
        assertThat(e.location().line()).isEqualTo(4);
        assertThat(e.location().column()).isEqualTo(14);
        assertThat(e.getMessage())
                .contains("waves[0].pattern", "unknown value 'consumer-frist'", "did you mean 'consumer-first'");
    }

    @Test
    void aWorkloadInTwoWavesNamesBothPlaces() throws Exception {
        InvalidConfigException e = read(
                """
                version: 1
                waves:
                  - name: wave-1
                    pattern: consumer-first
                    workloads:
                      - billing
                  - name: wave-2
                    pattern: endpoint-switch
                    workloads:
                      - payments
                      - billing
                """
                        + RISKS);
        assertThat(e.location().line()).isEqualTo(11);
        assertThat(e.getMessage()).contains("workload 'billing' is already in wave-1 (line 6)");
    }

    @Test
    void unknownWorkloadSuggestsTheClosest() throws Exception {
        InvalidConfigException e = read(
                """
                version: 1
                waves:
                  - name: wave-1
                    pattern: consumer-first
                    workloads:
                      - biling
                """
                        + RISKS);
        assertThat(e.location().line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("unknown workload 'biling'", "did you mean 'billing'");
    }

    @Test
    void unknownWorkloadOnUpdateIsCheckedAgainstTheCurrentWorkloads() throws Exception {
        Path file = dir.resolve("plan.yaml");
        Plan plan = PlanFileTest.plan(PlanFileTest.wave("wave-1", CutoverPattern.CONSUMER_FIRST, "billing"));
        PlanFile.update(file, plan);
        PlanFileTest.edit(file, "      - billing\n", "      - billing\n      - paymnts\n");
        Plan fresh = PlanFileTest.plan(
                PlanFileTest.wave("wave-1", CutoverPattern.CONSUMER_FIRST, "billing"),
                PlanFileTest.wave("wave-2", CutoverPattern.ENDPOINT_SWITCH, "payments"));
        assertThatThrownBy(() -> PlanFile.update(file, fresh))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("plan.yaml:21:9") // below the 11-line header
                .hasMessageContaining("did you mean 'payments'");
    }

    @Test
    void aNewWorkloadPlacedByHandIsKnownWhenTheCallerSaysSo() throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(
                file,
                """
                version: 1
                waves:
                  - name: wave-1
                    pattern: consumer-first
                    workloads: [billing, search]
                """
                        + RISKS);
        assertThat(PlanFile.read(file, List.of("search"))
                        .orElseThrow()
                        .waves()
                        .get(0)
                        .workloads())
                .containsExactly("billing", "search");
    }

    @Test
    void unknownKeySuggestsTheClosest() throws Exception {
        InvalidConfigException e = read(
                """
                version: 1
                waves:
                  - name: wave-1
                    pattern: linked
                    onwer: alice
                    workloads: [billing]
                """);
        assertThat(e.location().line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("unknown key 'onwer'", "did you mean 'owner'");
    }

    @Test
    void duplicateWaveNames() throws Exception {
        InvalidConfigException e = read(
                """
                version: 1
                waves:
                  - name: wave-1
                    pattern: linked
                  - name: wave-1
                    pattern: linked
                """);
        assertThat(e.location().line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("duplicate wave name 'wave-1' (first at line 3)");
    }

    @Test
    void versionAndSyntax() throws Exception {
        assertThat(read("version: 2\nwaves: []\n").getMessage()).contains("unsupported version '2'");
        assertThat(read("version: 1\nwaves:\n  - name: [\n").getMessage()).contains("malformed YAML");
        assertThat(read("waves: []\n").getMessage()).contains("required key 'version'");
    }

    @Test
    void anEmptyOwnerIsNoOwner() throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(
                file,
                """
                version: 1
                waves:
                  - name: w
                    pattern: linked
                    owner:
                    workloads: [billing]
                """);
        assertThat(PlanFile.read(file).orElseThrow().waves())
                .containsExactly(new Wave(
                        "w",
                        1,
                        CutoverPattern.LINKED,
                        "set by hand in plan.yaml",
                        List.of("billing"),
                        Optional.empty()));
    }
}
