/** The wave journal: an append-only, fsync'd, versioned file in the workspace, and the lock that allows one run. */
package dev.cutover.orchestrator.journal;
