package dev.cutover.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Tests' one way to wait for a condition: checks it until it holds (a value that is neither null nor false) or the
 * deadline passes, then fails saying what was awaited and the last error seen. Between two checks it yields briefly;
 * it never waits a fixed time for timing's sake.
 */
public final class Await {
    /** Between checks of a condition that cannot be waited on as an event (an HTTP answer, a file, another JVM). */
    private static final long POLL_MS = 100;

    private Await() {}

    public static <T> T until(String what, Duration timeout, Callable<T> check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                T value = check.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not within " + timeout + ": " + what + (last == null ? "" : " (last: " + last + ")"), last);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_MS * 1_000_000L);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + what);
            }
        }
    }
}
