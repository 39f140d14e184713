package dev.cutover.inventory.cluster;

import java.time.Duration;

/** A point in time, measured with the monotonic clock, that waits must not pass. */
record Deadline(long nanos) {
    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    long remainingMillis() {
        return Math.max(0, (nanos - System.nanoTime()) / 1_000_000);
    }
}
