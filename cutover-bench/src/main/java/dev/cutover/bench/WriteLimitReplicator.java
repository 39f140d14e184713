package dev.cutover.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The target's write limit: no copy at all, one producer writing the job's records straight to the target topic, the
 * same keys, values, headers and partitions as {@link SourceFiller} wrote to the source (same seed), with the copy
 * loop's producer settings. What any replicator into this target can at best reach on this machine.
 */
public final class WriteLimitReplicator implements Replicator {
    public static final String NAME = "write limit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AutoCloseable start(CopyJob job) {
        Writer writer = new Writer(job);
        writer.thread.start();
        return writer;
    }

    private static final class Writer implements AutoCloseable {
        private final Thread thread;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private volatile boolean stopped;

        Writer(CopyJob job) {
            this.thread = new Thread(
                    () -> {
                        try {
                            SourceFiller.write(
                                    job.target(),
                                    job.topic(),
                                    job.partitions(),
                                    job.records(),
                                    job.valueSize(),
                                    job.seed(),
                                    () -> stopped);
                        } catch (RuntimeException e) {
                            failure.set(e);
                        }
                    },
                    "write-limit-" + job.topic());
            this.thread.setDaemon(true);
        }

        @Override
        public void close() {
            stopped = true;
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RuntimeException e = failure.get();
            if (e != null) {
                throw new IllegalStateException("the write limit's producer failed: " + e.getMessage(), e);
            }
        }
    }
}
