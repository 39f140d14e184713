package dev.cutover.server.dashboard;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition, checking it again and again until a deadline; never waits a fixed time for timing's sake. */
final class Await {
    private Await() {}

    static <T> T until(String what, Duration timeout, Callable<T> check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = check.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e instanceof Exception ex ? ex : new Exception(e);
            }
            Thread.onSpinWait();
            Thread.sleep(100); // between checks only
        }
        throw new AssertionError("not within " + timeout + ": " + what + (last == null ? "" : " (last: " + last + ")"));
    }
}
