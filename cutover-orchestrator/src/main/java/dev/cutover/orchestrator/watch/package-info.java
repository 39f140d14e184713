/**
 * What the wave watches on the clusters: a group emptying on one side and its members appearing on the other, commit
 * progress, and stray clients (members or commits of moved groups left on the source, producers still writing to
 * topics whose writers moved).
 */
package dev.cutover.orchestrator.watch;
