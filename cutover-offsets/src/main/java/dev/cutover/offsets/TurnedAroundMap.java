package dev.cutover.offsets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One partition's offset correspondence between the clusters once its writers moved and a reverse copy took over: the
 * forward link's map (source → target, up to where it was drained, and on from where it resumed after a rollback) and
 * the reverse copy's map (target → source, in between), read as one source → target map. Every record then has one
 * place on each side, whichever way it was copied, so a group's committed offset translates exactly in both directions
 * wherever it lies: in the forward-copied range or in the reverse-copied one.
 */
public final class TurnedAroundMap {
    private TurnedAroundMap() {}

    /**
     * The composition of {@code forward} (source → target) and {@code reverse} (target → source, its runs read the
     * other way). Their runs must not overlap on either side, and lie in the same order on both (the reverse copy
     * starts where the forward copy ended, and a resumed forward copy where the reverse copy ended).
     *
     * @throws IllegalArgumentException when they do not: the two maps disagree, and no translation is exact
     */
    public static PartitionOffsetMap compose(PartitionOffsetMap forward, PartitionOffsetMap reverse) {
        List<PartitionOffsetMap.Run> runs = new ArrayList<>(forward.runs());
        for (PartitionOffsetMap.Run r : reverse.runs()) {
            runs.add(new PartitionOffsetMap.Run(r.targetStart(), r.sourceStart(), r.length()));
        }
        runs.sort(Comparator.comparingLong(PartitionOffsetMap.Run::sourceStart));
        PartitionOffsetMap.Builder b = PartitionOffsetMap.builder(forward.coveredFrom(), forward.targetFrom())
                .sourceLogStart(forward.sourceLogStart())
                .targetLogStart(forward.targetLogStart());
        for (PartitionOffsetMap.Run r : runs) {
            b.copiedRun(r.sourceStart(), r.targetStart(), r.length());
        }
        // The reverse copy commits each transaction that wrote a partition with a marker right after its last record:
        // a group that read everything it copied stands one past its targetNext, on that marker
        long reverseEnd = reverse.targetNext() + (reverse.runCount() > 0 ? 1 : 0);
        b.readUpTo(Math.max(b.coveredTo(), Math.max(forward.coveredTo(), reverseEnd)));
        b.writesNextAt(Math.max(b.targetNext(), Math.max(forward.targetNext(), reverse.coveredTo())));
        return b.build();
    }
}
