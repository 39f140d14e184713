package dev.cutover.orchestrator.switching;

/**
 * Moves one workload's client between clusters. Each call is idempotent (a wave resumed after a crash may repeat it)
 * and says what it did, without a secret, for the journal.
 */
public interface Switcher {
    /** Stops the workload's client where it runs now; returns once it has stopped (or the operator must act). */
    SwitchOutcome stop(SwitchContext context) throws InterruptedException;

    /** Points the workload's client at {@link SwitchContext#cluster()} and starts it there. */
    SwitchOutcome start(SwitchContext context) throws InterruptedException;
}
