package dev.cutover.orchestrator.watch;

/** What kind of stray client a {@link StrayScan} found, or could not check for. */
public enum StrayKind {
    /** A member of a moved group still on the source. */
    SOURCE_MEMBER,
    /** A moved group with members on the source and on the target at once. */
    BOTH_SIDES,
    /** A moved group's committed offsets on the source changed since the baseline. */
    SOURCE_COMMIT,
    /** A producer other than the expected writers wrote to a topic whose writers moved, since the baseline. */
    SOURCE_PRODUCER,
    /** The log end of a topic whose writers moved grew beyond what the expected writers account for. */
    SOURCE_LOG_GROWTH
}
