package dev.cutover.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The links' history behind the charts: bounded, and a rate only where the copied records say one. */
class LinkHistoryTest {
    @Test
    void theRateIsTheGrowthOfWhatWasCopiedPerSecondAndAbsentForTheFirstSample() {
        LinkHistory h = new LinkHistory(Duration.ofMinutes(30), 100);
        h.add(10_000, 50, 200, 1_000);
        h.add(12_000, 0, 0, 1_600);
        assertThat(h.samples()).hasSize(2);
        assertThat(h.samples().get(0).recordsPerSecond()).isNull();
        assertThat(h.samples().get(1).recordsPerSecond()).isCloseTo(300.0, within(1e-9));
        assertThat(h.samples().get(1).lagRecords()).isZero();
    }

    @Test
    void afterAPollThatFailedOrWhenLessIsCopiedThanBeforeNoRateIsMadeUp() {
        LinkHistory h = new LinkHistory(Duration.ofMinutes(30), 100);
        h.add(1_000, 0, 0, 500);
        h.unknown(2_000);
        h.add(3_000, 0, 0, 900);
        h.add(4_000, 0, 0, 100); // a partition left the link
        h.add(5_000, 0, 0, 150);
        assertThat(h.samples())
                .extracting(LinkHistory.Sample::recordsPerSecond)
                .containsExactly(null, null, null, 50.0);
    }

    @Test
    void samplesOlderThanTheWindowOrBeyondTheCountAreDropped() {
        LinkHistory byAge = new LinkHistory(Duration.ofSeconds(10), 100);
        for (int i = 0; i <= 30; i++) {
            byAge.add(i * 1_000L, 0, 0, i);
        }
        assertThat(byAge.samples()).extracting(LinkHistory.Sample::atMs).first().isEqualTo(20_000L);
        assertThat(byAge.samples()).hasSize(11);

        LinkHistory byCount = new LinkHistory(Duration.ofDays(1), 5);
        for (int i = 0; i < 20; i++) {
            byCount.add(i, 0, 0, i);
        }
        assertThat(byCount.samples()).hasSize(5);
        assertThat(byCount.samples().get(0).atMs()).isEqualTo(15);
    }
}
