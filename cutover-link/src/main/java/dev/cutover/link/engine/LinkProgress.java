package dev.cutover.link.engine;

import java.util.OptionalLong;

/**
 * How far a running link is, as its last committed checkpoint saw it: what this handle copied, and how much of the
 * source lies beyond what the target holds. Read-only; {@link LinkHandle#progress()} gives the latest.
 *
 * <p>{@code remaining} counts source offsets between what the stored map covers and the source's end (last stable
 * offset) read at that checkpoint, summed over the partitions being copied. Offsets, not records: transaction markers
 * and offsets removed by compaction are counted too, so it may overstate. A partition whose end was found already
 * covered is not read again until it has more to copy, so records written there since count only from its next
 * checkpoint. When the end of any partition being copied is not known (the source did not answer in time, a partition
 * just taken on), {@code remaining} is empty: nothing is called caught up on a guess.
 *
 * @param copied records copied by this handle since it started, across restarts (committed ones)
 * @param partitions partitions being copied
 * @param endsUnknown how many of them have no known source end at that checkpoint
 * @param remaining source offsets left to copy, when every end is known
 * @param atMs when the checkpoint was taken (epoch ms)
 */
public record LinkProgress(long copied, int partitions, int endsUnknown, OptionalLong remaining, long atMs) {
    public LinkProgress {
        if (endsUnknown > 0 && remaining.isPresent()) {
            throw new IllegalArgumentException("remaining is unknown while " + endsUnknown + " end(s) are");
        }
    }

    /** Whether every partition being copied had nothing left to copy at that checkpoint. */
    public boolean caughtUp() {
        return partitions > 0 && remaining.isPresent() && remaining.getAsLong() == 0;
    }
}
