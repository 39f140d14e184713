package dev.cutover.readiness.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.readiness.Area;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceLedgerTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static StoredEvidence record(
            String path, String kind, Area area, int hoursAgo, Evidence.Result result, Map<String, String> details) {
        return new StoredEvidence(
                path,
                new Evidence(
                        Evidence.SCHEMA_VERSION,
                        kind,
                        "billing",
                        area,
                        "test",
                        "development",
                        "host",
                        "user",
                        null,
                        NOW.minus(Duration.ofHours(hoursAgo)).toString(),
                        "target-id",
                        result,
                        details,
                        null,
                        null,
                        false));
    }

    private static List<String> counted(List<StoredEvidence> all) {
        return EvidenceLedger.assess(all, NOW, Duration.ofDays(30)).stream()
                .filter(EvidenceLedger.Entry::counts)
                .map(e -> e.stored().path())
                .toList();
    }

    @Test
    void verifyRecordsAreSupersededOnlyByNewerOnesOfTheSameTopic() {
        StoredEvidence payments =
                record("p-old", Evidence.VERIFY, Area.TOPICS, 5, Evidence.Result.PASS, Map.of("topic", "payments"));
        StoredEvidence orders =
                record("o", Evidence.VERIFY, Area.TOPICS, 1, Evidence.Result.PASS, Map.of("topic", "orders"));
        StoredEvidence paymentsAgain =
                record("p-new", Evidence.VERIFY, Area.TOPICS, 2, Evidence.Result.PASS, Map.of("topic", "payments"));

        assertThat(counted(List.of(payments, orders))).containsExactly("p-old", "o");
        assertThat(counted(List.of(payments, orders, paymentsAgain))).containsExactly("o", "p-new");
        assertThat(EvidenceLedger.assess(List.of(payments, paymentsAgain), NOW, Duration.ofDays(30))
                        .get(0)
                        .describe())
                .isEqualTo("no: superseded (by p-new)");
    }

    @Test
    void aReverseSyncInAreaRollbackNeverSupersedesTheForwardOneInAreaOffsets() {
        StoredEvidence forward = record(
                "forward",
                Evidence.OFFSETS_SYNC,
                Area.OFFSETS,
                5,
                Evidence.Result.PASS,
                Map.of("group", "billing", "direction", "forward"));
        StoredEvidence reverse = record(
                "reverse",
                Evidence.OFFSETS_SYNC,
                Area.ROLLBACK,
                1,
                Evidence.Result.FAIL,
                Map.of("group", "billing", "direction", "reverse"));

        assertThat(EvidenceLedger.assess(List.of(forward, reverse), NOW, Duration.ofDays(30)))
                .extracting(EvidenceLedger.Entry::describe)
                .containsExactly("yes", "no: failed");
    }
}
