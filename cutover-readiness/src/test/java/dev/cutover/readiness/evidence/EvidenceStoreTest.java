package dev.cutover.readiness.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.readiness.Area;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceStoreTest {
    @TempDir
    Path ws;

    private static Evidence evidence(String takenAt, Map<String, String> details) {
        return new Provenance("cutover evidence add", "1.0", "host", "user", Instant.parse(takenAt))
                .evidence(
                        Evidence.ATTESTATION,
                        "orders api/v2",
                        Area.OBSERVABILITY,
                        "alice",
                        "T",
                        Evidence.Result.PASS,
                        details,
                        null,
                        null);
    }

    @Test
    void writesOneSortableFilePerRecordAndReadsThemBack() throws Exception {
        String first = EvidenceStore.write(ws, evidence("2026-11-24T10:15:00Z", Map.of("note", "dashboards")));
        String second = EvidenceStore.write(ws, evidence("2026-11-24T10:15:00Z", Map.of("note", "alerts")));
        String earlier = EvidenceStore.write(ws, evidence("2026-01-02T03:04:05Z", Map.of()));

        assertThat(first)
                .matches("evidence/20261124T101500Z-observability-orders_api_v2-attestation-[0-9a-f]{4}\\.json");
        assertThat(second).isNotEqualTo(first);
        assertThat(EvidenceStore.load(ws))
                .extracting(StoredEvidence::path)
                .first()
                .isEqualTo(earlier);
        assertThat(EvidenceStore.load(ws)).hasSize(3);
        StoredEvidence read = EvidenceStore.load(ws).stream()
                .filter(s -> s.path().equals(first))
                .findFirst()
                .orElseThrow();
        assertThat(read.evidence()).isEqualTo(evidence("2026-11-24T10:15:00Z", Map.of("note", "dashboards")));
        assertThat(Files.readString(ws.resolve(first)))
                .contains("\"schemaVersion\" : 1", "\"area\" : \"observability\"", "\"result\" : \"pass\"");
    }

    @Test
    void filesWrittenBeforeThePreviewFieldAreReadAsTheirCommandsMeantThem() throws Exception {
        // Given files as cutover wrote them before `preview` existed: a sync dry run, a translate, a real sync
        Files.createDirectories(ws.resolve("evidence"));
        String head = "{\"schemaVersion\": 1, \"workload\": \"billing\", \"area\": \"offsets\","
                + " \"producedBy\": \"cutover offsets sync\", \"takenAt\": \"2026-11-24T10:15:00Z\","
                + " \"result\": \"pass\", ";
        Files.writeString(
                ws.resolve("evidence/a-dry.json"),
                head + "\"kind\": \"offsets-sync\", \"details\": {\"group\": \"billing\", \"dryRun\": \"true\"}}");
        Files.writeString(
                ws.resolve("evidence/b-translate.json"),
                head + "\"kind\": \"offsets-translate\", \"details\": {\"group\": \"billing\"}}");
        Files.writeString(
                ws.resolve("evidence/c-sync.json"),
                head + "\"kind\": \"offsets-sync\", \"details\": {\"group\": \"billing\"}}");

        // When read, then the first two are previews and only the real sync proves anything
        assertThat(EvidenceStore.load(ws))
                .extracting(s -> s.evidence().preview(), s -> s.evidence().proves())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(true, false),
                        org.assertj.core.groups.Tuple.tuple(true, false),
                        org.assertj.core.groups.Tuple.tuple(false, true));
        // And a record written now carries the flag
        assertThat(EvidenceStore.toJson(EvidenceStore.load(ws).get(0).evidence()))
                .contains("\"preview\" : true");
    }

    @Test
    void secretsNeverReachTheFile() throws Exception {
        String path = EvidenceStore.write(
                ws,
                evidence(
                        "2026-11-24T10:15:00Z",
                        Map.of(
                                "note", "logged in with password=hunter2 fine",
                                "sasl.jaas.config", "org.apache.kafka... password=\"s3cret\";")));
        String text = Files.readString(ws.resolve(path));
        assertThat(text).doesNotContain("hunter2", "s3cret").contains("[redacted]");
    }

    @Test
    void noDirectoryIsNoEvidence() {
        assertThat(EvidenceStore.load(ws)).isEmpty();
    }

    @Test
    void aBadFileIsAClearErrorNamingIt() throws Exception {
        Files.createDirectories(ws.resolve("evidence"));
        Files.writeString(ws.resolve("evidence/broken.json"), "{\"schemaVersion\": 1, \"kind\": ");
        CutoverException e = catchThrowableOfType(CutoverException.class, () -> EvidenceStore.load(ws));
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        assertThat(e.getMessage()).contains("broken.json", "is not valid evidence JSON at line 1");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("fix or delete the file"));

        Files.writeString(
                ws.resolve("evidence/broken.json"),
                "{\"schemaVersion\": 1, \"kind\": \"attestation\", \"workload\": \"w\", \"area\": \"offsetz\"}");
        e = catchThrowableOfType(CutoverException.class, () -> EvidenceStore.load(ws));
        assertThat(e.getMessage()).contains("broken.json", "offsetz");

        Files.writeString(ws.resolve("evidence/broken.json"), "{\"schemaVersion\": 2}");
        e = catchThrowableOfType(CutoverException.class, () -> EvidenceStore.load(ws));
        assertThat(e.getMessage()).contains("broken.json", "schemaVersion 2 is not supported");
    }
}
