package dev.cutover.probe.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.offsets.PartitionOffsetMap;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VerifiedRangeTest {
    /** Source 10..19 copied to target 100..109, 20 held a marker, 21..29 copied to 111..119; read up to 30. */
    private static final PartitionOffsetMap MAP = PartitionOffsetMap.builder(10, 100)
            .copiedRun(10, 100, 10)
            .copiedRun(21, 111, 9)
            .readUpTo(30)
            .writesNextAt(121)
            .build();

    private static VerifiedRange some(VerifiedRange.Result r) {
        assertThat(r).isInstanceOf(VerifiedRange.Some.class);
        return ((VerifiedRange.Some) r).range();
    }

    @Test
    void theWholeCommittedRangeFromWhereTheLinkStarted() {
        VerifiedRange r = some(VerifiedRange.of(MAP, 0, 40, 0, OptionalLong.empty()));
        assertThat(r).isEqualTo(new VerifiedRange(10, 30, 100, 121, VerifiedRange.LINK_START));
        assertThat(r.mappedRecords(MAP)).isEqualTo(19);
    }

    @Test
    void aTruncatedSourceHeadStartsAtTheSourceLogStart() {
        VerifiedRange r = some(VerifiedRange.of(MAP, 15, 40, 0, OptionalLong.empty()));
        assertThat(r).isEqualTo(new VerifiedRange(15, 30, 105, 121, VerifiedRange.SOURCE_LOG_START));
        assertThat(r.mappedRecords(MAP)).isEqualTo(14);
    }

    @Test
    void aTruncatedTargetHeadStartsAtTheFirstCopyLeft() {
        VerifiedRange r = some(VerifiedRange.of(MAP, 0, 40, 110, OptionalLong.empty()));
        assertThat(r).isEqualTo(new VerifiedRange(21, 30, 111, 121, VerifiedRange.TARGET_LOG_START));
    }

    @Test
    void fromTimeAndNothingCommittedYet() {
        assertThat(some(VerifiedRange.of(MAP, 0, 40, 0, OptionalLong.of(25))))
                .isEqualTo(new VerifiedRange(25, 30, 115, 121, VerifiedRange.FROM_TIME));
        assertThat(VerifiedRange.of(MAP, 0, 40, 0, OptionalLong.of(35))).isInstanceOf(VerifiedRange.Nothing.class);
        assertThat(VerifiedRange.of(MAP, 30, 40, 0, OptionalLong.empty())).isInstanceOf(VerifiedRange.Nothing.class);
    }

    @Test
    void aSourceShorterThanWhatTheLinkReadEndsTheSourceRangeButNotTheTargetOne() {
        // (an unclean election truncated the source after the link copied: its copies beyond are extra)
        assertThat(some(VerifiedRange.of(MAP, 0, 25, 0, OptionalLong.empty())))
                .isEqualTo(new VerifiedRange(10, 25, 100, 121, VerifiedRange.LINK_START));
    }
}
