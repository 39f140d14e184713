package dev.cutover.testkit.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.common.IsolationLevel;

/** Aligns one source partition with its read_committed copy and classifies what is left; see {@link ReplicationCheck}. */
final class Classifier {
    private static final long NOT_COPIED = -1;

    private final List<LoggedRecord> source;
    private final List<LoggedRecord> target;
    private final long budget;
    private final int limit;
    private final Sampled.Builder<Discrepancy> lost;
    private final Sampled.Builder<Discrepancy> duplicated;
    private final Sampled.Builder<Discrepancy> phantom;
    private final Sampled.Builder<Discrepancy> reordered;
    private final Sampled.Builder<Discrepancy> altered;
    /** Per source index: the target offset of its copy, or {@link #NOT_COPIED}. */
    private final long[] copiedTo;

    private Map<Long, List<Integer>> sourceByHash;
    private boolean approximate;

    Classifier(List<LoggedRecord> source, List<LoggedRecord> target, int limit, long budget) {
        this.source = source;
        this.target = target;
        this.limit = limit;
        this.budget = budget;
        this.lost = new Sampled.Builder<>(limit);
        this.duplicated = new Sampled.Builder<>(limit);
        this.phantom = new Sampled.Builder<>(limit);
        this.reordered = new Sampled.Builder<>(limit);
        this.altered = new Sampled.Builder<>(limit);
        this.copiedTo = new long[source.size()];
        Arrays.fill(copiedTo, NOT_COPIED);
    }

    void run() {
        long[] sh = hashes(source);
        long[] th = hashes(target);
        Aligner.Result aligned = Aligner.align(sh, th, (i, j) -> source.get(i).sameContent(target.get(j)), budget);
        approximate = aligned.approximate();

        // Unaligned records, each with its gap: the number of aligned pairs before it.
        IntList gone = new IntList();
        IntList goneGap = new IntList();
        IntList extra = new IntList();
        IntList extraGap = new IntList();
        int si = 0;
        int tj = 0;
        for (int g = 0; g <= aligned.size(); g++) {
            int nextS = g < aligned.size() ? aligned.first()[g] : source.size();
            int nextT = g < aligned.size() ? aligned.second()[g] : target.size();
            for (; si < nextS; si++) {
                gone.add(si);
                goneGap.add(g);
            }
            for (; tj < nextT; tj++) {
                extra.add(tj);
                extraGap.add(g);
            }
            if (g < aligned.size()) {
                copiedTo[nextS] = target.get(nextT).offset();
                si = nextS + 1;
                tj = nextT + 1;
            }
        }
        boolean[] goneUsed = new boolean[gone.size()];
        boolean[] extraUsed = new boolean[extra.size()];

        pairMoved(gone, extra, goneUsed, extraUsed, sh);
        pairAltered(gone, goneGap, extra, extraGap, goneUsed, extraUsed);
        for (int q = 0; q < gone.size(); q++) {
            if (!goneUsed[q]) {
                lost.add(Discrepancy.lost(source.get(gone.get(q))));
            }
        }
        for (int q = 0; q < extra.size(); q++) {
            if (!extraUsed[q]) {
                LoggedRecord t = target.get(extra.get(q));
                OptionalInt equal = sourceIndexOf(t);
                if (equal.isPresent()) {
                    duplicated.add(Discrepancy.duplicated(source.get(equal.getAsInt()), t));
                } else {
                    phantom.add(Discrepancy.phantom(t, "foreign"));
                }
            }
        }
    }

    /** Unaligned target records equal to unaligned source records: copied, but out of order. */
    private void pairMoved(IntList gone, IntList extra, boolean[] goneUsed, boolean[] extraUsed, long[] sh) {
        if (gone.size() == 0 || extra.size() == 0) {
            return;
        }
        Map<Long, ArrayDeque<Integer>> goneByHash = new HashMap<>();
        for (int q = 0; q < gone.size(); q++) {
            goneByHash.computeIfAbsent(sh[gone.get(q)], h -> new ArrayDeque<>()).add(q);
        }
        for (int q = 0; q < extra.size(); q++) {
            LoggedRecord t = target.get(extra.get(q));
            ArrayDeque<Integer> candidates = goneByHash.get(t.contentHash());
            if (candidates == null) {
                continue;
            }
            for (var it = candidates.iterator(); it.hasNext(); ) {
                int c = it.next();
                LoggedRecord s = source.get(gone.get(c));
                if (s.sameContent(t)) {
                    it.remove();
                    goneUsed[c] = true;
                    extraUsed[q] = true;
                    copiedTo[gone.get(c)] = t.offset();
                    reordered.add(Discrepancy.reordered(s, t));
                    break;
                }
            }
        }
    }

