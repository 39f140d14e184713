package dev.cutover.readiness.areas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.OffsetDecision;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.config.WorkloadMatch;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Offsets, state, observability and rollback: the areas that rest on decisions and recorded evidence. */
class DecisionRulesTest {
    private static Fixture billing(DuplicateTolerance tolerance, Optional<OffsetDecision> offsets) {
        return new Fixture()
                .bothTopics("payments", 3)
                .group("billing", GroupKind.CONSUMER, "payments")
                .workload(Fixture.with(
                        Fixture.consumer("billing", "billing", "User:billing", List.of("payments")),
                        tolerance,
                        offsets));
    }

    @Test
    void noOffsetDecisionIsNotReady() {
        AreaResult r = billing(DuplicateTolerance.NONE, Optional.empty()).area("billing", Area.OFFSETS);
        assertThat(Codes.blocking(r)).containsExactly("OFFSET-001");
        assertThat(r.evidence()).isEmpty();
    }

    @Test
    void translateNeedsEvidenceForEachGroup() {
        Fixture f = billing(DuplicateTolerance.NONE, Optional.of(OffsetDecision.TRANSLATE));
        assertThat(Codes.blocking(f.area("billing", Area.OFFSETS))).containsExactly("OFFSET-004");
        f.evidence("billing", Area.OFFSETS, Evidence.OFFSETS_SYNC, Evidence.Result.PASS, Map.of("group", "billing"));
        AreaResult r = f.area("billing", Area.OFFSETS);
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
        assertThat(r.evidence()).contains("workloads.yaml#billing").anySatisfy(e -> assertThat(e)
                .startsWith("evidence/"));
    }

