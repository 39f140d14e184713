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
     * Starts what the contender needs running before the clock starts — what would already run where it is used, such
     * as Kafka Connect workers waiting for a connector — and returns it ready to {@linkplain Staged#start start the
     * copy}, which the benchmark times. Closing it (after the copy's handle) stops what it started. The default starts
     * nothing: {@link Staged#start} is {@link #start(CopyJob)}.
     */
    default Staged stage(CopyJob job) throws Exception {
        return new Staged() {
            @Override
            public AutoCloseable start() throws Exception {
                return Replicator.this.start(job);
            }

            @Override
            public void close() {}
        };
    }

    /** A contender staged for one copy: {@link #start} starts the copy, as {@link Replicator#start} does. */
    interface Staged extends AutoCloseable {
        AutoCloseable start() throws Exception;

        /** Stops what {@link Replicator#stage} started; never throws (a copy's figures do not depend on it). */
        @Override
        void close();
    }

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

    /**
     * A running copy in JVMs of its own (Kafka Connect workers), so that nothing in this JVM counts what it copied: the
     * benchmark counts its committed copies on the target ({@link TargetProgress}), asks it whether it still runs, and
     * samples its workers once the copy is complete.
     */
    interface OutOfProcess extends AutoCloseable {
        /**
         * Throws, saying why, when the copy can no longer complete: a worker exited, the connector or a task failed.
         * Asked about once a second.
         */
        void check() throws Exception;

        /** The workers now: memory, and what their tasks did. */
        WorkerFigures workers();

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