    /** Left-over source and target records between the same two aligned records, pairwise: changed in place. */
    private void pairAltered(
            IntList gone, IntList goneGap, IntList extra, IntList extraGap, boolean[] goneUsed, boolean[] extraUsed) {
        int q = 0;
        int r = 0;
        while (q < gone.size() && r < extra.size()) {
            if (goneUsed[q]) {
                q++;
            } else if (extraUsed[r]) {
                r++;
            } else if (goneGap.get(q) < extraGap.get(r)) {
                q++;
            } else if (goneGap.get(q) > extraGap.get(r)) {
                r++;
            } else {
                LoggedRecord s = source.get(gone.get(q));
                LoggedRecord t = target.get(extra.get(r));
                goneUsed[q] = true;
                extraUsed[r] = true;
                copiedTo[gone.get(q)] = t.offset();
                altered.add(Discrepancy.altered(s, t));
                q++;
                r++;
            }
        }
    }

    LevelReport report(IsolationLevel level) {
        return new LevelReport(
                level, lost.build(), duplicated.build(), phantom.build(), reordered.build(), altered.build());
    }

    /**
     * The read_uncommitted view: everything found under read_committed, plus every target record that only
     * read_uncommitted consumers see (aborted, or in an open transaction) as a phantom.
     */
    LevelReport withUncommitted(List<LoggedRecord> uncommittedLog) {
        Sampled.Builder<Discrepancy> phantoms = new Sampled.Builder<>(limit);
        phantoms.addAll(phantom.build());
        int c = 0;
        for (LoggedRecord u : uncommittedLog) {
            while (c < target.size() && target.get(c).offset() < u.offset()) {
                c++;
            }
            if (c < target.size() && target.get(c).offset() == u.offset()) {
                continue;
            }
            OptionalInt copyOf = sourceIndexOf(u);
            phantoms.add(Discrepancy.phantom(
                    u,
                    copyOf.isPresent()
                            ? "uncommitted copy of source@"
                                    + source.get(copyOf.getAsInt()).offset()
                            : "uncommitted"));
        }
        return new LevelReport(
                IsolationLevel.READ_UNCOMMITTED,
                lost.build(),
                duplicated.build(),
                phantoms.build(),
                reordered.build(),
                altered.build());
    }

    PartitionAlignment alignment() {
        int copied = 0;
        for (long t : copiedTo) {
            if (t != NOT_COPIED) {
                copied++;
            }
        }
        long[] s = new long[copied];
        long[] t = new long[copied];
        int k = 0;
        for (int i = 0; i < copiedTo.length; i++) {
            if (copiedTo[i] != NOT_COPIED) {
                s[k] = source.get(i).offset();
                t[k] = copiedTo[i];
                k++;
            }
        }
        return new PartitionAlignment(s, t);
    }

    boolean approximate() {
        return approximate;
    }

    /** The first source record with the same content, if any; the index is built on first use. */
    private OptionalInt sourceIndexOf(LoggedRecord record) {
        if (sourceByHash == null) {
            sourceByHash = new HashMap<>();
            for (int i = 0; i < source.size(); i++) {
                sourceByHash
                        .computeIfAbsent(source.get(i).contentHash(), h -> new ArrayList<>(1))
                        .add(i);
            }
        }
        for (int i : sourceByHash.getOrDefault(record.contentHash(), List.of())) {
            if (source.get(i).sameContent(record)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private static long[] hashes(List<LoggedRecord> records) {
        long[] h = new long[records.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = records.get(i).contentHash();
        }
        return h;
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }
}
