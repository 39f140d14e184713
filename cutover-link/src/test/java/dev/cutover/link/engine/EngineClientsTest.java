package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineClientsTest {

    @Test
    void batchesAreAsLargeAsTheCapAllowsForAFewPartitions() {
        assertThat(EngineClients.batchSize(Long.MAX_VALUE, 4)).isEqualTo(EngineClients.BATCH_CAP);
    }

    @Test
    void noBatchExceedsTheSmallestMaxMessageBytes() {
        assertThat(EngineClients.batchSize(100_000, 4)).isEqualTo(100_000 - EngineClients.BATCH_OVERHEAD);
        assertThat(EngineClients.batchSize(1_000, 4))
                .as("never below the floor")
                .isEqualTo(EngineClients.MIN_BATCH);
    }

    @Test
    void atThousandsOfPartitionsEveryPartitionCanHoldABatchWithinTheBuffer() {
        int batch = EngineClients.batchSize(Long.MAX_VALUE, 1_000);
        assertThat(batch * 1_000L * 2).isLessThanOrEqualTo(EngineClients.BUFFER_MEMORY);
        assertThat(EngineClients.batchSize(Long.MAX_VALUE, 10_000)).isEqualTo(EngineClients.MIN_BATCH);
    }
}
