package dev.cutover.probe.matrix;

import java.util.Locale;

/** The checks of one matrix row, in the order they run. */
public enum MatrixCheck {
    /** N keyed records written with {@code acks=all} and acknowledged. */
    PRODUCE,
    /** All N read back by a fresh group, equal (key, value) and in order. */
    CONSUME,
    /** The group's offset committed and read back from the coordinator. */
    COMMIT,
    /** Every record's header came back equal (clients since 0.11; skipped before). */
    HEADERS;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