    @Test
    void previewsNeverCountAsAPassForOffsets() {
        // Given a group whose only passing records are a translate and a sync dry run (flagged or, as older files
        // were written, only by kind and detail)
        Fixture f = billing(DuplicateTolerance.NONE, Optional.of(OffsetDecision.TRANSLATE));
        f.evidence(
                "billing", Area.OFFSETS, Evidence.OFFSETS_TRANSLATE, Evidence.Result.PASS, Map.of("group", "billing"));
        f.evidence(
                "billing",
                Area.OFFSETS,
                Evidence.OFFSETS_SYNC,
                Evidence.Result.PASS,
                Map.of("group", "billing", "dryRun", "true"));

        // When judged, then the area is not ready and the finding says the previews do not count
        AreaResult r = f.area("billing", Area.OFFSETS);
        assertThat(r.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(Codes.blocking(r)).containsExactly("OFFSET-004");
        assertThat(r.findings().get(0).message()).contains("2 preview(s)", "do not count");

        // And a real sync afterwards makes it ready; a later dry run does not hide it
        f.evidence("billing", Area.OFFSETS, Evidence.OFFSETS_SYNC, Evidence.Result.PASS, Map.of("group", "billing"));
        f.evidence(
                "billing",
                Area.OFFSETS,
                Evidence.OFFSETS_SYNC,
                Evidence.Result.FAIL,
                Map.of("group", "billing", "dryRun", "true"));
        assertThat(f.area("billing", Area.OFFSETS).verdict()).isEqualTo(Verdict.READY);
    }

    @Test
    void replayDecisionsMustFitTheDuplicateTolerance() {
        assertThat(Codes.blocking(billing(DuplicateTolerance.NONE, Optional.of(OffsetDecision.REPLAY_FROM_EARLIEST))
                        .area("billing", Area.OFFSETS)))
                .containsExactly("OFFSET-002");
        assertThat(billing(DuplicateTolerance.IDEMPOTENT_DOWNSTREAM, Optional.of(OffsetDecision.RESET_TO_TIME))
                        .area("billing", Area.OFFSETS)
                        .verdict())
                .isEqualTo(Verdict.READY);
        assertThat(Codes.blocking(
                        billing(DuplicateTolerance.IDEMPOTENT_DOWNSTREAM, Optional.of(OffsetDecision.RESET_LATEST))
                                .area("billing", Area.OFFSETS)))
                .containsExactly("OFFSET-003");
        assertThat(billing(DuplicateTolerance.REPLAY_OK, Optional.of(OffsetDecision.RESET_LATEST))
                        .area("billing", Area.OFFSETS)
                        .verdict())
                .isEqualTo(Verdict.READY);
    }

    @Test
    void producersHaveNoPositionToMove() {
        Fixture f =
                new Fixture().bothTopics("orders", 1).workload(Fixture.producer("api", "User:api", List.of("orders")));
        AreaResult r = f.area("api", Area.OFFSETS);
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
        assertThat(Codes.all(r)).containsExactly("OFFSET-006");
    }

    @Test
    void sideEffectsNeedAnIdempotencyStatement() {
        Workload settle = new Workload(
                "settle",
                "team",
                List.of(Role.CONSUMER),
                List.of("payments"),
                DuplicateTolerance.NONE,
                Optional.of("settles card payments"),
                Optional.of("x"),
                new WorkloadMatch(List.of("settle"), List.of(), List.of(), List.of("User:settle")));
        Fixture f = new Fixture().bothTopics("payments", 1).workload(settle);
        AreaResult r = f.area("settle", Area.STATE);
        assertThat(Codes.blocking(r)).containsExactly("STATE-001");
        assertThat(Codes.messages(r, "STATE-001")).singleElement().asString().contains("settles card payments");

        f.evidence("settle", Area.STATE, Evidence.ATTESTATION, Evidence.Result.PASS, Map.of("note", "dedup by id"));
        assertThat(f.area("settle", Area.STATE).verdict()).isEqualTo(Verdict.READY);
    }

    @Test
    void streamsAndConnectNeedAStatementATolerantOneCounts() {
        Fixture f = new Fixture()
                .bothTopics("orders", 1)
                .group("counts", GroupKind.STREAMS_APP, "orders")
                .workload(Fixture.consumer("counts", "counts", "User:c", List.of("orders")));
        f.sourceTopics.add(Fixture.topic("counts-store-changelog", 1, Map.of()));
        AreaResult r = f.area("counts", Area.STATE);
        assertThat(Codes.blocking(r)).containsExactly("STATE-001");
        assertThat(Codes.all(r)).contains("STATE-004");

        // a wave (or a rehearsal) that moved it with its state, compared record by record, is the statement
        f.evidence(
                "counts",
                Area.STATE,
                Evidence.WAVE_MOVE,
                Evidence.Result.PASS,
                Map.of(
                        "wave", "wave-s",
                        "groups", "counts",
                        "replayed", "0",
                        "skipped", "0",
                        "recordsCompared", "1200",
                        "compared", "counts.out,counts-store-changelog"));
        AreaResult moved = f.area("counts", Area.STATE);
        assertThat(moved.verdict()).isEqualTo(Verdict.READY);
        assertThat(Codes.messages(moved, "STATE-005"))
                .singleElement()
                .asString()
                .contains("moved with its state in wave wave-s", "(0 replayed, 0 skipped)", "1200 record(s)");

        Fixture tolerant = new Fixture()
                .bothTopics("orders", 1)
                .group("connect-sink", GroupKind.CONNECT)
                .workload(Fixture.with(
                        Fixture.consumer("sink", "connect-sink", "User:c", List.of("orders")),
                        DuplicateTolerance.IDEMPOTENT_DOWNSTREAM,
                        Optional.of(OffsetDecision.TRANSLATE)));
        AreaResult t = tolerant.area("sink", Area.STATE);
        assertThat(t.verdict()).isEqualTo(Verdict.READY);
        assertThat(Codes.messages(t, "STATE-002")).singleElement().asString().contains("Kafka Connect");
    }

    @Test
    void statelessWorkloadsAreReadyOnTheManifest() {
        AreaResult r = billing(DuplicateTolerance.NONE, Optional.empty()).area("billing", Area.STATE);
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
        assertThat(r.evidence()).containsExactly("workloads.yaml#billing");
    }

    @Test
    void observabilityNeedsEvidence() {
        Fixture f = billing(DuplicateTolerance.NONE, Optional.empty());
        f.endpoints = new Endpoints("PLAINTEXT", null, "PLAINTEXT", null, false);
        AreaResult r = f.area("billing", Area.OBSERVABILITY);
        assertThat(Codes.blocking(r)).containsExactly("OBS-001");
        assertThat(Codes.all(r)).contains("OBS-002");
        f.evidence("billing", Area.OBSERVABILITY, Evidence.ATTESTATION, Evidence.Result.PASS, Map.of());
        assertThat(f.area("billing", Area.OBSERVABILITY).verdict()).isEqualTo(Verdict.READY);
    }

    @Test
    void rollbackNeedsOwnerWayBackAndRehearsal() {
        Workload noOwner = new Workload(
                "analytics",
                "team-data",
                List.of(Role.CONSUMER),
                List.of("payments"),
                DuplicateTolerance.REPLAY_OK,
                Optional.empty(),
                Optional.empty(),
                new WorkloadMatch(List.of("analytics"), List.of(), List.of(), List.of("User:a")));
        Fixture f = new Fixture().bothTopics("payments", 1).workload(noOwner);
        AreaResult r = f.area("analytics", Area.ROLLBACK);
        assertThat(Codes.blocking(r)).containsExactly("ROLLBACK-001", "ROLLBACK-002", "ROLLBACK-003");
        assertThat(Codes.messages(r, "ROLLBACK-001")).singleElement().asString().contains("rollbackOwner");

        Fixture ok = billing(DuplicateTolerance.NONE, Optional.of(OffsetDecision.TRANSLATE))
                .evidence("billing", Area.ROLLBACK, "rehearsal", Evidence.Result.PASS, Map.of());
        AreaResult ready = ok.area("billing", Area.ROLLBACK);
        assertThat(ready.verdict()).isEqualTo(Verdict.READY);
        assertThat(ready.owner()).isEqualTo("oncall-billing");
    }

    @Test
    void staleEvidenceCountsAsMissingAndTheReportSaysWhy() {
        Fixture f = billing(DuplicateTolerance.NONE, Optional.of(OffsetDecision.TRANSLATE));
        f.evidence(
                "billing",
                Area.ROLLBACK,
                "rehearsal",
                Evidence.Result.PASS,
                Map.of(),
                Fixture.NOW.minus(Duration.ofDays(41)),
                Fixture.TARGET_ID);
        f.evidence(
                "billing",
                Area.OBSERVABILITY,
                Evidence.ATTESTATION,
                Evidence.Result.PASS,
                Map.of(),
                Fixture.NOW,
                "old");
        AreaResult rollback = f.area("billing", Area.ROLLBACK);
        assertThat(Codes.blocking(rollback)).containsExactly("ROLLBACK-003");
        assertThat(Codes.messages(rollback, "EVID-001"))
                .singleElement()
                .asString()
                .contains("stale: 41 days old");
        AreaResult obs = f.area("billing", Area.OBSERVABILITY);
        assertThat(Codes.messages(obs, "EVID-001"))
                .singleElement()
                .asString()
                .contains("taken against cluster old, target is target-id");
        assertThat(obs.verdict()).isEqualTo(Verdict.NOT_READY);
    }

    @Test
    void aNewerPassReplacesAnOlderFailureOfTheSameKind() {
        Fixture f = billing(DuplicateTolerance.NONE, Optional.empty());
        f.evidence(
                "billing",
                Area.OBSERVABILITY,
                Evidence.ATTESTATION,
                Evidence.Result.FAIL,
                Map.of(),
                Fixture.NOW.minus(Duration.ofDays(2)),
                Fixture.TARGET_ID);
        f.evidence(
                "billing",
                Area.OBSERVABILITY,
                Evidence.ATTESTATION,
                Evidence.Result.PASS,
                Map.of(),
                Fixture.NOW.minus(Duration.ofDays(1)),
                Fixture.TARGET_ID);
        assertThat(f.area("billing", Area.OBSERVABILITY).verdict()).isEqualTo(Verdict.READY);
    }

    @Test
    void aWorkloadNobodyOwnsIsNotReadyAnywhere() {
        WorkloadResult r = new Fixture().assess("clickstream-tracker");
        assertThat(r.ready()).isFalse();
        assertThat(r.areas()).allSatisfy(a -> assertThat(Codes.blocking(a)).containsExactly("WORKLOAD-001"));
    }
}
