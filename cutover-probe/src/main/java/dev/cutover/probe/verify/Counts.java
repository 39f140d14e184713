package dev.cutover.probe.verify;

/**
 * What verify counted in one partition (or summed over several).
 *
 * @param sourceRecords source records read in the verified range (read_committed)
 * @param targetRecords target records read in the verified range (read_committed)
 * @param compared pairs of records compared field by field (equal or differing)
 * @param differing pairs whose key, value, headers or timestamp differ
 * @param missing source records without their copy on the target
 * @param extra target records no source record accounts for
 * @param compactedAway records present on one side only, on a side whose topic is compacted: compaction removed them
 *     there (not a difference; see docs/verify.md for what that does not prove)
 * @param retentionSkipped offsets skipped because retention (or deleteRecords) moved a log start past them while verify
 *     was reading (not a difference: the record is gone, not wrong)
 */
public record Counts(
        long sourceRecords,
        long targetRecords,
        long compared,
        long differing,
        long missing,
        long extra,
        long compactedAway,
        long retentionSkipped) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

    /** Any difference at all. */
    public long differences() {
        return differing + missing + extra;
    }

    public Counts plus(Counts o) {
        return new Counts(
                sourceRecords + o.sourceRecords,
                targetRecords + o.targetRecords,
                compared + o.compared,
                differing + o.differing,
                missing + o.missing,
                extra + o.extra,
                compactedAway + o.compactedAway,
                retentionSkipped + o.retentionSkipped);
    }
}
