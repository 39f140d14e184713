package dev.cutover.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * One contender copying one topic once.
 *
 * @param copy from {@code start()} until the target's end offsets reached the record count
 * @param firstRecord from {@code start()} until the target held its first record
 * @param heap approximate heap growth in this JVM during the copy (see {@link HeapSampler})
 * @param targetRecords records counted on the target topic afterwards (read committed)
 * @param partitionsMatch whether every target partition holds exactly as many records as its source partition
 * @param translation where the contender put the benchmark group on the target, if it translates offsets
 */
public record CopyRun(
        Duration copy,
        Duration firstRecord,
        HeapSampler.HeapUse heap,
        long targetRecords,
        boolean partitionsMatch,
        Optional<OffsetTranslation> translation) {

    /** Records per second over the whole copy, start-up included. */
    public double recordsPerSecond(long records) {
        return records / Stats.secs(copy);
    }

    /** Records per second after the first record arrived: the steady rate, without start-up. */
    public double steadyRecordsPerSecond(long records) {
        Duration steady = copy.minus(firstRecord);
        return steady.isZero() || steady.isNegative() ? Double.NaN : records / Stats.secs(steady);
    }
}
