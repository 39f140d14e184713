package dev.cutover.bench;

import dev.cutover.sandbox.TempDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka Connect workers of one copy ({@link ConnectWorker}), one group, in a temporary directory of their own that
 * holds their configurations and logs. {@link #close} stops them all side by side and deletes the directory, unless
 * something failed ({@link #failed}): then the logs stay for whoever reads the error naming it.
 */
final class ConnectWorkers implements AutoCloseable {
    final Path dir;
    final List<ConnectWorker> workers;
    volatile boolean failed;

    private ConnectWorkers(Path dir, List<ConnectWorker> workers) {
        this.dir = dir;
        this.workers = workers;
    }

    /**
     * Starts {@code count} workers of group {@code group} writing to {@code bootstrap}, side by side, and returns once
     * each has joined the group.
     *
     * @throws IllegalStateException when a worker exits or they are not all ready in time (the logs stay)
     */
    static ConnectWorkers start(int count, String bootstrap, String group, String maxHeap, Duration timeout)
            throws IOException, InterruptedException {
        ConnectWorkers started = new ConnectWorkers(TempDirs.create("cutover-bench-connect-"), new ArrayList<>());
        try {
            for (int i = 1; i <= count; i++) {
                started.workers.add(ConnectWorker.start(started.dir, "worker-" + i, bootstrap, group, maxHeap));
            }
            started.awaitReady(timeout);
            return started;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            started.failed = true;
            started.close();
            throw e;
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!workers.stream().allMatch(ConnectWorker::ready)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Connect workers did not join their group within "
                        + timeout.toSeconds() + " s; their logs are in " + dir);
            }
            Thread.sleep(100);
        }
    }

    /** Stops every worker side by side; keeps their logs if something failed. */
    @Override
    public void close() {
        workers.forEach(ConnectWorker::beginStop);
        workers.forEach(ConnectWorker::close);
        if (!failed) {
            TempDirs.deleteQuietly(dir);
        }
    }
}
