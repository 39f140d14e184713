package dev.cutover.link.txn;

/** What the takeover does next after one attempt to commit the open transaction (FindCoordinator, then EndTxn). */
enum EndTxnVerdict {
    /** The coordinator accepted the commit, or confirmed that this very transaction is already committed. */
    COMMITTED,
    /** The coordinator moved, is loading, or did not answer: find it again and retry. */
    FIND_COORDINATOR_AGAIN,
    /** The transaction is between states ({@code CONCURRENT_TRANSACTIONS}): wait a little, then look again. */
    BACK_OFF_AND_REDESCRIBE,
    /** The transaction is no longer in the state we saw ({@code INVALID_TXN_STATE}): look again. */
    REDESCRIBE,
    /** Another producer with this transactional id moved on: it is running. */
    CONCURRENT_INSTANCE,
    /** The principal may not write the transactional id. */
    DENIED,
    /** Any other error: not retried. */
    FAILED
}
