/**
 * Waves: the steps that move a wave's clients, written to a durable journal in the workspace before and after they
 * run, each idempotent, so that {@code wave resume} and {@code wave rollback} continue correctly after a crash at any
 * instant. Sub-packages: {@code journal} (the journal and the workspace lock), {@code switching} (how a client is
 * stopped, pointed at a cluster and started), {@code watch} (groups emptying and filling, stray clients).
 */
package dev.cutover.orchestrator;
