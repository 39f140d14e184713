package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadsYamlTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeConfig() {
        WorkspaceFiles.write(
                dir, "cutover.yaml", "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: a:1}}\n");
    }

    private CutoverException load(String yaml) {
        WorkspaceFiles.write(dir, "workloads.yaml", yaml);
        CutoverException e = catchThrowableOfType(CutoverException.class, () -> Workspace.load(dir));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        return e;
    }

    private String at(int line, int column) {
        return dir.resolve("workloads.yaml") + ":" + line + ":" + column;
    }

    @Test
    void duplicateNamesAreRejected() {
        CutoverException e = load(
                """
                version: 1
                workloads:
                  - name: a
                    owner: x
                    roles: [producer]
                    match: {clientId: a}
                  - name: a
                    owner: y
                    roles: [consumer]
                    match: {groupId: a}
                """);
        assertThat(e.getMessage())
                .startsWith(at(7, 5) + ": workloads[1].name: duplicate workload name 'a' (first at line 3)");
    }

    @Test
    void unknownRoleSuggestsTheClosest() {
        CutoverException e = load(
                """
                version: 1
                workloads:
                  - name: a
                    owner: x
                    roles: [producr]
                    match: {clientId: a}
                """);
        assertThat(e.getMessage())
                .startsWith(at(5, 12) + ": workloads[0].roles: unknown value 'producr'")
                .contains("did you mean 'producer'?")
                .contains("producer, consumer, streams, connect, admin");
    }

    @Test
    void unknownToleranceAndUnknownMatchKey() {
        CutoverException tolerance = load(
                """
                version: 1
                workloads:
                  - name: a
                    owner: x
                    roles: consumer
                    duplicateTolerance: replay
                    match: {groupId: a}
                """);
        assertThat(tolerance.getMessage())
                .startsWith(at(6, 25) + ": workloads[0].duplicateTolerance: unknown value 'replay'")
                .contains("none, idempotent-downstream, replay-ok");

        CutoverException match = load(
                """
                version: 1
                workloads:
                  - name: a
                    owner: x
                    roles: [consumer]
                    match:
                      group: a
                """);
        assertThat(match.getMessage())
                .startsWith(at(7, 7) + ": workloads[0].match.group: unknown key 'group'")
                .contains("did you mean 'groupId'?");
    }

    @Test
    void missingFieldsAndEmptyMatch() {
        assertThat(load("version: 1\nworkloads:\n  - name: a\n    roles: [admin]\n    match: {clientId: a}\n")
                        .getMessage())
                .startsWith(at(3, 5) + ": workloads[0].owner: required key 'owner' is missing");
        assertThat(load("version: 1\nworkloads:\n  - name: a\n    owner: b\n    roles: [admin]\n    match: {}\n")
                        .getMessage())
                .startsWith(at(6, 12) + ": workloads[0].match: match has no criteria");
        assertThat(load("version: 1\nworkloads:\n  - {name: a, owner: b, roles: [admin], match: {principal: bob}}\n")
                        .getMessage())
                .contains("workloads[0].match.principal: principal 'bob' has no type")
                .contains("User:bob");
    }

    @Test
    void emptyFileIsAnEmptyManifest() {
        WorkspaceFiles.write(dir, "workloads.yaml", "# nothing yet\n");
        assertThat(Workspace.load(dir).workloads()).isEqualTo(WorkloadManifest.empty());
        WorkspaceFiles.write(dir, "workloads.yaml", "version: 1\nworkloads:\n");
        assertThat(Workspace.load(dir).workloads().workloads()).isEmpty();
    }

    @Test
    void globsMatch() {
        assertThat(Glob.matches("orders-tx-*", "orders-tx-12")).isTrue();
        assertThat(Glob.matches("orders-tx-*", "orders-tx")).isFalse();
        assertThat(Glob.matches("a.b?", "a.bc")).isTrue();
        assertThat(Glob.matches("a.b", "aXb")).isFalse();
    }

    @Test
    void offsetDecisionIsOptionalAndValidated() {
        WorkspaceFiles.write(
                dir,
                "workloads.yaml",
                """
                version: 1
                workloads:
                  - {name: a, owner: x, roles: [consumer], offsets: replay-from-earliest, match: {groupId: a}}
                  - {name: b, owner: x, roles: [consumer], match: {groupId: b}}
                """);
        WorkloadManifest manifest = Workspace.load(dir).workloads();
        assertThat(manifest.find("a").orElseThrow().offsets()).contains(OffsetDecision.REPLAY_FROM_EARLIEST);
        assertThat(manifest.find("b").orElseThrow().offsets()).isEmpty();

        CutoverException e = load(
                """
                version: 1
                workloads:
                  - name: a
                    owner: x
                    roles: [consumer]
                    offsets: translat
                    match: {groupId: a}
                """);
        assertThat(e.getMessage())
                .startsWith(at(6, 14) + ": workloads[0].offsets: unknown value 'translat'")
                .contains("did you mean 'translate'?")
                .contains("translate, reset-to-time, replay-from-earliest, reset-latest");
    }

    @Test
    void writesAreOptionalAndMustBeAmongTheTopics() {
        WorkspaceFiles.write(
                dir,
                "workloads.yaml",
                """
                version: 1
                workloads:
                  - {name: a, owner: x, roles: [streams], topics: [in, out], writes: [out], match: {groupId: a}}
                  - {name: b, owner: x, roles: [streams], topics: [in], writes: [], match: {groupId: b}}
                  - {name: c, owner: x, roles: [consumer], topics: [in], match: {groupId: c}}
                """);
        WorkloadManifest manifest = Workspace.load(dir).workloads();
        assertThat(manifest.find("a").orElseThrow().writes()).contains(java.util.List.of("out"));
        assertThat(manifest.find("b").orElseThrow().writes()).contains(java.util.List.of());
        assertThat(manifest.find("c").orElseThrow().writes()).isEmpty();

        CutoverException e = load(
                """
                version: 1
                workloads:
                  - name: a
                    owner: x
                    roles: [streams]
                    topics: [in]
                    writes: [in, out]
                    match: {groupId: a}
                """);
        assertThat(e.getMessage())
                .startsWith(at(7, 13) + ": workloads[0].writes: 'out' is under writes: but not under topics:")
                .contains("add 'out' to topics: as well");
    }

    @Test
    void maxEvidenceAgeIsReadFromCutoverYaml() {
        assertThat(Workspace.load(dir).config().readiness().maxEvidenceAge()).isEqualTo(java.time.Duration.ofDays(30));
        WorkspaceFiles.write(
                dir,
                "cutover.yaml",
                "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: a:1}}\nreadiness:\n"
                        + "  maxEvidenceAge: 7d\n");
        assertThat(Workspace.load(dir).config().readiness().maxEvidenceAge()).isEqualTo(java.time.Duration.ofDays(7));
        WorkspaceFiles.write(
                dir,
                "cutover.yaml",
                "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: a:1}}\nreadiness:\n"
                        + "  maxEvidenceAge: soon\n");
        CutoverException e = catchThrowableOfType(CutoverException.class, () -> Workspace.load(dir));
        assertThat(e.getMessage()).contains("readiness.maxEvidenceAge: 'soon' is not a positive duration");
    }
}
