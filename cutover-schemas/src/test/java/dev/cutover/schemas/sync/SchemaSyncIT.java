package dev.cutover.schemas.sync;

import static dev.cutover.schemas.sync.RegistryFixtures.assertMapExact;
import static dev.cutover.schemas.sync.RegistryFixtures.assertTargetHoldsTheSource;
import static dev.cutover.schemas.sync.RegistryFixtures.client;
import static dev.cutover.schemas.sync.RegistryFixtures.field;
import static dev.cutover.schemas.sync.RegistryFixtures.optional;
import static dev.cutover.schemas.sync.RegistryFixtures.record;
import static dev.cutover.schemas.sync.RegistryFixtures.register;
import static dev.cutover.schemas.sync.RegistryFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Progress;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.schemas.IdMap;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.RegistrySnapshot;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SchemaReference;
import dev.cutover.schemas.sync.SyncReport.Action;
import dev.cutover.schemas.sync.SyncReport.IdOutcome;
import dev.cutover.schemas.sync.SyncReport.MapWrite;
import dev.cutover.testkit.registry.RegistriesExtension;
import dev.cutover.testkit.registry.Registry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schemas sync} between two real registries (Apicurio Registry 3.3.3 in child processes). The source holds
 * subjects with several versions, an Avro record referencing another subject's named type, a soft-deleted version, a
 * subject level that differs from the global level, and one schema in two subjects; the target already holds other
 * schemas under the ids the source uses, another version of a synced subject and a subject of its own. Apicurio
 * ignores explicit ids (IMPORT mode), so this exercises the id map; {@link ExplicitIdSyncTest} covers kept ids.
 */
@ExtendWith(RegistriesExtension.class)
class SchemaSyncIT {
    static final List<String> ESTATE =
            List.of("common-address", "customers-copy-value", "customers-value", "orders-value", "payments-value");

    @TempDir
    Path workspace;

    RegistryClient source;
    RegistryClient target;

    @BeforeEach
    void emptyRegistries(@Registry("source") ApicurioRegistry src, @Registry("target") ApicurioRegistry dst) {
        RegistryFixtures.empty(src.url());
        RegistryFixtures.empty(dst.url());
        source = client("source", src.url());
        target = client("target", dst.url());
        source.setCompatibility(Optional.empty(), "NONE");
        target.setCompatibility(Optional.empty(), "NONE");
    }

    @Test
    void copiesEveryVersionReferenceSoftDeleteAndLevelOntoATargetWhoseIdsAreTakenAndMapsEveryIdExactly() {
        // Given
        seedSource();
        seedTarget();
        RegistrySnapshot targetBefore = RegistrySnapshot.read(target, n -> true);
        Map<Integer, Schema> takenOnTarget = new java.util.TreeMap<>();
        RegistrySnapshot.read(source, n -> true).allVersions().forEach(v -> target.schemaById(v.id())
                .filter(s -> !s.text().equals(v.schema().text()))
                .ifPresent(s -> takenOnTarget.put(v.id(), s)));
        assertThat(takenOnTarget)
                .as("source ids the target holds for other schemas")
                .isNotEmpty();

        // When: a dry run
        SyncReport dry = sync(".*", true);

        // Then: it plans every version, writes nothing and stores no map
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.subjects()).extracting(SyncReport.SubjectResult::subject).containsExactlyElementsOf(ESTATE);
        assertThat(dry.subjects().stream().flatMap(s -> s.versions().stream()))
                .allMatch(v -> v.action() == Action.WOULD_REGISTER || v.action() == Action.PRESENT);
        assertThat(dry.global().after()).isEqualTo("BACKWARD");
        assertThat(RegistrySnapshot.read(target, n -> true)).isEqualTo(targetBefore);
        assertThat(IdMap.file(workspace, "source", "target")).doesNotExist();
        assertThat(dry.map().write()).isEqualTo(MapWrite.NOT_WRITTEN);

        // When: the sync
        SyncReport report = sync(".*", false);

        // Then: every version is there as the source has it, and every map entry is exact
        assertThat(report.failed()).isZero();
        RegistrySnapshot sourceAfter = RegistrySnapshot.read(source, n -> true);
        RegistrySnapshot targetAfter = RegistrySnapshot.read(target, n -> true);
        assertTargetHoldsTheSource(report, sourceAfter, targetAfter, ESTATE);
        IdMap map = IdMap.load(workspace, "source", "target").orElseThrow();
        assertThat(map.ids().keySet())
                .containsExactlyInAnyOrderElementsOf(sourceAfter.allVersions().stream()
                        .map(v -> v.id())
                        .distinct()
                        .toList());
        assertMapExact(map.ids(), source, target);
        takenOnTarget
                .keySet()
                .forEach(id -> assertThat(map.target(id)).as("taken id " + id).isNotEqualTo(id));
        assertThat(result(report, "payments-value", 2).orElseThrow().softDeleted())
                .isTrue();
        assertThat(result(report, "customers-value", 1).orElseThrow().targetVersion())
                .hasValue(2);
        // what only the target holds is left as it was
        assertThat(report.onlyOnTarget()).containsExactly("legacy-value");
        assertThat(report.subjects().stream().filter(s -> s.subject().equals("customers-value")))
                .singleElement()
                .satisfies(s -> assertThat(s.onlyOnTarget()).containsExactly(1));
        assertThat(targetAfter.subjects().get("legacy-value").versions())
                .isEqualTo(targetBefore.subjects().get("legacy-value").versions());
        assertThat(targetAfter.subjects().get("legacy-value").compatibility()).isEqualTo("NONE");
        assertThat(report.pinned()).extracting(l -> l.subject().orElseThrow()).contains("legacy-value");
        assertThat(report.map().write()).isEqualTo(MapWrite.WRITTEN);

