package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.SchemaIds;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.sample.SchemaIds.Seen;
import dev.cutover.probe.traffic.SchemaPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI gathers the probe's schema check: when it does not run (and says why), and what it checks when it does. */
class ProbeSchemasTest {
    @TempDir
    Path ws;

    private static final String WITH_REGISTRIES =
            """
            version: 1
            clusters:
              source: {properties: {bootstrap.servers: 127.0.0.1:9}, schemaRegistry: {url: "http://127.0.0.1:1"}}
              target: {properties: {bootstrap.servers: 127.0.0.1:8}, schemaRegistry: {url: "http://127.0.0.1:2"}}
            links:
              fwd:
                topics: "orders"
                schemaIds: rewrite
            """;

    @Test
    void withoutRegistriesItIsNotRunAndSaysWhy() throws Exception {
        Workspace w = workspace(
                """
                version: 1
                clusters:
                  source: {properties: {bootstrap.servers: 127.0.0.1:9}}
                  target: {properties: {bootstrap.servers: 127.0.0.1:8}, schemaRegistry: {url: "http://127.0.0.1:2"}}
                """);

        SchemaPlan none = ProbeSchemas.plan(
                w,
                new ConnectionProfile(
                        "target", Map.of("bootstrap.servers", "127.0.0.1:8"), List.of(), Duration.ofSeconds(2)),
                Optional.of(w.profile("source")),
                List.of("orders"),
                sizes(Map.of()));
        SchemaPlan one = ProbeSchemas.plan(
                w, w.profile("target"), Optional.of(w.profile("source")), List.of("orders"), sizes(Map.of()));

        assertThat(none).isEqualTo(new SchemaPlan.NotRun(SchemaPlan.NO_REGISTRIES));
        assertThat(one).isInstanceOfSatisfying(SchemaPlan.NotRun.class, n -> assertThat(n.why())
                .isEqualTo("not run: only profile 'target' names a schemaRegistry; both must (readiness SCHEMA-007)"));
    }

    @Test
    void withoutWireFormatRecordsItIsNotRun() throws Exception {
        Workspace w = workspace(WITH_REGISTRIES);

        SchemaPlan plan = ProbeSchemas.plan(
                w,
                w.profile("target"),
                Optional.of(w.profile("source")),
                List.of("orders"),
                sizes(Map.of("orders", dev.cutover.inventory.sample.SchemaIds.NONE)));

        assertThat(plan).isInstanceOfSatisfying(SchemaPlan.NotRun.class, n -> assertThat(n.why())
                .startsWith("not run: the source's tail sample of orders holds no wire-format record"));
    }

    @Test
    void sampledIdsAreCheckedKeysAndValuesApartWithTheLinkThatCopiesTheirTopic() throws Exception {
        Workspace w = workspace(WITH_REGISTRIES);
        Map<Integer, Seen> values = new TreeMap<>();
        for (int id = 1; id <= 7; id++) {
            values.put(id, new Seen(1, 0, id * 10L));
        }
        var ids = new dev.cutover.inventory.sample.SchemaIds(Map.of(9, new Seen(2, 1, 5)), values, 0, 0);

        SchemaPlan plan = ProbeSchemas.plan(
                w,
                w.profile("target"),
                Optional.of(w.profile("source")),
                List.of("orders", "other"),
                sizes(Map.of("orders", ids)));

        assertThat(plan).isInstanceOfSatisfying(SchemaPlan.Run.class, run -> {
            assertThat(run.ids())
                    .extracting(s -> s.side() + ":" + s.id())
                    .containsExactly("KEY:9", "VALUE:1", "VALUE:2", "VALUE:3", "VALUE:4", "VALUE:5");
            assertThat(run.ids().get(0).seen()).isEqualTo(new SchemaPlan.Location(1, 5));
            assertThat(run.links()).containsEntry("orders", new SchemaPlan.CopiedBy("fwd", SchemaIds.REWRITE));
            assertThat(run.links()).doesNotContainKey("other");
            assertThat(run.unsampled()).containsOnlyKeys("other");
            assertThat(run.map()).isEmpty();
            assertThat(run.mapFile()).isEqualTo(ws.resolve("schemas/source-to-target.json"));
        });
    }

    private Workspace workspace(String cutoverYaml) throws Exception {
        Files.writeString(ws.resolve("cutover.yaml"), cutoverYaml);
        Files.writeString(
                ws.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: billing
                    owner: team-billing
                    roles: [consumer]
                    topics: [orders]
                    match: {groupId: billing}
                """);
        return Workspace.load(ws);
    }

    private static ProbeSample.Sizes sizes(Map<String, dev.cutover.inventory.sample.SchemaIds> ids) {
        Map<String, String> unsampled = new HashMap<>();
        for (String t : List.of("orders", "other")) {
            if (!ids.containsKey(t)) {
                unsampled.put(t, "the source profile cannot see it");
            }
        }
        return new ProbeSample.Sizes(Map.of(), Map.of(), Map.of(), ids, unsampled);
    }
}
