package dev.cutover.link.engine;

import java.util.StringJoiner;
import java.util.function.LongSupplier;

/**
 * Where a run's start-up spends its time, phase by phase, for the log: at thousands of partitions start-up takes tens
 * of seconds, and the line written at the end of it says which phase to look at.
 */
final class StartClock {
    private final LongSupplier nanos;
    private final long started;
    private long last;
    private final StringJoiner phases = new StringJoiner(", ");

    StartClock() {
        this(System::nanoTime);
    }

    StartClock(LongSupplier nanos) {
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.last = started;
    }

    /** Ends a phase: the time since the previous one ended (or since the start) is put to its name. */
    void lap(String phase) {
        long now = nanos.getAsLong();
        phases.add(phase + " " + millis(now - last) + " ms");
        last = now;
    }

    /** For example {@code "start-up took 1840 ms (cluster ids 12 ms, topic sync 1500 ms, …)"}. */
    String summary() {
        return summary("start-up took");
    }

    /** The summary with another lead, e.g. {@code "took"}. */
    String summary(String lead) {
        return lead + " " + elapsedMillis() + " ms (" + phases + ")";
    }

    long elapsedMillis() {
        return millis(nanos.getAsLong() - started);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
