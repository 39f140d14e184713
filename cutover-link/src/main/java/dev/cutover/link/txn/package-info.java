/**
 * Taking over a transactional id on the target from a previous link instance without leaving aborted data behind.
 *
 * <p>Consumers default to {@code read_uncommitted}, so a transaction that the successor's {@code initTransactions()}
 * aborts stays visible to them. {@link dev.cutover.link.txn.TransactionTakeover#adopt} therefore finishes the previous
 * instance's open transaction by <em>committing</em> it before the successor initializes its producer.
 *
 * <p>Invariants the caller relies on:
 *
 * <ul>
 *   <li>Only an {@code Ongoing} transaction is ever committed, and only the one first observed (same producer id and
 *       epoch): a different open transaction appearing during the takeover means another instance is running, and the
 *       takeover stops with {@link dev.cutover.link.txn.TakeoverResult.ConcurrentInstance} instead of touching it.
 *   <li>Nothing here aborts: an abort the caller is told about ({@link
 *       dev.cutover.link.txn.TakeoverResult.AbortedBeforeTakeover}) happened before the takeover.
 *   <li>The previous instance is fenced only by the caller's own {@code initTransactions()}, which must follow a
 *       successful takeover without delay. On a target whose finalized {@code transaction.version} is below 2 (see
 *       {@link dev.cutover.link.txn.TransactionTakeover#transactionVersion}), a paused instance that wakes between the
 *       commit and that call can still open one transaction, which the call then aborts.
 * </ul>
 */
package dev.cutover.link.txn;
