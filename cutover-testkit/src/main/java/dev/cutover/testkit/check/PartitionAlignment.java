package dev.cutover.testkit.check;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Where each copied source record of one partition sits on the target (read_committed): pairs (source offset, target
 * offset), ascending by source offset. A record counts as copied when it is aligned to a target record, exactly or
 * {@linkplain Discrepancy.Kind#ALTERED altered}, or found elsewhere on the target ({@linkplain
 * Discrepancy.Kind#REORDERED reordered}). Lost records have no pair; duplicates and phantoms are not pairs.
 */
public final class PartitionAlignment {
    private final long[] source;
    private final long[] target;

    PartitionAlignment(long[] source, long[] target) {
        this.source = source;
        this.target = target;
    }

    public int size() {
        return source.length;
    }

    public long sourceOffset(int index) {
        return source[index];
    }

    public long targetOffset(int index) {
        return target[index];
    }

    /** The target offset of the copy of the source record at {@code sourceOffset}, if it was copied. */
    public OptionalLong targetOf(long sourceOffset) {
        int i = Arrays.binarySearch(source, sourceOffset);
        return i >= 0 ? OptionalLong.of(target[i]) : OptionalLong.empty();
    }

    /** The exact translation of committed source offset {@code s}: the copy of the first copied record at or after it. */
    public OptionalLong translate(long s) {
        int i = Arrays.binarySearch(source, s);
        int first = i >= 0 ? i : -i - 1;
        return first < source.length ? OptionalLong.of(target[first]) : OptionalLong.empty();
    }
}
