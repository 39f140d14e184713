package dev.cutover.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One contender copying one topic once.
 *
 * @param copy from {@code start()} until the target held every record, committed (or until the run failed)
 * @param firstRecord from {@code start()} until the target held its first committed record, if it ever did
 * @param copied records the contender had copied when the clock stopped (all of them unless it failed)
 * @param heap approximate peak heap growth in this JVM during the copy (see {@link HeapSampler})
 * @param retainedBytes heap this JVM retained after full collections while the contender ran, caught up, minus the same
 *     just before it started ({@link HeapSampler#usedAfterFullGc()}); empty if the copy did not complete
 * @param targetRecords records counted on the target topic afterwards (read committed)
 * @param partitionsMatch whether every target partition holds exactly as many records as its source partition
 * @param translation where the contender put the benchmark group on the target, if it translates offsets
 * @param offsetMap the size of the contender's offset map on the target, if it keeps one
 * @param failure why the run did not complete, if it did not
 * @param workers the contender's own worker JVMs when it copies outside this one, sampled once the copy completed
 */
public record CopyRun(
        Duration copy,
        Optional<Duration> firstRecord,
        long copied,
        HeapSampler.HeapUse heap,
        OptionalLong retainedBytes,
        long targetRecords,
        boolean partitionsMatch,
        Optional<OffsetTranslation> translation,
        Optional<OffsetMapSize> offsetMap,
        Optional<String> failure,
        Optional<WorkerFigures> workers) {

    /** A run of a contender that copies in this JVM. */
    public CopyRun(
            Duration copy,
            Optional<Duration> firstRecord,
            long copied,
            HeapSampler.HeapUse heap,
            OptionalLong retainedBytes,
            long targetRecords,
            boolean partitionsMatch,
            Optional<OffsetTranslation> translation,
            Optional<OffsetMapSize> offsetMap,
            Optional<String> failure) {
        this(
                copy,
                firstRecord,
                copied,
                heap,
                retainedBytes,
                targetRecords,
                partitionsMatch,
                translation,
                offsetMap,
                failure,
                Optional.empty());
    }

    public boolean completed() {
        return failure.isEmpty();
    }

    /** Records per second over the whole copy, start-up included. */
    public double recordsPerSecond(long records) {
        return records / Stats.secs(copy);
    }

    /** Records per second after the first record arrived: the steady rate, without start-up. */
    public double steadyRecordsPerSecond(long records) {
        if (firstRecord.isEmpty()) {
            return Double.NaN;
        }
        Duration steady = copy.minus(firstRecord.get());
        return steady.isZero() || steady.isNegative() ? Double.NaN : records / Stats.secs(steady);
    }
}
