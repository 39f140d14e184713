package dev.cutover.probe.verify;

import dev.cutover.offsets.PartitionOffsetMap;
import java.util.List;
import java.util.Optional;

/**
 * Pairs a source partition's records with the target's through the link's offset map and compares each pair: a
 * merge-join of two streams in offset order, holding one record of each side at a time.
 *
 * <p>Correctness rests on the map's invariants ({@link PartitionOffsetMap}): within the verified range, every source
 * record the link read was copied (it reads read_committed, so aborted records and markers are never in a run and never
 * returned to verify either), and every target record the link wrote is the copy of the source offset its run names.
 * Both sides are read in increasing offset order and the map is monotone in both coordinates, so for the current
 * source record {@code s} (mapped to {@code t(s)}) and target record {@code t} (mapped to {@code s(t)}):
 *
 * <ul>
 *   <li>{@code s} in no run: the link read it but did not copy it: <b>missing</b>;
 *   <li>{@code t} in no run: nothing accounts for it: <b>extra</b>;
 *   <li>{@code t(s) = t}: a pair, compared;
 *   <li>{@code t(s) < t}: the target no longer holds {@code s}'s copy: missing, unless the target topic is compacted or
 *       retention removed it while verify read;
 *   <li>{@code t(s) > t}: the source no longer holds {@code s(t)}: extra (e.g. the source lost records in an unclean
 *       election after the link copied them), unless the source topic is compacted or retention removed it.
 * </ul>
 */
public final class PartitionPairing {
    /** Where records come from: one side's partition, in offset order, within the verified range. */
    public interface RecordStream {
        /** The next record, or null at the end of the range. */
        SideRecord next() throws InterruptedException;

        /** Whether retention moved the log start past {@code offset} while this stream read (so it was skipped). */
        boolean skipped(long offset);
    }

    /**
     * @param compactedSource the source topic is compacted: a record gone from the source only is not a difference
     * @param compactedTarget the target topic is compacted: a copy gone from the target only is not a difference
     * @param compareTimestamps false when the target topic stamps LogAppendTime (its timestamps are its own)
     * @param schemaIdRewrites source schema id → target schema id, where the link rewrites the id of wire-format keys
     *     and values ({@code schemaIds: rewrite}): a copy that differs from its source only by that rewrite is equal
     */
    public record Rules(
            boolean compactedSource,
            boolean compactedTarget,
            boolean compareTimestamps,
            java.util.Map<Integer, Integer> schemaIdRewrites) {
        public Rules {
            schemaIdRewrites = java.util.Map.copyOf(schemaIdRewrites);
        }

        /** Rules under which a copy holds exactly the source's bytes. */
        public Rules(boolean compactedSource, boolean compactedTarget, boolean compareTimestamps) {
            this(compactedSource, compactedTarget, compareTimestamps, java.util.Map.of());
        }
    }

    private final PartitionOffsetMap map;
    private final Rules rules;
    private long sourceRecords;
    private long targetRecords;
    private long compared;
    private long differing;
    private long missing;
    private long extra;
    private long compactedAway;
    private long retentionSkipped;
    private Mismatch first;

    private PartitionPairing(PartitionOffsetMap map, Rules rules) {
        this.map = map;
        this.rules = rules;
    }

    /** What pairing the two streams found. */
    public record Outcome(Counts counts, Optional<Mismatch> firstMismatch) {}

    public static Outcome pair(PartitionOffsetMap map, Rules rules, RecordStream source, RecordStream target)
            throws InterruptedException {
        return new PartitionPairing(map, rules).run(source, target);
    }

    private Outcome run(RecordStream source, RecordStream target) throws InterruptedException {
        Cursor forward = new Cursor(map.runs(), true);
        Cursor backward = new Cursor(map.runs(), false);
        SideRecord s = read(source, true);
        SideRecord t = read(target, false);
        while (s != null || t != null) {
            long ts = s == null ? -1 : forward.map(s.offset());
            if (s != null && ts < 0) {
                note(Mismatch.Kind.MISSING, s.offset(), null, "the link read this source record but did not copy it");
                s = read(source, true);
                continue;
            }
            long st = t == null ? -1 : backward.map(t.offset());
            if (t != null && st < 0) {
                note(Mismatch.Kind.EXTRA, null, t.offset(), "no source record is mapped to this target record");
                t = read(target, false);
                continue;
            }
            if (s != null && t != null && ts == t.offset()) {
                compared++;
                String why = s.differenceFrom(t, rules.compareTimestamps(), rules.schemaIdRewrites());
                if (why != null) {
                    note(Mismatch.Kind.DIFFERING, s.offset(), t.offset(), why);
                }
                s = read(source, true);
                t = read(target, false);
            } else if (s != null && (t == null || ts < t.offset())) {
                targetLacks(target, s.offset(), ts);
                s = read(source, true);
            } else {
                sourceLacks(source, st, t.offset());
                t = read(target, false);
            }
        }
        return new Outcome(
                new Counts(
                        sourceRecords,
                        targetRecords,
                        compared,
                        differing,
                        missing,
                        extra,
                        compactedAway,
                        retentionSkipped),
                Optional.ofNullable(first));
    }

    private SideRecord read(RecordStream stream, boolean source) throws InterruptedException {
        SideRecord r = stream.next();
        if (r != null) {
            if (source) {
                sourceRecords++;
            } else {
                targetRecords++;
            }
        }
        return r;
    }

    private void targetLacks(RecordStream target, long sourceOffset, long targetOffset) {
        if (target.skipped(targetOffset)) {
            retentionSkipped++;
        } else if (rules.compactedTarget()) {
            compactedAway++;
        } else {
            note(
                    Mismatch.Kind.MISSING,
                    sourceOffset,
                    targetOffset,
                    "the target holds no record where the map puts its copy");
        }
    }

    private void sourceLacks(RecordStream source, long sourceOffset, long targetOffset) {
        if (source.skipped(sourceOffset)) {
            retentionSkipped++;
        } else if (rules.compactedSource()) {
            compactedAway++;
        } else {
            note(
                    Mismatch.Kind.EXTRA,
                    sourceOffset,
                    targetOffset,
                    "the source no longer holds the record this is a copy of");
        }
    }

    private void note(Mismatch.Kind kind, Long sourceOffset, Long targetOffset, String detail) {
        switch (kind) {
            case DIFFERING -> differing++;
            case MISSING -> missing++;
            case EXTRA -> extra++;
        }
        if (first == null) {
            first = new Mismatch(kind, sourceOffset, targetOffset, detail);
        }
    }

    /** Walks the runs in one coordinate as offsets increase: O(runs + records) over a whole partition. */
    private static final class Cursor {
        private final List<PartitionOffsetMap.Run> runs;
        private final boolean fromSource;
        private int i;

        Cursor(List<PartitionOffsetMap.Run> runs, boolean fromSource) {
            this.runs = runs;
            this.fromSource = fromSource;
        }

        /** The other coordinate of {@code offset}, or -1 when no run holds it. Offsets must not decrease. */
        long map(long offset) {
            while (i < runs.size() && end(runs.get(i)) <= offset) {
                i++;
            }
            if (i == runs.size()) {
                return -1;
            }
            PartitionOffsetMap.Run r = runs.get(i);
            long start = fromSource ? r.sourceStart() : r.targetStart();
            if (offset < start) {
                return -1;
            }
            return (fromSource ? r.targetStart() : r.sourceStart()) + (offset - start);
        }

        private long end(PartitionOffsetMap.Run r) {
            return fromSource ? r.sourceEnd() : r.targetEnd();
        }
    }
}
