package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScalePlanTest {
    @Test
    void aSmallEstateWorkedByHand() {
        // 1,000 records/s of 1 KiB over 1,000 partitions, 1,000 records/s per task, 2× headroom, 2 tasks a worker
        ScalePlan.Figures f = new ScalePlan(1_000, 1_024_000, 1024, 1_000, 2, 2, 6, 4, 7, 1L << 30).figures();

        assertThat(f.recordsPerSecond()).isEqualTo(1_000);
        assertThat(f.tasks()).isEqualTo(2);
        assertThat(f.workers()).isEqualTo(1);
        assertThat(f.partitionsPerTask()).isEqualTo(500);
        // 500 partitions a task: 500 ms, far from the 32 MiB and 100,000-record caps at 500 records/s
        assertThat(f.transactionSeconds()).isEqualTo(0.5);
        // one record/s per partition: a 0.5 s transaction writes a partition with probability 1 - e^-0.5
        double touched = 1 - Math.exp(-0.5);
        assertThat(f.partitionsPerTransaction()).isCloseTo(500 * touched, within(1e-9));
        assertThat(f.markersPerSecond()).isCloseTo(2 * 500 * touched / 0.5, within(1e-9));
        assertThat(f.runsPerPartitionPerDay()).isCloseTo(86_400 / 0.5 * touched, within(1e-6));
        assertThat(f.mapBytesPerDay()).isCloseTo(1_000 * 86_400 / 0.5 * touched * 4, within(1e-3));
        assertThat(f.mapBytesRetained()).isCloseTo(f.mapBytesPerDay() * 7, within(1e-3));
    }

    @Test
    void aBusyTaskEndsItsTransactionsAtTheByteCapBeforeTwoSeconds() {
        // 100,000 partitions at 1 GB/s, 25,000 records/s a task: 2 s by partitions, but 32 MiB fills first
        ScalePlan.Figures f = new ScalePlan(100_000, 1e9, 1000, 25_000, 4, 1, 6, 4, 7, 2L << 30).figures();

        assertThat(f.tasks()).isEqualTo(40);
        assertThat(f.transactionSeconds()).isCloseTo(32.0 * 1024 * 1024 / (25_000 * 1000), within(1e-9));
        assertThat(f.transactionBytes()).isCloseTo(32.0 * 1024 * 1024, within(1e-3));
        assertThat(new ScalePlan(100_000, 1e9, 1000, 25_000, 4, 1, 6, 4, 7, 2L << 30).markdown())
                .contains("| tasks | 40 |")
                .contains("| workers | 10 |");
    }
}
