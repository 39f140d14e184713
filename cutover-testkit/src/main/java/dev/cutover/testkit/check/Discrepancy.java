package dev.cutover.testkit.check;

import java.util.Objects;
import java.util.OptionalLong;

/** One difference between a source partition and its copy, named by the offsets involved. */
public record Discrepancy(Kind kind, OptionalLong sourceOffset, OptionalLong targetOffset, String detail) {
    public enum Kind {
        /** A source record with no copy on the target. */
        LOST,
        /** A target record that repeats a source record which is already copied (or copied elsewhere). */
        DUPLICATED,
        /** A target record matching no source record: a foreign write, or (read_uncommitted) uncommitted data. */
        PHANTOM,
        /** A source record copied, but out of order relative to the others. */
        REORDERED,
        /** At the same position in both logs, a record with different key, value, headers or timestamp. */
        ALTERED
    }

    public Discrepancy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceOffset, "sourceOffset");
        Objects.requireNonNull(targetOffset, "targetOffset");
        Objects.requireNonNull(detail, "detail");
    }

    static Discrepancy lost(LoggedRecord source) {
        return new Discrepancy(Kind.LOST, OptionalLong.of(source.offset()), OptionalLong.empty(), keyOf(source));
    }

    static Discrepancy duplicated(LoggedRecord source, LoggedRecord target) {
        return new Discrepancy(
                Kind.DUPLICATED,
                OptionalLong.of(source.offset()),
                OptionalLong.of(target.offset()),
                "copy of source@" + source.offset() + ", " + keyOf(target));
    }

    static Discrepancy phantom(LoggedRecord target, String why) {
        return new Discrepancy(
                Kind.PHANTOM, OptionalLong.empty(), OptionalLong.of(target.offset()), why + ", " + keyOf(target));
    }

    static Discrepancy reordered(LoggedRecord source, LoggedRecord target) {
        return new Discrepancy(
                Kind.REORDERED, OptionalLong.of(source.offset()), OptionalLong.of(target.offset()), keyOf(source));
    }

    static Discrepancy altered(LoggedRecord source, LoggedRecord target) {
        return new Discrepancy(
                Kind.ALTERED,
                OptionalLong.of(source.offset()),
                OptionalLong.of(target.offset()),
                String.join("+", source.differences(target)) + " differ, " + keyOf(source));
    }

    private static String keyOf(LoggedRecord r) {
        byte[] key = r.key();
        return "key=" + Bytes.preview(key);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT));
        sourceOffset.ifPresent(o -> s.append(" source@").append(o));
        if (sourceOffset.isPresent() && targetOffset.isPresent()) {
            s.append(" →");
        }
        targetOffset.ifPresent(o -> s.append(" target@").append(o));
        return s.append(" (").append(detail).append(')').toString();
    }
}
