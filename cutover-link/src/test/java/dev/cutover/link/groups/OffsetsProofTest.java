package dev.cutover.link.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.offsets.Direction;
import dev.cutover.offsets.OffsetTranslation;
import dev.cutover.offsets.TranslatedGroup;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which offsets results count as readiness evidence, and as pass or fail. */
class OffsetsProofTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    @Test
    void aForwardTranslationPassesOnlyWhenEveryPartitionIsExactAndAReverseOneProvesNothing() {
        TranslatedGroup exact =
                new TranslatedGroup("billing", Direction.FORWARD, List.of(new OffsetTranslation.Exact(TP, 5, 7)));
        TranslatedGroup empty = new TranslatedGroup("billing", Direction.FORWARD, List.of());
        TranslatedGroup reverse =
                new TranslatedGroup("billing", Direction.REVERSE, List.of(new OffsetTranslation.Exact(TP, 5, 7)));

        assertThat(OffsetsProof.of("l", exact)).get().satisfies(p -> {
            assertThat(p.passed()).isTrue();
            assertThat(p.step()).isEqualTo(OffsetsProof.Step.TRANSLATE);
            assertThat(p.details()).containsEntry("link", "l").containsEntry("exact", "1");
        });
        assertThat(OffsetsProof.of("l", empty))
                .get()
                .extracting(OffsetsProof::passed)
                .isEqualTo(false);
        assertThat(OffsetsProof.of("l", reverse)).isEmpty();
    }

    @Test
    void aSyncPassesWhenCommittedOrWouldBeFailsWhenRefusedAndASkipProvesNothing() {
        GroupSync.PartitionChange change = new GroupSync.PartitionChange(TP, 5, java.util.Optional.empty(), 7);
        List<OffsetsProof> proofs = OffsetsProof.of(
                "l",
                List.of(
                        new GroupSync.Committed("a", List.of(change)),
                        new GroupSync.WouldCommit("b", List.of(change)),
                        new GroupSync.Refused("c", GroupSync.Refusal.LINK_BEHIND, "1 behind", List.of()),
                        new GroupSync.Skipped("d", "nothing linked")));

        assertThat(proofs).extracting(OffsetsProof::group).containsExactly("a", "b", "c");
        assertThat(proofs).extracting(OffsetsProof::passed).containsExactly(true, true, false);
        assertThat(proofs.get(1).step()).isEqualTo(OffsetsProof.Step.SYNC_DRY_RUN);
        assertThat(proofs.get(2).details()).containsAllEntriesOf(Map.of("refusal", "LINK_BEHIND", "note", "1 behind"));
        assertThat(proofs).extracting(OffsetsProof::preview).containsExactly(false, true, false);
        assertThat(proofs).allSatisfy(p -> {
            assertThat(p.direction()).isEqualTo(Direction.FORWARD);
            assertThat(p.details()).containsEntry("direction", "forward");
            assertThat(p.command()).doesNotContain("--direction");
        });
    }

    @Test
    void aReverseSyncSaysSoInItsDetailsAndCommand() {
        GroupSync.PartitionChange change = new GroupSync.PartitionChange(TP, 7, java.util.Optional.empty(), 5);
        List<OffsetsProof> proofs = OffsetsProof.of(
                "l",
                List.of(
                        new GroupSync.Committed("a", List.of(change)),
                        new GroupSync.Refused("b", GroupSync.Refusal.WOULD_REWIND, "ahead", List.of())),
                SyncOptions.defaults().withDirection(Direction.REVERSE));

        assertThat(proofs).extracting(OffsetsProof::passed).containsExactly(true, false);
        assertThat(proofs).allSatisfy(p -> {
            assertThat(p.direction()).isEqualTo(Direction.REVERSE);
            assertThat(p.details()).containsEntry("direction", "reverse");
            assertThat(p.command()).isEqualTo("cutover offsets sync --direction reverse");
            assertThat(p.preview()).isFalse();
        });
    }

    @Test
    void aGroupSyncedWithActiveMembersRecordsThemAndTheReason() {
        GroupSync.PartitionChange change = new GroupSync.PartitionChange(TP, 5, java.util.Optional.empty(), 7);
        List<OffsetsProof> proofs = OffsetsProof.of(
                "l",
                List.of(new GroupSync.Committed("a", List.of(change), List.of("member m (client c at /h)"))),
                SyncOptions.defaults().withAllowActiveMembers("paused"));

        assertThat(proofs.get(0).details())
                .containsEntry("activeMembers", "member m (client c at /h)")
                .containsEntry("activeMembersAllowedBecause", "paused");
    }
}
