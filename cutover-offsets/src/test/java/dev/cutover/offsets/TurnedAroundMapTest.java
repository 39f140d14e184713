package dev.cutover.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TurnedAroundMapTest {
    // Source 0..9 copied to target 0..9 (the forward link's commit markers ride on the target at 10 and 16), drained
    // at source 10 / target 17. The moved writers wrote target 17..21; the reverse copy wrote them to source 11..15
    // (the source held a marker at 10).
    private static final PartitionOffsetMap FORWARD = PartitionOffsetMap.builder(0, 0)
            .copiedRun(0, 0, 5)
            .copiedRun(5, 6, 4)
            .readUpTo(10)
            .writesNextAt(17)
            .build();
    private static final PartitionOffsetMap REVERSE =
            PartitionOffsetMap.builder(17, 10).copiedRun(17, 11, 5).readUpTo(23).build();

    @Test
    void aSourceGroupInTheReverseCopiedRangeTranslatesToTheRecordTheMovedWritersWrote() {
        PartitionOffsetMap composed = TurnedAroundMap.compose(FORWARD, REVERSE);

        assertThat(composed.translate(3)).isEqualTo(new Translation.Exact(3));
        assertThat(composed.translate(7)).isEqualTo(new Translation.Exact(8));
        assertThat(composed.translate(10)).isEqualTo(new Translation.Exact(17));
        assertThat(composed.translate(13)).isEqualTo(new Translation.Exact(19));
        assertThat(composed.translate(16)).isEqualTo(new Translation.Exact(23));
        // past the reverse copy's last commit marker (source 16): everything it copied was read
        assertThat(composed.translate(17)).isEqualTo(new Translation.Exact(23));
        assertThat(composed.translate(18)).isInstanceOf(Translation.NotYetReplicated.class);
    }

    @Test
    void aTargetGroupTranslatesBackInBothRanges() {
        PartitionOffsetMap composed = TurnedAroundMap.compose(FORWARD, REVERSE);

        assertThat(composed.translateReverse(8)).isEqualTo(new Translation.Exact(7));
        assertThat(composed.translateReverse(19)).isEqualTo(new Translation.Exact(13));
        // past every record copied back: on the source, past the reverse copy's last marker (16)
        assertThat(composed.translateReverse(22)).isEqualTo(new Translation.Exact(17));
    }

    @Test
    void aForwardCopyResumedAfterARollbackContinuesTheComposition() {
        // rolled back: the reverse copy drained at target 23 / source 17; the forward copy resumed at source 17,
        // the target then at 23, and copied source 17..19 to target 23..25
        PartitionOffsetMap resumed = FORWARD.toBuilder()
                .readUpTo(17)
                .writesNextAt(23)
                .copiedRun(17, 23, 3)
                .build();
        PartitionOffsetMap composed = TurnedAroundMap.compose(resumed, REVERSE);

        assertThat(composed.translate(12)).isEqualTo(new Translation.Exact(18));
        assertThat(composed.translate(18)).isEqualTo(new Translation.Exact(24));
        assertThat(composed.translateReverse(24)).isEqualTo(new Translation.Exact(18));
    }

    @Test
    void mapsThatOverlapAreRefused() {
        PartitionOffsetMap overlapping =
                PartitionOffsetMap.builder(5, 3).copiedRun(5, 3, 2).build();

        assertThatThrownBy(() -> TurnedAroundMap.compose(FORWARD, overlapping))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
