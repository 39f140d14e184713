package dev.cutover.schemas.sync;

import static dev.cutover.schemas.sync.RegistryFixtures.client;
import static dev.cutover.schemas.sync.RegistryFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Progress;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.sync.SyncReport.Action;
import dev.cutover.schemas.sync.SyncReport.IdOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explicit-id path of {@code schemas sync}: a target in IMPORT mode keeps the source's ids where they are free,
 * and a source id the target holds for another schema is registered under a free id and mapped (a conflict). Apicurio
 * 3.3.3 accepts IMPORT mode but ignores explicit ids, so this runs against {@link MiniRegistry}, a minimal in-test
 * server that speaks only the part of the API sync uses and honours explicit ids as Confluent's registry does; the
 * rest of sync is tested against real registries ({@link SchemaSyncIT}). It also shows a refusal: the refused version
 * and the one referencing it are reported, the others written, and the map holds only what succeeded.
 */
class ExplicitIdSyncTest {
    @TempDir
    Path workspace;

    MiniRegistry sourceServer;
    MiniRegistry targetServer;

    @BeforeEach
    void start() {
        sourceServer = new MiniRegistry(false);
        targetServer = new MiniRegistry(true);
    }

    @AfterEach
    void stop() {
        sourceServer.close();
        targetServer.close();
    }

    @Test
    void keepsFreeIdsInImportModeMapsTakenOnesAndReportsARefusalWithoutStoppingTheOthers() {
        // Given: source ids 1..6; the target in IMPORT mode holds another schema under id 2
        RegistryClient source = client("source", sourceServer.url());
        RegistryClient target = client("target", targetServer.url());
        register(source, "a", "\"a1\"");
        register(source, "a", "\"a2\"");
        register(source, "b", "\"b1\"", new SchemaReference("A", "a", 1));
        register(source, "c", "\"REFUSE c1\"");
        register(source, "d", "\"d1\"", new SchemaReference("C", "c", 1));
        register(source, "e", "\"e1\"");
        targetServer.mode("IMPORT");
        target.register("other", Schema.avro("\"other\""), OptionalInt.of(2), OptionalInt.empty());

        // When
        SyncReport report = new SchemaSync(source, target)
                .run(new SyncRequest("source", "target", workspace, Pattern.compile(".*"), false), Progress.none());

        // Then: free ids kept, the taken one mapped above every id seen, the refusal and its dependant reported
        assertThat(outcome(report, "a", 1)).isEqualTo(IdOutcome.KEPT);
        assertThat(outcome(report, "a", 2)).isEqualTo(IdOutcome.CONFLICT);
        assertThat(outcome(report, "b", 1)).isEqualTo(IdOutcome.KEPT);
        assertThat(outcome(report, "e", 1)).isEqualTo(IdOutcome.KEPT);
        assertThat(result(report, "c", 1).orElseThrow().action()).isEqualTo(Action.REFUSED);
        assertThat(result(report, "c", 1).orElseThrow().problem())
                .hasValueSatisfying(p -> assertThat(p).contains("error 42201", "Invalid schema"));
        assertThat(result(report, "d", 1).orElseThrow().action()).isEqualTo(Action.SKIPPED);
        assertThat(result(report, "d", 1).orElseThrow().problem()).hasValue("references c v1, which was not synced");
        assertThat(report.exitCode()).isEqualTo(1);
        Map<Integer, Integer> expected = Map.of(1, 1, 2, 7, 3, 3, 6, 6);
        assertThat(report.ids()).isEqualTo(expected);
        assertThat(IdMap.load(workspace, "source", "target").orElseThrow().ids())
                .isEqualTo(expected);
        // every entry resolves on the target to the source's schema; references point at the target's copy
        expected.forEach((s, t) -> {
            Schema src = source.schemaById(s).orElseThrow();
            Schema dst = target.schemaById(t).orElseThrow();
            assertThat(dst.text()).isEqualTo(src.text());
            assertThat(dst.references()).isEqualTo(src.references());
        });
        assertThat(target.schemaById(2).orElseThrow().text()).isEqualTo("\"other\"");
        assertThat(target.version("b", 1).orElseThrow().schema().references())
                .containsExactly(new SchemaReference("A", "a", 1));
        String md = SyncReportMarkdown.render(report);
        assertThat(md)
                .contains("**Partly refused**", "conflict: id taken on the target, mapped", "kept (IMPORT)", "2 → 7");
        assertThat(SyncReportJson.render(report)).contains("\"ids\" : \"conflict\"", "\"exitCode\" : 1");
    }

    private static void register(RegistryClient registry, String subject, String text, SchemaReference... refs) {
        registry.register(
                subject, new Schema(Schema.AVRO, text, List.of(refs)), OptionalInt.empty(), OptionalInt.empty());
    }

    private static IdOutcome outcome(SyncReport report, String subject, int version) {
        return result(report, subject, version).orElseThrow().idOutcome();
    }
}
