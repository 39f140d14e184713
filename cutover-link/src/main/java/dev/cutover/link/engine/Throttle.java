package dev.cutover.link.engine;

import java.util.OptionalLong;

/**
 * Keeps the copied bytes per second under a limit, if there is one: by sleeping after each transaction until the
 * bytes copied so far are due, and by keeping each transaction (and each fetch feeding it) to a quarter second's worth
 * of the limit, so that the copy never runs ahead of the limit by more than about one transaction, and what the link
 * holds in memory at once shrinks with the limit.
 */
final class Throttle {
    /** The share of a second's bytes one transaction or fetch may carry under a limit. */
    private static final int SLICES_PER_SECOND = 4;
    /** Fetches smaller than this cost more in round trips than they save (the limit still holds, by sleeping). */
    private static final long MIN_FETCH_BYTES = 16 * 1024;

    private final OptionalLong bytesPerSecond;
    private final long start = System.nanoTime();
    private long bytes;

    Throttle(OptionalLong bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    void acquire(long copied) {
        if (bytesPerSecond.isEmpty() || copied == 0) {
            return;
        }
        bytes += copied;
        long dueNanos = (long) (bytes * 1e9 / bytesPerSecond.getAsLong());
        long aheadNanos = dueNanos - (System.nanoTime() - start);
        if (aheadNanos > 0) {
            try {
                Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The bytes after which a transaction stops taking more polls: {@code cap}, or less under a limit. */
    long transactionBytes(long cap) {
        return slice(bytesPerSecond, cap);
    }

    /**
     * A consumer fetch size ({@code fetch.max.bytes}, {@code max.partition.fetch.bytes}): {@code fallback}, or less
     * under a limit. Kafka returns at least one record batch per fetch whatever this says, so the copy always moves.
     */
    static int fetchBytes(OptionalLong bytesPerSecond, int fallback) {
        return (int) slice(bytesPerSecond, fallback);
    }

    private static long slice(OptionalLong bytesPerSecond, long cap) {
        if (bytesPerSecond.isEmpty()) {
            return cap;
        }
        return Math.min(cap, Math.max(MIN_FETCH_BYTES, bytesPerSecond.getAsLong() / SLICES_PER_SECOND));
    }
}
