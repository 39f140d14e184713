package dev.cutover.bench;

/**
 * {@code batch.size} and {@code buffer.memory} for a producer that writes to many partitions at once. A producer keeps
 * one open batch per partition, each taking a whole {@code batch.size} from {@code buffer.memory}: 512 KiB batches
 * suit a few partitions, but 1,000 of them would need 512 MiB and the producer would wait for memory instead of
 * sending. Batches shrink with the partition count (to no less than 16 KiB) so that two rounds of them fit in 64 MiB,
 * and the buffer grows past 64 MiB only when 16 KiB batches do not fit (beyond 2,048 partitions).
 *
 * @param batchBytes {@code batch.size}: 512 KiB up to 64 partitions, then 64 MiB / (2 × partitions), at least 16 KiB
 * @param bufferBytes {@code buffer.memory}: 64 MiB, or 2 × partitions × batch if that is more
 */
record ProducerSizing(int batchBytes, long bufferBytes) {
    private static final long BUFFER = 64L * 1024 * 1024;
    private static final int MAX_BATCH = 512 * 1024;
    private static final int MIN_BATCH = 16 * 1024;

    static ProducerSizing forPartitions(int partitions) {
        int batch = (int) Math.max(MIN_BATCH, Math.min(MAX_BATCH, BUFFER / (2L * partitions)));
        return new ProducerSizing(batch, Math.max(BUFFER, 2L * partitions * batch));
    }
}
