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

/** ROLLBACK-003 and the evidence of a reverse offsets sync. */
class RollbackRulesTest {
    private static Workload workload(List<Role> roles, List<String> groups, List<String> transactionalIds) {
        return new Workload(
                "billing",
                "team-billing",
                roles,
                List.of("payments"),
                DuplicateTolerance.NONE,
                Optional.empty(),
                Optional.of("oncall-billing"),
                new WorkloadMatch(groups, transactionalIds, List.of(), List.of("User:billing")),
                Optional.of(OffsetDecision.TRANSLATE));
    }

    /** billing consumes payments with groups billing and billing-audit. */
    private static Fixture consumer(List<Role> roles, List<String> transactionalIds) {
        return new Fixture()
                .bothTopics("payments", 3)
                .group("billing", GroupKind.CONSUMER, "payments")
                .group("billing-audit", GroupKind.CONSUMER, "payments")
                .workload(workload(roles, List.of("billing", "billing-audit"), transactionalIds));
    }

    private static Fixture sync(Fixture f, Area area, String group, String direction, Evidence.Result result) {
        return f.evidence(
                "billing",
                area,
                Evidence.OFFSETS_SYNC,
                result,
                Map.of("group", group, "direction", direction, "link", "default"));
    }

    private static AreaResult rollback(Fixture f) {
        return f.area("billing", Area.ROLLBACK);
    }

    @Test
    void aReverseSyncOfEveryGroupIsTheRehearsalOfAWorkloadThatOnlyConsumes() {
        Fixture f = consumer(List.of(Role.CONSUMER), List.of());
        sync(f, Area.ROLLBACK, "billing", "reverse", Evidence.Result.PASS);

        AreaResult one = rollback(f);
        assertThat(Codes.blocking(one)).containsExactly("ROLLBACK-003");
        assertThat(Codes.messages(one, "ROLLBACK-003"))
                .singleElement()
                .asString()
                .contains("moved back billing but not billing-audit", "--direction reverse");

        sync(f, Area.ROLLBACK, "billing-audit", "reverse", Evidence.Result.PASS);
        AreaResult both = rollback(f);
        assertThat(both.verdict()).as(both.findings().toString()).isEqualTo(Verdict.READY);
        assertThat(both.evidence()).hasSize(2);
    }

    @Test
    void aForwardSyncIsNoRehearsalAndAReverseOneIsNoOffsetsEvidence() {
        Fixture f = consumer(List.of(Role.CONSUMER), List.of());
        sync(f, Area.OFFSETS, "billing", "forward", Evidence.Result.PASS);
        sync(f, Area.OFFSETS, "billing-audit", "forward", Evidence.Result.PASS);
        assertThat(Codes.blocking(rollback(f)))
                .as("forward syncs are not a way back")
                .containsExactly("ROLLBACK-003");
        assertThat(Codes.messages(rollback(f), "ROLLBACK-003"))
                .singleElement()
                .asString()
                .contains("of each of its groups (billing, billing-audit) is that rehearsal");

        Fixture g = consumer(List.of(Role.CONSUMER), List.of());
        sync(g, Area.ROLLBACK, "billing", "reverse", Evidence.Result.PASS);
        sync(g, Area.ROLLBACK, "billing-audit", "reverse", Evidence.Result.PASS);
        assertThat(Codes.blocking(g.area("billing", Area.OFFSETS)))
                .as("a reverse sync does not show the forward move")
                .containsExactly("OFFSET-004", "OFFSET-004");
    }

    @Test
    void aWorkloadThatAlsoWritesKeepsRollback003WithTheReason() {
        for (Fixture f : List.of(
                consumer(List.of(Role.CONSUMER, Role.PRODUCER), List.of()),
                consumer(List.of(Role.STREAMS), List.of()),
                consumer(List.of(Role.CONSUMER), List.of("billing-tx")))) {
            sync(f, Area.ROLLBACK, "billing", "reverse", Evidence.Result.PASS);
            sync(f, Area.ROLLBACK, "billing-audit", "reverse", Evidence.Result.PASS);

            AreaResult r = rollback(f);

            assertThat(Codes.blocking(r)).containsExactly("ROLLBACK-003");
            assertThat(Codes.messages(r, "ROLLBACK-003"))
                    .singleElement()
                    .asString()
                    .contains("shows the way back of its group(s) (billing, billing-audit) but not of its writes");
        }
    }

    @Test
    void aNewerFailedReverseSyncOfAGroupUndoesItsRehearsal() {
        Fixture f = consumer(List.of(Role.CONSUMER), List.of());
        sync(f, Area.ROLLBACK, "billing", "reverse", Evidence.Result.PASS);
        sync(f, Area.ROLLBACK, "billing-audit", "reverse", Evidence.Result.PASS);
        f.evidence(
                "billing",
                Area.ROLLBACK,
                Evidence.OFFSETS_SYNC,
                Evidence.Result.FAIL,
                Map.of("group", "billing", "direction", "reverse", "refusal", "WOULD_REWIND", "note", "ahead"),
                Fixture.NOW.minus(Duration.ofHours(1)),
                Fixture.TARGET_ID);

        AreaResult r = rollback(f);

        assertThat(Codes.blocking(r)).containsExactly("EVID-002", "ROLLBACK-003");
        assertThat(Codes.messages(r, "EVID-002")).singleElement().asString().contains("ahead");
    }

    @Test
    void aWorkloadWithoutGroupsIsNotRehearsedBySyncs() {
        Fixture f = new Fixture()
                .bothTopics("payments", 3)
                .workload(workload(List.of(Role.CONSUMER), List.of(), List.of()));
        f.evidence(
                "billing",
                Area.ROLLBACK,
                Evidence.OFFSETS_SYNC,
                Evidence.Result.PASS,
                Map.of("group", "other", "direction", "reverse"));

        assertThat(Codes.blocking(rollback(f))).containsExactly("ROLLBACK-003");
    }
}
