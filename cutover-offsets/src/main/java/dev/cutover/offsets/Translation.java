package dev.cutover.offsets;

/**
 * The answer of {@link PartitionOffsetMap#translate(long)} or {@link PartitionOffsetMap#translateReverse(long)}: an
 * exact offset in the other cluster, or the reason there is none yet or none at all.
 */
public sealed interface Translation {

    /** The offset to commit in the other cluster; a consumer resuming there sees exactly the records it had not. */
    record Exact(long offset) implements Translation {}

    /**
     * The offset lies beyond what the link has replicated so far; wait until the link has read or written past it.
     *
     * @param replicatedUpTo the exclusive bound, in the coordinates of the offset asked about (source offsets for
     *     {@code translate}, target offsets for {@code translateReverse})
     */
    record NotYetReplicated(long replicatedUpTo) implements Translation {}

    /**
     * The offset lies before the link's start, and records in between were never copied: no exact answer exists.
     *
     * @param coveredFrom the first offset the map answers for, in the coordinates of the offset asked about
     * @param why a sentence for people
     */
    record NotCovered(long coveredFrom, String why) implements Translation {}
}
