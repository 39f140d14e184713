package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import dev.cutover.readiness.plan.CutoverPattern;
import dev.cutover.readiness.plan.Wave;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a wave resolves its workloads into moves, from workloads.yaml and what the source shows (no cluster asked). */
class WaveMovesTest {
    @TempDir
    Path ws;

    private static final SourceView SOURCE = new SourceView(
            List.of("counts", "enricher", "connect-cluster", "connect-file-sink", "shipping"),
            Set.of("connect-cluster"),
            List.of(
                    "orders",
                    "counts.out",
                    "enriched",
                    "lines",
                    "counts-store-changelog",
                    "counts-by-key-repartition",
                    "connect-cluster-configs",
                    "connect-cluster-offsets",
                    "connect-cluster-status"));

    private Map<String, WorkloadMove> resolve(String profiles, String workloads, String... wave) throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source:\n    properties: {bootstrap.servers: 'a:1'}\n" + profiles
                        + "  target:\n    properties: {bootstrap.servers: 'b:1'}\n" + profiles);
        Files.writeString(ws.resolve("workloads.yaml"), "version: 1\nworkloads:\n" + workloads);
        Wave w = new Wave("w", 1, CutoverPattern.LINKED, "test", List.of(wave), Optional.empty());
        return WaveMoves.resolve(Workspace.load(ws), w, SOURCE).stream()
                .collect(Collectors.toMap(WorkloadMove::name, Function.identity()));
    }

    private static final String SWITCH = ", switch: {command: [./restart.sh]}}\n";

    @Test
    void aStreamsApplicationMovesItsWritesAndItsInternalTopics() throws Exception {
        Map<String, WorkloadMove> moves = resolve(
                "",
                "  - {name: counts, owner: t, roles: [streams], topics: [orders, counts.out], writes: [counts.out],"
                        + " match: {groupId: counts}" + SWITCH
                        + "  - {name: nowrites, owner: t, roles: [streams], topics: [orders], match: {groupId: counts}"
                        + SWITCH
                        + "  - {name: reset, owner: t, roles: [streams], topics: [orders], writes: [],"
                        + " offsets: reset-latest, match: {groupId: counts}" + SWITCH,
                "counts",
                "nowrites",
                "reset");
        WorkloadMove counts = moves.get("counts");
        assertThat(counts.kind()).isEqualTo(WorkloadMove.Kind.PROCESSOR);
        assertThat(counts.blocked()).isEmpty();
        assertThat(counts.groups()).containsExactly("counts");
        assertThat(counts.written())
                .containsExactly("counts-by-key-repartition", "counts-store-changelog", "counts.out");
        assertThat(counts.steps()).isEqualTo(Steps.PROCESSOR);
        assertThat(moves.get("nowrites").blocked()).get().asString().contains("writes: in workloads.yaml must say");
        assertThat(moves.get("reset").blocked())
                .get()
                .asString()
                .contains("offsets: reset-latest would replay or skip");
    }

    @Test
    void aReadProcessWriteApplicationMovesItsDeclaredWritesOnlyAndItsWritersMoveTogether() throws Exception {
        String enricher = "  - {name: enricher, owner: t, roles: [consumer, producer], topics: [orders, enriched],"
                + " writes: [enriched], match: {groupId: enricher}" + SWITCH;
        String other =
                "  - {name: other, owner: t, roles: [producer], topics: [enriched], match: {clientId: o}" + SWITCH;
        WorkloadMove alone = resolve("", enricher + other, "enricher").get("enricher");
        assertThat(alone.kind()).isEqualTo(WorkloadMove.Kind.PROCESSOR);
        assertThat(alone.written()).containsExactly("enriched");
        assertThat(alone.blocked()).get().asString().contains("other (enriched) also write(s) its topics");
        assertThat(resolve("", enricher + other, "enricher", "other")
                        .get("enricher")
                        .blocked())
                .isEmpty();
    }

    @Test
    void connectWorkersSplitTheirGroupsAndNeedTheirRestUrl() throws Exception {
        String connect = "  - {name: pipeline, owner: t, roles: [connect], topics: [lines], writes: [lines],"
                + " match: {groupId: [connect-cluster, connect-file-sink]}" + SWITCH;
        WorkloadMove withoutUrl = resolve("", connect, "pipeline").get("pipeline");
        assertThat(withoutUrl.kind()).isEqualTo(WorkloadMove.Kind.CONNECT);
        assertThat(withoutUrl.blocked()).get().asString().contains("the source profile has no connect: URL");

        WorkloadMove move = resolve("    connect: http://localhost:8083\n", connect, "pipeline")
                .get("pipeline");
        assertThat(move.blocked()).isEmpty();
        assertThat(move.workers()).containsExactly("connect-cluster");
        assertThat(move.groups()).containsExactly("connect-file-sink");
        assertThat(move.written())
                .containsExactly(
                        "connect-cluster-configs", "connect-cluster-offsets", "connect-cluster-status", "lines");
        assertThat(move.steps()).isEqualTo(Steps.CONNECT);
        assertThat(WaveMoves.planFigures(List.of(move), "default"))
                .containsEntry("workers.pipeline", "connect-cluster")
                .containsEntry("groups.pipeline", "connect-file-sink");

        String noWorkers = "  - {name: sinks, owner: t, roles: [connect], topics: [lines], writes: [],"
                + " match: {groupId: connect-file-sink}" + SWITCH;
        assertThat(resolve("    connect: http://localhost:8083\n", noWorkers, "sinks")
                        .get("sinks")
                        .blocked())
                .get()
                .asString()
                .contains("no Kafka Connect workers' group (protocol connect)");
    }
}
