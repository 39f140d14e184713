package dev.cutover.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a command in the foreground until the process is asked to stop (SIGINT, SIGTERM), lets the command close
 * what it started, and ends the process with the command's status: 0 when the cleanup went well, because a stop the
 * user asked for is a clean stop, not a failure.
 *
 * <p>It works with a shutdown hook. The hook acts only while the command waits in {@link #awaitStopRequest()} (so an
 * ordinary exit keeps its own status): it releases the command, waits (bounded) until the command reports its cleanup
 * with {@link #finished(int)}, then halts with that status. Without it, the JVM would end with 128+signal.
 */
final class Foreground {
    private static final Duration CLEANUP_LIMIT = Duration.ofSeconds(60);
    private static final int CLEANUP_TIMED_OUT = dev.cutover.api.Reason.INTERNAL.exitCode();

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean waiting;
    private volatile int status = CLEANUP_TIMED_OUT;

    private Foreground() {}

    /** Starts listening for a stop request. */
    static Foreground listen() {
        Foreground foreground = new Foreground();
        Runtime.getRuntime().addShutdownHook(new Thread(foreground::onShutdown, "cutover-stop"));
        return foreground;
    }

    /** Blocks until the process is asked to stop. */
    void awaitStopRequest() {
        waiting = true;
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the wait without a stop request: the command's work ended by itself (done, or failed). */
    void release() {
        stopRequested.countDown();
    }

    /** The command has closed everything (status 0) or failed to (non-zero): the process ends with that status. */
    void finished(int exitStatus) {
        status = exitStatus;
        finished.countDown();
    }

    private void onShutdown() {
        if (!waiting) {
            return;
        }
        stopRequested.countDown();
        try {
            finished.await(CLEANUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(status);
    }
}
