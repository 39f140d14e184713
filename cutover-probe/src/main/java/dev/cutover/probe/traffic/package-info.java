/**
 * {@code cutover probe}: traffic and security checks shaped like one workload, against the target. Data goes only to
 * private probe topics ({@link dev.cutover.probe.traffic.ProbeTopics#PREFIX}) created for the run and deleted after
 * it; the workload's real topics are only described, never written or read, and the source is only described.
 */
package dev.cutover.probe.traffic;
