package dev.cutover.link.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Where one linked partition stands, as stored in its {@link LinkState.PartitionStatus} and shown by {@code link
 * status}. The JSON spelling is {@link #word()}; unknown words (a newer link's state) read as {@link #UNKNOWN}.
 */
public enum PartitionState {
    /** Copying, with records left to copy when last seen. */
    RUNNING("running"),
    /** Everything up to the source's end (its last stable offset) when last seen is copied and committed. */
    CAUGHT_UP("caught-up"),
    /**
     * Copying, but held at a record it may not copy yet (its schema id does not resolve on the target registry): the
     * status's reason names the id and the offset; it goes on by itself once the id resolves.
     */
    WAITING("waiting"),
    /** Stopped for good with a reason: a restart does not resume it. */
    ERROR("error"),
    /** Drained and released on request: copied up to an exact source offset, then no longer copied by this link. */
    RELEASED("released"),
    /** Written by a version of the link that this one does not know. */
    UNKNOWN("unknown");

    private final String word;

    PartitionState(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    @JsonCreator
    public static PartitionState of(String word) {
        return Arrays.stream(values())
                .filter(s -> s.word.equals(word))
                .findFirst()
                .orElse(UNKNOWN);
    }

    @Override
    public String toString() {
        return word;
    }
}
