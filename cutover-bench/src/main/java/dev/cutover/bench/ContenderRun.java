package dev.cutover.bench;

import dev.cutover.sandbox.process.ClusterProcess;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;

/**
 * One contender copying one topic once, measured: what it needs running first is started ({@link Replicator#stage},
 * not timed); the clock runs from {@link Replicator.Staged#start} until the target holds every record, committed; then,
 * with the contender still running, its workers' memory (when it runs outside this JVM), the heap it retains, where it
 * moved the benchmark group and how big its offset map is; then it is stopped and the target is read in full. A
 * contender that fails or does not finish in time yields a failed {@link CopyRun} saying why (and what it had done by
 * then) instead of ending the benchmark.
 *
 * <p>What "copied" means: a {@link Replicator.Counting} contender's own count; for a {@link Replicator.OutOfProcess}
 * one, the records committed on the target ({@link TargetProgress}); otherwise the target's end offsets (exact for
 * contenders that write no commit markers).
 */
final class ContenderRun {
    static final Duration TRANSLATION_SETTLE = Duration.ofSeconds(3);
    /** How often a contender running outside this JVM is asked whether it still runs. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    /** The clusters of a benchmark. */
    record Clusters(ClusterProcess source, ClusterProcess target, Admin sourceAdmin, Admin targetAdmin) {}

    /** A filled source topic: its shape, how many records each partition holds and where the group is committed. */
    record Topic(CopyJob job, SourceFiller.Index index, Map<Integer, Long> counts, Map<Integer, Long> committed) {
        /** The same topic, copied into another target cluster. */
        Topic onTarget(Map<String, Object> target) {
            CopyJob j = job;
            return new Topic(
                    new CopyJob(j.source(), target, j.topic(), j.partitions(), j.records(), j.valueSize(), j.seed()),
                    index,
                    counts,
                    committed);
        }
    }

    private final Clusters clusters;
    private final Topic topic;

    ContenderRun(Clusters clusters, Topic topic) {
        this.clusters = clusters;
        this.topic = topic;
    }

    /** How often the target is polled: every 20 ms on small topics, less often with thousands of partitions. */
    static Duration pollInterval(int partitions) {
        return Duration.ofMillis(Math.max(20, Math.min(500, partitions / 10)));
    }

    /**
     * How long the benchmark's own reads of the target (where the group resumes, the offset map) may take: a minute, and
     * a second more per 20 partitions (at 10,000 partitions written in many small transactions a read_committed reader
     * needs minutes).
     */
    static Duration readTimeout(int partitions) {
        return Duration.ofSeconds(60 + partitions / 20);
    }

    /** How long a contender may take to copy the whole topic before it counts as failed. */
    static Duration copyTimeout(CopyJob job) {
        return Duration.ofSeconds(120 + job.records() / 5_000 + job.partitions() / 20);
    }

