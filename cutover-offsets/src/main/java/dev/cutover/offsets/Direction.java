package dev.cutover.offsets;

/** Which way a group's offsets are translated. */
public enum Direction {
    /** Offsets committed on the source → offsets on the target (a group moves to the target). */
    FORWARD,
    /** Offsets committed on the target → offsets on the source (a moved group rolls back). */
    REVERSE;

    /** The cluster whose committed offsets are read. */
    public String from() {
        return this == FORWARD ? "source" : "target";
    }

    /** The cluster the translated offsets belong to. */
    public String to() {
        return this == FORWARD ? "target" : "source";
    }
}
