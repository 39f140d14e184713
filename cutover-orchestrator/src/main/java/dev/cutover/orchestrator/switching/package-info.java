/**
 * Switchers: how one workload's client is stopped where it runs and started against another cluster, as declared under
 * {@code switch:} in {@code workloads.yaml} (a file rewritten, a command run, or an operator's hand).
 */
package dev.cutover.orchestrator.switching;