    CopyRun copy(Replicator replicator) throws Exception {
        CopyJob job = topic.job();
        Admin targetAdmin = clusters.targetAdmin();
        BenchTopics.create(targetAdmin, job.topic(), job.partitions());
        Duration poll = pollInterval(job.partitions());
        Duration timeout = copyTimeout(job);
        Optional<Duration> firstRecord = Optional.empty();
        Duration copy = Duration.ZERO;
        long copied = 0;
        OptionalLong retained = OptionalLong.empty();
        Optional<OffsetTranslation> translation = Optional.empty();
        Optional<OffsetMapSize> offsetMap = Optional.empty();
        Optional<String> failure = Optional.empty();
        Optional<WorkerFigures> workers = Optional.empty();
        HeapSampler.HeapUse heap = new HeapSampler.HeapUse(0, 0);
        HeapSampler sampler = null;
        Replicator.Staged staged = null;
        TargetProgress progress = null;
        long t0 = System.nanoTime();
        try {
            staged = replicator.stage(job); // before the clock: e.g. Connect workers, which would already run
            long heapBefore = HeapSampler.usedAfterFullGc();
            sampler = HeapSampler.start();
            t0 = System.nanoTime();
            try (AutoCloseable running = staged.start()) {
                Replicator.OutOfProcess outside = running instanceof Replicator.OutOfProcess o ? o : null;
                if (outside != null) {
                    progress = new TargetProgress(
                            clusters.target().clientProperties(), job.topic(), job.partitions(), topic.index());
                }
                long nextCheck = t0 + CHECK_EVERY.toNanos();
                boolean done = false;
                while (!done) {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                    Map<Integer, Long> ends = firstRecord.isEmpty() || !(running instanceof Replicator.Counting)
                            ? BenchTopics.endOffsets(targetAdmin, job.topic(), job.partitions())
                            : Map.of();
                    long committed = BenchTopics.sum(ends);
                    if (firstRecord.isEmpty() && committed > 0) {
                        firstRecord = Optional.of(elapsed);
                    }
                    if (running instanceof Replicator.Counting counting) {
                        copied = counting.copied();
                    } else {
                        copied = progress != null ? progress.copied(ends) : committed;
                    }
                    if (copied >= job.records()
                            && !BenchTopics.transactionOpen(targetAdmin, job.topic(), job.partitions())) {
                        copy = Duration.ofNanos(System.nanoTime() - t0);
                        done = true;
                    } else if (elapsed.compareTo(timeout) > 0) {
                        throw new TimedOut(String.format(
                                "copied %,d of %,d records in %d s; gave up",
                                copied, job.records(), timeout.toSeconds()));
                    } else {
                        if (outside != null && System.nanoTime() >= nextCheck) {
                            outside.check();
                            nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
                        }
                        Thread.sleep(poll.toMillis());
                    }
                }
                if (outside != null) {
                    workers = Optional.of(outside.workers());
                }
                heap = sampler.stop();
                retained = OptionalLong.of(HeapSampler.usedAfterFullGc() - heapBefore);
                if (replicator.translatesGroupOffsets()) {
                    translation = Optional.of(ResumePoints.measure(
                            clusters.target().clientProperties(),
                            job.topic(),
                            topic.index(),
                            topic.counts(),
                            topic.committed(),
                            settledTranslation(targetAdmin, job.topic(), job.partitions()),
                            readTimeout(job.partitions())));
                }
                if (running instanceof Replicator.KeepsOffsetMap keeper) {
                    offsetMap = Optional.of(OffsetMapSize.measure(
                            targetAdmin,
                            clusters.target().clientProperties(),
                            keeper.offsetMapTopic(),
                            readTimeout(job.partitions())));
                }
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (copy.isZero()) { // else the copy completed and a later measurement failed: its time stands
                copy = Duration.ofNanos(System.nanoTime() - t0);
            }
            failure = Optional.of(e instanceof TimedOut ? e.getMessage() : describe(e));
        } finally {
            if (sampler != null) {
                sampler.close();
            }
            if (progress != null) {
                progress.close();
            }
            if (staged != null) {
                staged.close();
            }
        }
        Map<Integer, Long> targetCounts;
        try {
            targetCounts =
                    BenchTopics.count(targetAdmin, clusters.target().clientProperties(), job.topic(), job.partitions());
        } catch (IllegalStateException | java.util.concurrent.ExecutionException e) {
            // The run is failed (not the benchmark): e.g. a transaction the contender left open keeps read_committed
            // readers from the end.
            targetCounts = Map.of();
            String unread = "the target could not be read to its end (" + describe(e) + ")";
            failure = Optional.of(failure.map(f -> f + "; " + unread).orElse(unread));
        }
        BenchTopics.delete(targetAdmin, job.topic());
        BenchTopics.deleteGroup(targetAdmin, LinkBenchmark.GROUP);
        return new CopyRun(
                copy,
                firstRecord,
                copied,
                heap,
                retained,
                BenchTopics.sum(targetCounts),
                targetCounts.equals(topic.counts()),
                translation,
                offsetMap,
                failure,
                workers);
    }

    /** The exception and its causes, one line. */
    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            s.append("; caused by ").append(c);
        }
        return s.toString().replace('\n', ' ');
    }

    /**
     * The group's offsets on the target once every partition has one and they stopped changing, or whatever is there at
     * the time-out.
     */
    private static Map<Integer, Long> settledTranslation(Admin targetAdmin, String topic, int partitions)
            throws Exception {
        Duration timeout = Duration.ofSeconds(30 + partitions / 50);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, Long> last = BenchTopics.committed(targetAdmin, LinkBenchmark.GROUP, topic);
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            Map<Integer, Long> now = BenchTopics.committed(targetAdmin, LinkBenchmark.GROUP, topic);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now.size() == partitions && System.nanoTime() - stableSince >= TRANSLATION_SETTLE.toNanos()) {
                return now;
            }
        }
        return last;
    }

    /** The contender did not copy everything in time. */
    private static final class TimedOut extends Exception {
        TimedOut(String message) {
            super(message);
        }
    }
}
