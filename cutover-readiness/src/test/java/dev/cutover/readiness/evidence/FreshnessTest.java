package dev.cutover.readiness.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.readiness.Area;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreshnessTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    static StoredEvidence taken(Instant at, String clusterId) {
        return new StoredEvidence(
                "evidence/x.json",
                new Evidence(
                        1,
                        Evidence.ATTESTATION,
                        "billing",
                        Area.ROLLBACK,
                        "cutover evidence add",
                        "development",
                        "h",
                        "u",
                        "alice",
                        at.toString(),
                        clusterId,
                        Evidence.Result.PASS,
                        Map.of(),
                        null,
                        null,
                        false));
    }

    @Test
    void youngEvidenceAgainstTheTargetCounts() {
        var a = Freshness.assess(
                taken(NOW.minus(Duration.ofDays(29)), "T"), NOW, Duration.ofDays(30), Optional.of("T"));
        assertThat(a.usable()).isTrue();
    }

    @Test
    void olderThanTheLimitIsStaleAndSaysHowOld() {
        var a = Freshness.assess(
                taken(NOW.minus(Duration.ofDays(41)), "T"), NOW, Duration.ofDays(30), Optional.of("T"));
        assertThat(a.staleBecause()).contains("stale: 41 days old (the limit is 30 days)");
    }

    @Test
    void aConfigurableLimit() {
        var a = Freshness.assess(
                taken(NOW.minus(Duration.ofHours(5)), "T"), NOW, Duration.ofHours(2), Optional.of("T"));
        assertThat(a.staleBecause()).contains("stale: 5 hours old (the limit is 2 hours)");
    }

    @Test
    void anotherTargetClusterIsStale() {
        var a = Freshness.assess(taken(NOW.minus(Duration.ofDays(1)), "X"), NOW, Duration.ofDays(30), Optional.of("Y"));
        assertThat(a.staleBecause()).contains("taken against cluster X, target is Y");
    }

    @Test
    void evidenceNamingNoClusterOrAnUnknownTargetIsNotJudgedByCluster() {
        assertThat(Freshness.assess(taken(NOW, null), NOW, Duration.ofDays(30), Optional.of("Y"))
                        .usable())
                .isTrue();
        assertThat(Freshness.assess(taken(NOW, "X"), NOW, Duration.ofDays(30), Optional.empty())
                        .usable())
                .isTrue();
    }
}
