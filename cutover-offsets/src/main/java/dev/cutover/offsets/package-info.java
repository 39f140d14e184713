/**
 * The exact source → target offset map of the link ({@link dev.cutover.offsets.PartitionOffsetMap}), its versioned
 * binary format ({@link dev.cutover.offsets.OffsetMapCodec}) and group offset translation ({@link
 * dev.cutover.offsets.GroupOffsetTranslator}). Depends only on kafka-clients and slf4j so applications can embed it.
 */
package dev.cutover.offsets;
