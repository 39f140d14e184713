/**
 * Record sizes sampled from the source: the tails of the partitions of the topics the plan's workloads use, read
 * once with a plain consumer ({@link TailSampler}), reduced per topic to the largest record seen ({@link
 * TopicSample}) as the broker counts it against {@code max.message.bytes} ({@link RecordSizes}).
 */
package dev.cutover.inventory.sample;
