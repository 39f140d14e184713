package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerSizingTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aFewPartitionsKeepLargeBatches() {
        assertThat(ProducerSizing.forPartitions(4)).isEqualTo(new ProducerSizing(512 * 1024, 64 * MIB));
        assertThat(ProducerSizing.forPartitions(64)).isEqualTo(new ProducerSizing(512 * 1024, 64 * MIB));
    }

    @Test
    void batchesShrinkSoThatEveryPartitionsOpenBatchFitsTwiceInTheBuffer() {
        ProducerSizing thousand = ProducerSizing.forPartitions(1_000);
        assertThat(thousand.batchBytes()).isEqualTo(33_554);
        assertThat(2L * 1_000 * thousand.batchBytes()).isLessThanOrEqualTo(thousand.bufferBytes());
        assertThat(thousand.bufferBytes()).isEqualTo(64 * MIB);
    }

    @Test
    void beyondTheSmallestBatchTheBufferGrows() {
        ProducerSizing tenThousand = ProducerSizing.forPartitions(10_000);
        assertThat(tenThousand.batchBytes()).isEqualTo(16 * 1024);
        assertThat(tenThousand.bufferBytes()).isEqualTo(2L * 10_000 * 16 * 1024);
    }
}