        // When: again
        SyncReport again = sync(".*", false);

        // Then: nothing to change, and it says so
        assertThat(again.changes()).isZero();
        assertThat(again.exitCode()).isZero();
        assertThat(again.subjects().stream().flatMap(s -> s.versions().stream()))
                .allMatch(v -> v.action() == Action.PRESENT && !v.softDeleted());
        assertThat(again.map().write()).isEqualTo(MapWrite.UNCHANGED);
        assertThat(RegistrySnapshot.read(target, n -> true)).isEqualTo(targetAfter);
        assertThat(SyncReportMarkdown.render(again)).contains("Nothing to change");
        assertThat(IdMap.load(workspace, "source", "target").orElseThrow()).isEqualTo(map);
    }

    @Test
    void aSubjectsFilterSyncsTheSubjectsItMatchesAndThoseTheyReference() {
        // Given
        seedSource();

        // When
        SyncReport report = sync("orders-.*", false);

        // Then
        assertThat(report.subjects())
                .extracting(SyncReport.SubjectResult::subject)
                .containsExactly("common-address", "orders-value");
        assertThat(report.subjects().get(0).referencedBy()).containsExactly("orders-value");
        assertThat(report.subjects().get(1).referencedBy()).isEmpty();
        assertThat(SyncReportMarkdown.render(report)).contains("synced because orders-value reference it");
        assertThat(target.subjects(true)).containsExactlyInAnyOrder("common-address", "orders-value");
        assertTargetHoldsTheSource(
                report,
                RegistrySnapshot.read(source, n -> true),
                RegistrySnapshot.read(target, n -> true),
                List.of("common-address", "orders-value"));
        Map<Integer, Integer> first =
                IdMap.load(workspace, "source", "target").orElseThrow().ids();
        assertMapExact(first, source, target);

        // When: a later sync of other subjects
        SyncReport later = sync("payments-value", false);

        // Then: the map keeps the earlier entries and adds the new ones
        Map<Integer, Integer> merged =
                IdMap.load(workspace, "source", "target").orElseThrow().ids();
        assertThat(merged).containsAllEntriesOf(first).containsAllEntriesOf(later.ids());
        assertThat(merged.size()).isGreaterThan(first.size());
        assertMapExact(merged, source, target);
    }

    private SyncReport sync(String subjects, boolean dryRun) {
        return new SchemaSync(source, target)
                .run(
                        new SyncRequest("source", "target", workspace, Pattern.compile(subjects), dryRun),
                        Progress.none());
    }

    /** The source estate; its global level BACKWARD (set last: old versions were registered under NONE). */
    private void seedSource() {
        String address1 = record("Address", field("street", "string"));
        String address2 = record("Address", field("street", "string"), optional("city"));
        register(source, "common-address", address1);
        register(source, "common-address", address2);
        register(
                source,
                "orders-value",
                record("Order", field("id", "string"), field("address", "com.example.Address")),
                new SchemaReference("com.example.Address", "common-address", 1));
        register(
                source,
                "orders-value",
                record("Order", field("id", "string"), field("address", "com.example.Address"), optional("note")),
                new SchemaReference("com.example.Address", "common-address", 2));
        register(source, "payments-value", record("Payment", field("id", "string")));
        register(source, "payments-value", record("Payment", field("id", "string"), field("amount", "long")));
        register(source, "payments-value", record("Payment", field("id", "long")));
        source.deleteVersion("payments-value", 2, false);
        String customer = record("Customer", field("name", "string"));
        register(source, "customers-value", customer);
        register(source, "customers-value", record("Customer", field("name", "string"), optional("email")));
        register(source, "customers-copy-value", customer);
        source.setCompatibility(Optional.of("payments-value"), "NONE");
        source.setCompatibility(Optional.of("customers-value"), "FULL");
        source.setCompatibility(Optional.empty(), "BACKWARD");
    }

    /** Other schemas first, so that the source's ids are taken on the target; another customers-value v1. */
    private void seedTarget() {
        for (int i = 0; i < 12; i++) {
            register(target, "legacy-value", record("Legacy" + i, field("f" + i, "int")));
        }
        register(target, "customers-value", record("Customer", field("legacyName", "string")));
    }

    static IdOutcome outcome(SyncReport report, String subject, int version) {
        return result(report, subject, version).orElseThrow().idOutcome();
    }
}
