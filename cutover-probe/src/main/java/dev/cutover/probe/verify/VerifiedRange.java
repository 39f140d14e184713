package dev.cutover.probe.verify;

import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.Translation;
import java.util.OptionalLong;

/**
 * The part of one partition verify can compare, in both coordinates: what the link has committed (its stored map's
 * coverage), from the latest of where the link started reading, the source's log start, {@code --from-time} and the
 * source offset of the target's first remaining copy (a target head deleted by retention).
 *
 * @param sourceFrom first source offset compared
 * @param sourceTo end of the source range, exclusive: the map's {@code coveredTo} (or the source's end, if the source's
 *     log is shorter than what the link read: its copies beyond are then extra)
 * @param targetFrom the target offset of the first copy of a record at or after {@code sourceFrom}
 * @param targetTo the map's {@code targetNext}: the link has written nothing committed before it that the map does not
 *     describe
 * @param from why {@code sourceFrom} is where it is, for people
 */
public record VerifiedRange(long sourceFrom, long sourceTo, long targetFrom, long targetTo, String from) {
    static final String LINK_START = "where the link started reading";
    static final String SOURCE_LOG_START = "the source's log start (its head was deleted after the link started)";
    static final String TARGET_LOG_START = "the first copy still on the target (the target's head was deleted)";
    static final String FROM_TIME = "--from-time";

    /** The range, or why there is none (the reason is in {@link Nothing}). */
    public sealed interface Result {}

    /** A range to compare. */
    public record Some(VerifiedRange range) implements Result {}

    /** Nothing to compare in this partition, and why. */
    public record Nothing(String why) implements Result {}

    /**
     * @param sourceLogStart the source partition's log start offset now
     * @param sourceEnd the source partition's read_committed end offset now
     * @param targetLogStart the target partition's log start offset now
     * @param fromTime the first source offset at or after {@code --from-time}, if given
     */
    public static Result of(
            PartitionOffsetMap map, long sourceLogStart, long sourceEnd, long targetLogStart, OptionalLong fromTime) {
        long from = map.coveredFrom();
        String why = LINK_START;
        if (sourceLogStart > from) {
            from = sourceLogStart;
            why = SOURCE_LOG_START;
        }
        if (fromTime.isPresent() && fromTime.getAsLong() > from) {
            from = fromTime.getAsLong();
            why = FROM_TIME;
        }
        long to = Math.min(map.coveredTo(), Math.max(sourceEnd, from));
        if (from >= map.coveredTo()) {
            return new Nothing("the link has committed nothing at or after source offset " + from + " (" + why
                    + "); it has read up to " + map.coveredTo());
        }
        long targetFrom = target(map, from);
        if (targetLogStart > targetFrom) {
            if (!(map.translateReverse(targetLogStart) instanceof Translation.Exact back)) {
                return new Nothing("the target's log starts at " + targetLogStart + ", beyond what the map describes");
            }
            if (back.offset() > from) {
                from = back.offset();
                why = TARGET_LOG_START;
                targetFrom = target(map, from);
            }
        }
        if (from >= to && targetFrom >= map.targetNext()) {
            return new Nothing("no committed copy at or after source offset " + from + " (" + why + ")");
        }
        return new Some(new VerifiedRange(from, Math.max(from, to), targetFrom, map.targetNext(), why));
    }

    private static long target(PartitionOffsetMap map, long sourceOffset) {
        if (map.translate(sourceOffset) instanceof Translation.Exact exact) {
            return exact.offset();
        }
        // from ≥ coveredFrom and < coveredTo: translate answers exactly there; keep the map's bound if it did not.
        return map.targetNext();
    }

    /** How many source offsets in {@code [sourceFrom, sourceTo)} the map says were copied. */
    public long mappedRecords(PartitionOffsetMap map) {
        long n = 0;
        for (PartitionOffsetMap.Run r : map.runs()) {
            long a = Math.max(r.sourceStart(), sourceFrom);
            long b = Math.min(r.sourceEnd(), sourceTo);
            if (b > a) {
                n += b - a;
            }
        }
        return n;
    }
}
