package dev.cutover.link.engine;

import java.util.OptionalLong;

/** Keeps the copied bytes per second under a limit, if there is one, by sleeping after each transaction. */
final class Throttle {
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
}
