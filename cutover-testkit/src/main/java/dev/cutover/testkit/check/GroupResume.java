package dev.cutover.testkit.check;

import java.util.OptionalLong;

/**
 * Whether a translated group offset resumes exactly: a consumer that committed {@code sourceCommitted} on the source
 * and starts from {@code targetTranslated} on the target must read the copies of exactly the source records at or
 * after {@code sourceCommitted}.
 *
 * @param replayed copies of source records before {@code sourceCommitted} at or after {@code targetTranslated}: the
 *     consumer reads them again
 * @param skipped copies of source records at or after {@code sourceCommitted} before {@code targetTranslated}: the
 *     consumer never reads them
 * @param exactTarget the exact translation (the copy of the first copied source record at or after {@code
 *     sourceCommitted}); empty when no such record was copied, and then any offset past the last replayed copy is
 *     exact
 */
public record GroupResume(
        long sourceCommitted, long targetTranslated, long replayed, long skipped, OptionalLong exactTarget) {

    /** Pure function over an alignment; duplicates and phantoms are the link's faults, not the translation's. */
    public static GroupResume check(PartitionAlignment alignment, long sourceCommitted, long targetTranslated) {
        long replayed = 0;
        long skipped = 0;
        for (int i = 0; i < alignment.size(); i++) {
            boolean unread = alignment.sourceOffset(i) >= sourceCommitted;
            boolean reads = alignment.targetOffset(i) >= targetTranslated;
            if (!unread && reads) {
                replayed++;
            } else if (unread && !reads) {
                skipped++;
            }
        }
        return new GroupResume(
                sourceCommitted, targetTranslated, replayed, skipped, alignment.translate(sourceCommitted));
    }

    public boolean isExact() {
        return replayed == 0 && skipped == 0;
    }

    @Override
    public String toString() {
        return "resume source@" + sourceCommitted + " at target@" + targetTranslated + ": replayed " + replayed
                + ", skipped " + skipped
                + (exactTarget.isPresent() ? " (exact: target@" + exactTarget.getAsLong() + ")" : "");
    }
}
