package dev.cutover.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The arithmetic behind every progress bar and line: rate, remaining and time left, and what an unknown total gives. */
class ProgressFiguresTest {
    private static final long S = 1_000_000_000L;

    @Test
    void aFixedTotalGivesRemainingRateAndTimeLeft() {
        // Given 1,000 of 5,000 done after 10 s, 3,000 after 20 s
        var earlier = new ProgressFigures.Look(10 * S, 1_000, OptionalLong.of(5_000));
        var later = new ProgressFigures.Look(20 * S, 3_000, OptionalLong.of(5_000));

        // When the figures are taken between the two looks
        ProgressFigures f = ProgressFigures.between(earlier, later);

        // Then 2,000 remain at 200/s, 10 s left
        assertThat(f.remaining()).hasValue(2_000);
        assertThat(f.rate().getAsDouble()).isEqualTo(200.0);
        assertThat(f.eta()).contains(Duration.ofSeconds(10));
        assertThat(f.line("records")).isEqualTo("3,000 of 5,000 records, 2,000 remaining, 200 records/s, ETA 10 s");
    }

    @Test
    void aGrowingTotalGivesTheTimeLeftFromHowFastTheRemainderShrinks() {
        // Given a copy at 300/s of a source that grows by 200/s: remaining 10,000 -> 9,000 in 10 s
        var earlier = new ProgressFigures.Look(0, 0, OptionalLong.of(10_000));
        var later = new ProgressFigures.Look(10 * S, 3_000, OptionalLong.of(12_000));

        ProgressFigures f = ProgressFigures.between(earlier, later);

        // Then the rate is the copy's, but the time left is 9,000 at 100/s: 90 s, not 9,000 / 300 = 30 s
        assertThat(f.rate().getAsDouble()).isEqualTo(300.0);
        assertThat(f.remaining()).hasValue(9_000);
        assertThat(f.eta()).contains(Duration.ofSeconds(90));
        assertThat(f.line("records")).endsWith("ETA 1 min 30 s");
    }

    @Test
    void aRemainderThatDoesNotShrinkHasNoEstimate() {
        // Given a source that grows as fast as it is copied
        var earlier = new ProgressFigures.Look(0, 0, OptionalLong.of(1_000));
        var later = new ProgressFigures.Look(10 * S, 500, OptionalLong.of(1_500));

        ProgressFigures f = ProgressFigures.between(earlier, later);

        // Then there is no time left to promise
        assertThat(f.eta()).isEmpty();
        assertThat(f.line("records")).endsWith("50 records/s, ETA unknown (not gaining)");
    }

    @Test
    void aTotalUnknownAtTheEarlierLookGivesNoEstimateWithoutBlamingTheRate() {
        var earlier = new ProgressFigures.Look(0, 0, OptionalLong.empty());
        var later = new ProgressFigures.Look(10 * S, 500, OptionalLong.of(1_500));

        ProgressFigures f = ProgressFigures.between(earlier, later);

        assertThat(f.eta()).isEmpty();
        assertThat(f.line("records")).endsWith("50 records/s, ETA unknown");
    }

    @Test
    void anUnknownTotalGivesNoRemainderAndNoEstimate() {
        var earlier = new ProgressFigures.Look(0, 0, OptionalLong.empty());
        var later = new ProgressFigures.Look(4 * S, 10, OptionalLong.empty());

        ProgressFigures f = ProgressFigures.between(earlier, later);

        assertThat(f.remaining()).isEmpty();
        assertThat(f.eta()).isEmpty();
        assertThat(f.line("groups")).isEqualTo("10 groups so far (total unknown), 2.5 groups/s");
    }

    @Test
    void nothingLeftIsNoTimeLeftAndNoTimePassedIsNoRate() {
        var look = new ProgressFigures.Look(5 * S, 40, OptionalLong.of(40));

        ProgressFigures f = ProgressFigures.between(look, look);

        assertThat(f.rate()).isEmpty();
        assertThat(f.eta()).contains(Duration.ZERO);
        assertThat(f.line("partitions")).isEqualTo("40 of 40 partitions, 0 remaining");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(ProgressFigures.duration(Duration.ofMillis(200))).isEqualTo("0.2 s");
        assertThat(ProgressFigures.duration(Duration.ofMillis(9_960))).isEqualTo("10.0 s");
        assertThat(ProgressFigures.duration(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(ProgressFigures.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
        assertThat(ProgressFigures.duration(Duration.ofMinutes(125))).isEqualTo("2 h 05 min");
    }
}
