/**
 * Comparison of two clusters' topics by content, for topics that no link copies: a workload that writes both clusters
 * for a while (a dual-write wave) leaves the same records on both sides at unrelated offsets. Records are matched by
 * key, value and headers; {@link dev.cutover.probe.content.ContentComparison} reports what one side holds and the other
 * lacks over a time window, and {@link dev.cutover.probe.content.ContentPlacement} finds a consumer's position on the
 * other side by the records around it.
 */
package dev.cutover.probe.content;
