/**
 * Proving the target before clients move: {@code probe} runs a workload's kind of traffic against a private probe topic
 * on the target and checks its permissions there; {@code verify} compares linked topics record by record through the
 * link's offset map. Results are plain values; the CLI renders them and stores them as readiness evidence.
 */
package dev.cutover.probe;
