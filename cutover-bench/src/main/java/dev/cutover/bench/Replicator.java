package dev.cutover.bench;

/**
 * Something that copies a topic from one cluster to another: a contender in {@link LinkBenchmark}.
 *
 * <p>Contract: {@link #start} returns promptly and copies, in the background, every record of the job's topic on the
 * source, from the beginning of each partition, to the topic of the same name on the target, into the same partition.
 * The target topic exists, is empty and has the source's partition count. Copying goes on until the returned handle is
 * closed; {@code close()} stops all threads and releases all clients, and may block until it has.
 */
public interface Replicator {
    /** A short name for reports, e.g. {@code copy loop}. */
    String name();

    /**
     * Starts copying.
     *
     * @param job the clusters' client properties (at least {@code bootstrap.servers}), the topic and its shape
     * @return a handle that stops the copy when closed
     */
    AutoCloseable start(CopyJob job) throws Exception;

    /**
     * Whether this replicator carries consumer group offsets to the target by itself (so the benchmark should measure
     * how accurately it does).
     */
    default boolean translatesGroupOffsets() {
        return false;
    }

    /**
     * A running copy that counts what it copied. Transactional copies put a commit marker after each transaction,
     * which takes an offset too, so for them the target's end offsets overstate the records copied. The count may run
     * ahead of what is committed (records acknowledged inside a transaction still open): the benchmark also waits
     * until no transaction is open on the target topic before it stops the clock.
     */
    interface Counting extends AutoCloseable {
        long copied();

        /** Stops the copy; never throws {@link InterruptedException} (it restores the interrupt flag instead). */
        @Override
        void close();
    }

    /** A running copy that keeps an offset map on the target, in a topic whose size the benchmark reports. */
    interface KeepsOffsetMap {
        /** The target topic holding the map, e.g. {@code __cutover.<link>.offsets}. */
        String offsetMapTopic();
    }
}
