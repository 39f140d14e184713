package dev.cutover.bench;

import java.util.Map;

/**
 * Something that copies a topic from one cluster to another: a contender in {@link LinkBenchmark}.
 *
 * <p>Contract: {@link #start} returns promptly and copies, in the background, every record of {@code topic} on the
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
     * @param source client properties of the source cluster (at least {@code bootstrap.servers})
     * @param target client properties of the target cluster
     * @param topic the topic to copy; the target topic has the same name
     * @return a handle that stops the copy when closed
     */
    AutoCloseable start(Map<String, Object> source, Map<String, Object> target, String topic) throws Exception;

    /**
     * Whether this replicator carries consumer group offsets to the target by itself (so the benchmark should measure
     * how accurately it does).
     */
    default boolean translatesGroupOffsets() {
        return false;
    }

    /**
     * A running copy that counts what it copied. Transactional copies put a commit marker after each transaction,
     * which takes an offset too, so for them the target's end offsets overstate the records copied.
     */
    interface Counting extends AutoCloseable {
        long copied();

        /** Stops the copy; never throws {@link InterruptedException} (it restores the interrupt flag instead). */
        @Override
        void close();
    }
}
