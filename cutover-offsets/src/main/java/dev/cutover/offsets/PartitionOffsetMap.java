package dev.cutover.offsets;

import dev.cutover.offsets.Translation.Exact;
import dev.cutover.offsets.Translation.NotCovered;
import dev.cutover.offsets.Translation.NotYetReplicated;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact source → target offset map of one replicated partition: an immutable value.
 *
 * <p>The link copies source partition p to target partition p record by record, in order, reading with
 * read_committed. Aborted records and control records are never copied; compacted or deleted offsets do not exist.
 * The target therefore receives a strictly increasing subsequence of source offsets at strictly increasing target
 * offsets. The map stores that correspondence as runs.
 *
 * <h2>Invariants</h2>
 *
 * <ol>
 *   <li><b>Runs.</b> A run {@code (sourceStart, targetStart, length)}, {@code length ≥ 1}, says that source offsets
 *       {@code sourceStart + i} were copied to target offsets {@code targetStart + i} for every {@code 0 ≤ i < length}:
 *       within a run both offsets increase by exactly 1, and every offset in it is a copied record.
 *   <li><b>Order.</b> Runs are disjoint and increasing in both coordinates: for runs a before b, {@code a.sourceEnd ≤
 *       b.sourceStart} and {@code a.targetEnd ≤ b.targetStart}, and not both equal — contiguous appends merge into one
 *       run, so a gapless partition is one run however many records it holds.
 *   <li><b>Coverage.</b> {@code 0 ≤ coveredFrom ≤ first run's sourceStart} (where the link started reading the
 *       source; a link started at "latest" starts late), {@code last run's sourceEnd ≤ coveredTo} (the link's source
 *       consumer position, exclusive: every offset in {@code [coveredFrom, coveredTo)} that is not in a run was read and
 *       held no record to copy — an aborted record, a transaction marker, or nothing).
 *   <li><b>Target.</b> {@code 0 ≤ targetFrom ≤ first run's targetStart} (where the link started writing), {@code last
 *       run's targetEnd ≤ targetNext} (the next target offset the link will write at); target offsets in {@code
 *       [targetFrom, targetNext)} outside every run hold no record (e.g. the link's own control records).
 *   <li><b>Source log start.</b> {@code sourceLogStart} is a lower bound of the source partition's log start offset: no
 *       source offset below it holds a readable record. It starts at the value given at link start (0 if unknown) and
 *       only rises ({@link #trimBelowSource}). Runs may start below it (a trimmed map keeps a straddling run whole).
 *   <li><b>Target log start.</b> {@code targetLogStart} is, symmetrically, a lower bound of the target partition's log
 *       start offset (0 if unknown; it never moves the runs). If the target partition was empty when the link started,
 *       give its log start (= {@code targetFrom}) so that target offsets below {@code targetFrom} translate back.
 * </ol>
 *
 * <p>Appends (via {@link Builder} or {@link #withCopied}) keep these invariants or fail with {@link
 * IllegalArgumentException}: a copied source offset must be ≥ {@code coveredTo} (hence above every copied one) and a
 * target offset ≥ {@code targetNext}; {@code coveredTo} and {@code targetNext} never decrease.
 *
 * <h2>Translation</h2>
 *
 * See {@link #translate(long)} and {@link #translateReverse(long)}. Both are O(log runs).
 */
public final class PartitionOffsetMap {
    private final long coveredFrom;
    private final long coveredTo;
    private final long sourceLogStart;
    private final long targetFrom;
    private final long targetLogStart;
    private final long targetNext;
    private final long[] sourceStarts;
    private final long[] targetStarts;
    private final long[] lengths;

    private PartitionOffsetMap(Builder b) {
        this.coveredFrom = b.coveredFrom;
        this.coveredTo = b.coveredTo;
        this.sourceLogStart = b.sourceLogStart;
        this.targetFrom = b.targetFrom;
        this.targetLogStart = b.targetLogStart;
        this.targetNext = b.targetNext;
        this.sourceStarts = Arrays.copyOf(b.sourceStarts, b.count);
        this.targetStarts = Arrays.copyOf(b.targetStarts, b.count);
        this.lengths = Arrays.copyOf(b.lengths, b.count);
    }

    /** An empty map for a link that starts reading the source at {@code coveredFrom} and writing at {@code targetNext}. */
    public static PartitionOffsetMap empty(long coveredFrom, long targetNext) {
        return builder(coveredFrom, targetNext).build();
    }

    /** A builder for a link that starts reading the source at {@code coveredFrom} and writing at {@code targetFrom}. */
    public static Builder builder(long coveredFrom, long targetFrom) {
        return new Builder(coveredFrom, targetFrom);
    }

    /** A builder holding this map, to append to. Copies the runs once; append many records, then build. */
    public Builder toBuilder() {
        Builder b = new Builder(coveredFrom, targetFrom)
                .sourceLogStart(sourceLogStart)
                .targetLogStart(targetLogStart);
        for (int i = 0; i < lengths.length; i++) {
            b.copiedRun(sourceStarts[i], targetStarts[i], lengths[i]);
        }
        return b.readUpTo(coveredTo).writesNextAt(targetNext);
    }

    /**
     * This map plus one batch from the link: {@code sourceOffsets[i]} was copied to {@code targetOffsets[i]}, and the
     * link has read the source up to {@code readUpTo} (exclusive). Copies the map: a link appending continuously
     * should keep a {@link Builder}.
     */
    public PartitionOffsetMap withCopied(long[] sourceOffsets, long[] targetOffsets, long readUpTo) {
        if (sourceOffsets.length != targetOffsets.length) {
            throw new IllegalArgumentException("batch has " + sourceOffsets.length + " source offsets but "
                    + targetOffsets.length + " target offsets");
        }
        Builder b = toBuilder();
        for (int i = 0; i < sourceOffsets.length; i++) {
            b.copied(sourceOffsets[i], targetOffsets[i]);
        }
        return b.readUpTo(readUpTo).build();
    }

    /**
     * Forgets the runs wholly below {@code sourceOffset} (those with {@code sourceEnd ≤ sourceOffset}) and records that
     * the source's log start is at least {@code sourceOffset}. Call it with the source partition's log start offset
     * when retention moves it. Translations of offsets ≥ {@code sourceOffset} are unchanged; an offset below it
     * translates as if it were {@code sourceOffset} (see {@link #translate}).
     */
    public PartitionOffsetMap trimBelowSource(long sourceOffset) {
        if (sourceOffset < 0) {
            throw new IllegalArgumentException("cannot trim below negative source offset " + sourceOffset);
        }
        int keepFrom = firstRunEndingAfterSource(sourceOffset);
        Builder b = new Builder(coveredFrom, targetFrom)
                .sourceLogStart(Math.max(sourceLogStart, sourceOffset))
                .targetLogStart(targetLogStart);
        for (int i = keepFrom; i < lengths.length; i++) {
            b.copiedRun(sourceStarts[i], targetStarts[i], lengths[i]);
        }
        return b.readUpTo(coveredTo).writesNextAt(targetNext).build();
    }

    /**
     * Translates a group's committed source offset {@code S} (the next record it would read) to the target offset to
     * commit. Let {@code S' = max(S, sourceLogStart)}: an offset below the source's log start resumes at the first
     * record still there, on the source as on the target. (Offsets are never negative, so a negative {@code S} is
     * treated as 0.)
     *
     * <ul>
     *   <li>{@code S' < coveredFrom}: {@link NotCovered} — the link started reading at {@code coveredFrom} and offsets
     *       in {@code [S', coveredFrom)} may hold records that were never copied. (If the link started at the source's
     *       log start, build the map with {@link Builder#sourceLogStart} = that log start, so {@code S' ≥ coveredFrom}.)
     *   <li>{@code S' > coveredTo}: {@link NotYetReplicated}{@code (coveredTo)} — wait for the link.
     *   <li>otherwise {@link Exact}: the target offset of the first copied record whose source offset is ≥ {@code S'};
     *       if there is none, every offset in {@code [S', coveredTo)} held no record, and the answer is {@code
     *       targetNext}, where the link writes the next record it copies.
     * </ul>
     */
    public Translation translate(long committedSourceOffset) {
        long s = Math.max(committedSourceOffset, sourceLogStart);
        if (s < coveredFrom) {
            return new NotCovered(
                    coveredFrom,
                    "the link started reading the source at offset " + coveredFrom + "; offsets before it were never"
                            + " copied, and the source log start is only known to be ≥ " + sourceLogStart);
        }
        if (s > coveredTo) {
            return new NotYetReplicated(coveredTo);
        }
        int i = firstRunEndingAfterSource(s);
        if (i == lengths.length) {
            return new Exact(targetNext);
        }
        return new Exact(targetStarts[i] + Math.max(0, s - sourceStarts[i]));
    }

    /**
     * Translates a group's committed target offset {@code T} back to a source offset, for rolling back a group that
     * consumed copied data on the target. The mirror of {@link #translate}: let {@code T' = max(T, targetLogStart)}.
     *
     * <ul>
     *   <li>{@code T' < targetFrom}: {@link NotCovered} — the link did not write there, and the target may hold other
     *       records before {@code targetFrom}.
     *   <li>{@code T' > targetNext}: {@link NotYetReplicated}{@code (targetNext)}.
     *   <li>otherwise {@link Exact}: the source offset of the first copied record whose target offset is ≥ {@code T'}
     *       and whose source offset is ≥ {@code sourceLogStart} (records below it are gone from the source); if there
     *       is none, {@code max(coveredTo, sourceLogStart)}: the group has consumed everything the link copied, and
     *       resumes where the link reads next.
     * </ul>
     */
    public Translation translateReverse(long committedTargetOffset) {
        long t = Math.max(committedTargetOffset, targetLogStart);
        if (t < targetFrom) {
            return new NotCovered(
                    targetFrom,
                    "the link started writing the target at offset " + targetFrom
                            + "; records before it were not written by the link, and the target log start is only"
                            + " known to be ≥ " + targetLogStart);
        }
        if (t > targetNext) {
            return new NotYetReplicated(targetNext);
        }
        int i = firstRunEndingAfterTarget(t);
        long source = i == lengths.length ? coveredTo : sourceStarts[i] + Math.max(0, t - targetStarts[i]);
        if (source < sourceLogStart) {
            int j = firstRunEndingAfterSource(sourceLogStart);
            source = j == lengths.length ? coveredTo : Math.max(sourceStarts[j], sourceLogStart);
        }
        return new Exact(Math.max(source, sourceLogStart));
    }

    /** The index of the first run with {@code sourceEnd > s}, or {@link #runCount()} if none. */
    int firstRunEndingAfterSource(long s) {
        return firstRunEndingAfter(sourceStarts, s);
    }

    private int firstRunEndingAfterTarget(long t) {
        return firstRunEndingAfter(targetStarts, t);
    }

    private int firstRunEndingAfter(long[] starts, long offset) {
        int lo = 0;
        int hi = lengths.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] + lengths[mid] > offset) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The first source offset the link was responsible for. */
    public long coveredFrom() {
        return coveredFrom;
    }

    /** The source position the link has read up to, exclusive. */
    public long coveredTo() {
        return coveredTo;
    }

    /** A lower bound of the source partition's log start offset. */
    public long sourceLogStart() {
        return sourceLogStart;
    }

    /** A lower bound of the target partition's log start offset. */
    public long targetLogStart() {
        return targetLogStart;
    }

    /** The first target offset the link wrote at. */
    public long targetFrom() {
        return targetFrom;
    }

    /** The next target offset the link will write at. */
    public long targetNext() {
        return targetNext;
    }

    public int runCount() {
        return lengths.length;
    }

    /** The runs, in order; a view, not a copy. */
    public List<Run> runs() {
        return new AbstractList<>() {
            @Override
            public Run get(int i) {
                return new Run(sourceStarts[i], targetStarts[i], lengths[i]);
            }

            @Override
            public int size() {
                return lengths.length;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionOffsetMap m
                && coveredFrom == m.coveredFrom
                && coveredTo == m.coveredTo
                && sourceLogStart == m.sourceLogStart
                && targetFrom == m.targetFrom
                && targetLogStart == m.targetLogStart
                && targetNext == m.targetNext
                && Arrays.equals(sourceStarts, m.sourceStarts)
                && Arrays.equals(targetStarts, m.targetStarts)
                && Arrays.equals(lengths, m.lengths);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(coveredTo) * 31 + Long.hashCode(targetNext) * 17 + Arrays.hashCode(sourceStarts);
    }

    @Override
    public String toString() {
        return "PartitionOffsetMap[source [" + coveredFrom + ", " + coveredTo + ") → target [" + targetFrom + ", "
                + targetNext + "), " + lengths.length + " runs, sourceLogStart=" + sourceLogStart + ", targetLogStart="
                + targetLogStart + "]";
    }

    /** Source offsets {@code [sourceStart, sourceStart + length)} were copied to {@code [targetStart, …)}, one by one. */
    public record Run(long sourceStart, long targetStart, long length) {
        public long sourceEnd() {
            return sourceStart + length;
        }

        public long targetEnd() {
            return targetStart + length;
        }
    }

    /** Appends to a map; not thread-safe. Every method validates the invariants of {@link PartitionOffsetMap}. */
    public static final class Builder {
        private final long coveredFrom;
        private final long targetFrom;
        private long coveredTo;
        private long targetNext;
        private long sourceLogStart;
        private long targetLogStart;
        private long[] sourceStarts = new long[4];
        private long[] targetStarts = new long[4];
        private long[] lengths = new long[4];
        private int count;

        private Builder(long coveredFrom, long targetFrom) {
            if (coveredFrom < 0 || targetFrom < 0) {
                throw new IllegalArgumentException(
                        "offsets are never negative: coveredFrom=" + coveredFrom + ", targetFrom=" + targetFrom);
            }
            this.coveredFrom = coveredFrom;
            this.coveredTo = coveredFrom;
            this.targetFrom = targetFrom;
            this.targetNext = targetFrom;
        }

        /**
         * Records that the source partition's log start offset is at least {@code logStart} (never lowers it). Give the
         * log start the link saw when it started: if the link started there, offsets below {@code coveredFrom} then
         * translate like {@code coveredFrom}.
         */
        public Builder sourceLogStart(long logStart) {
            if (logStart < 0) {
                throw new IllegalArgumentException("source log start " + logStart + " is negative");
            }
            sourceLogStart = Math.max(sourceLogStart, logStart);
            return this;
        }

        /**
         * Records that the target partition's log start offset is at least {@code logStart} (never lowers it). If the
         * target partition was empty when the link started, give {@code targetFrom}.
         */
        public Builder targetLogStart(long logStart) {
            if (logStart < 0) {
                throw new IllegalArgumentException("target log start " + logStart + " is negative");
            }
            targetLogStart = Math.max(targetLogStart, logStart);
            return this;
        }

        /** Source record {@code sourceOffset} was copied to target offset {@code targetOffset}. */
        public Builder copied(long sourceOffset, long targetOffset) {
            return copiedRun(sourceOffset, targetOffset, 1);
        }

        /** Source offsets {@code [sourceStart, sourceStart + length)} were copied to consecutive target offsets. */
        public Builder copiedRun(long sourceStart, long targetStart, long length) {
            if (length < 1) {
                throw new IllegalArgumentException("a run holds at least one record, got length " + length);
            }
            if (sourceStart < coveredTo) {
                throw new IllegalArgumentException("source offset " + sourceStart + " is below coveredTo " + coveredTo
                        + ": source offsets must strictly increase and lie beyond what the link has read");
            }
            if (targetStart < targetNext) {
                throw new IllegalArgumentException("target offset " + targetStart + " is below targetNext " + targetNext
                        + ": target offsets must strictly increase");
            }
            long sourceEnd = Math.addExact(sourceStart, length);
            long targetEnd = Math.addExact(targetStart, length);
            int last = count - 1;
            if (last >= 0
                    && sourceStarts[last] + lengths[last] == sourceStart
                    && targetStarts[last] + lengths[last] == targetStart) {
                lengths[last] += length;
            } else {
                if (count == lengths.length) {
                    int grown = count + (count >> 1) + 1;
                    sourceStarts = Arrays.copyOf(sourceStarts, grown);
                    targetStarts = Arrays.copyOf(targetStarts, grown);
                    lengths = Arrays.copyOf(lengths, grown);
                }
                sourceStarts[count] = sourceStart;
                targetStarts[count] = targetStart;
                lengths[count] = length;
                count++;
            }
            coveredTo = sourceEnd;
            targetNext = targetEnd;
            return this;
        }

        /** The link's source consumer position (exclusive) is {@code position}: everything before it was read. */
        public Builder readUpTo(long position) {
            if (position < coveredTo) {
                throw new IllegalArgumentException("coveredTo cannot move back from " + coveredTo + " to " + position);
            }
            coveredTo = position;
            return this;
        }

        /** The link will write its next record at target offset {@code next} or later. */
        public Builder writesNextAt(long next) {
            if (next < targetNext) {
                throw new IllegalArgumentException("targetNext cannot move back from " + targetNext + " to " + next);
            }
            targetNext = next;
            return this;
        }

        public long coveredTo() {
            return coveredTo;
        }

        public long targetNext() {
            return targetNext;
        }

        public PartitionOffsetMap build() {
            return new PartitionOffsetMap(this);
        }
    }
}
