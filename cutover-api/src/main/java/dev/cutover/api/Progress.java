package dev.cutover.api;

import java.util.OptionalLong;

/**
 * Where long work stands, told by the module that does it and shown by its caller: the command line draws a bar on a
 * terminal and writes plain lines in a log, a test or a server may ignore it ({@link #none()}). Modules call it; they
 * never print progress themselves.
 *
 * <p>Figures must be true when told: a total that is not known is {@link OptionalLong#empty()}, never a guess. A total
 * may change while the work runs (a source that keeps growing). Implementations are thread-safe and never throw to the
 * caller.
 */
@FunctionalInterface
public interface Progress {
    /**
     * Begins a task.
     *
     * @param name what is done, e.g. {@code "link orders"} or {@code "verify"}
     * @param unit what {@code done} counts, plural, e.g. {@code "records"}, {@code "partitions"}
     * @param total how many there are to do, when known
     */
    Task begin(String name, String unit, OptionalLong total);

    /** A task that shows nothing: for callers that do not show progress. */
    static Progress none() {
        return (name, unit, total) -> Task.NONE;
    }

    /** One task's progress, told as it goes; {@link #close()} when it ends, whether or not it finished. */
    interface Task extends AutoCloseable {
        /** A task that shows nothing. */
        Task NONE = new Task() {
            @Override
            public void update(long done, OptionalLong total) {}

            @Override
            public void note(String text) {}

            @Override
            public void close() {}
        };

        /** How much is done so far, and the total as known now. */
        void update(long done, OptionalLong total);

        /** What the task does now, in a few words (shown beside the figures; replaces the previous note). */
        void note(String text);

        /** The task ended: shows its last figures once more and nothing after. */
        @Override
        void close();
    }
}
