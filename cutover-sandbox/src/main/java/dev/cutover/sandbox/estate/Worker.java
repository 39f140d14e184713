package dev.cutover.sandbox.estate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the estate running on its own daemon thread ({@value #THREAD_PREFIX}{@code <client.id>}). A session
 * creates the Kafka client and uses it until {@link #stop()} or an error; after a retriable error the worker backs off
 * and starts a new session, after a fatal one (see {@link Failures}) it reports an {@link EstateProblem} and ends.
 */
abstract class Worker {
    static final String THREAD_PREFIX = "estate-";
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String clientId;
    private final Consumer<EstateProblem> problems;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong progress = new AtomicLong();
    private volatile Thread thread;
    private volatile long startedNanos;

    Worker(String clientId, Consumer<EstateProblem> problems) {
        this.clientId = clientId;
        this.problems = problems;
    }

    final String clientId() {
        return clientId;
    }

    /** Units of work done so far (records sent, records processed, transactions committed...). */
    final long progress() {
        return progress.get();
    }

    final void progressed(long units) {
        progress.addAndGet(units);
    }

    final boolean running() {
        return stopped.getCount() > 0;
    }

    final synchronized void start() {
        if (thread != null) {
            return;
        }
        startedNanos = System.nanoTime();
        Thread t = new Thread(this::supervise, THREAD_PREFIX + clientId);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Uses the client until stopped; throws to end the session. */
    protected abstract void session() throws Exception;

    /** Interrupts a blocking client call of the current session, if the client supports it. */
    protected void wakeup() {}

    /** Sleeps, returning early (false) when the worker is stopped. */
    protected final boolean pause(Duration duration) {
        try {
            return !stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void supervise() {
        Duration backoff = Duration.ofMillis(250);
        int failuresWithoutProgress = 0;
        while (running()) {
            long progressBefore = progress();
            try {
                session();
            } catch (Throwable e) {
                if (!running()) {
                    break;
                }
                failuresWithoutProgress = progress() > progressBefore ? 1 : failuresWithoutProgress + 1;
                Duration up = Duration.ofNanos(System.nanoTime() - startedNanos);
                if (Failures.isFatal(e, up) || failuresWithoutProgress >= Failures.RETRY_BUDGET) {
                    EstateProblem problem = EstateProblem.of(clientId, Failures.unwrap(e));
                    log.error("estate client {} gave up: {}", clientId, problem.error());
                    problems.accept(problem);
                    return;
                }
                log.warn("estate client {} failed, retrying in {} ms: {}", clientId, backoff.toMillis(), e.toString());
                if (!pause(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        log.debug("estate client {} stopped", clientId);
    }

    /** Asks the worker to stop; see {@link #join}. */
    final void stop() {
        stopped.countDown();
        wakeup();
    }

    /** Waits for the worker's thread to end; true if it did. */
    final boolean join(Duration timeout) {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        try {
            t.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }
}
