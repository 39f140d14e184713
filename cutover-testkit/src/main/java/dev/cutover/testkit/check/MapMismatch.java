package dev.cutover.testkit.check;

import java.util.OptionalLong;

/** The offset map disagrees with the logs: the copy of {@code sourceOffset} sits at {@code alignedTarget}. */
public record MapMismatch(long sourceOffset, long alignedTarget, OptionalLong mapped) {
    @Override
    public String toString() {
        return "source@" + sourceOffset + " is at target@" + alignedTarget + " but maps to "
                + (mapped.isPresent() ? "target@" + mapped.getAsLong() : "nothing");
    }
}
