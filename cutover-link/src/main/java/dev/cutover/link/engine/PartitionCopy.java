package dev.cutover.link.engine;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.link.state.PartitionState;
import dev.cutover.offsets.PartitionOffsetMap;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition being copied: its offset map (base and growing builder), its map writer, where its next target
 * record must land, and its error if it stopped. Owned by the link's single writing thread.
 *
 * <p>{@code expectedTarget} is where the next copied record lands if the link is the only writer and every commit
 * wrote one marker: the end of the target partition after the last transaction that wrote to it. It is a prediction,
 * never the truth: the map takes the offsets the target reports, and a copy landing later than predicted has the
 * skipped offsets checked ({@link TargetGaps}): markers only (a coordinator wrote a commit's marker twice) is fine, a
 * data record there is a foreign write.
 */
final class PartitionCopy {
    final TopicPartition tp;
    final String topicId;
    final PartitionOffsetMap base;
    /** The runs not yet stored for good (those of the open chunk) and where the map stands; see {@link #forgetStoredRuns}. */
    PartitionOffsetMap.Builder map;

    final OffsetMapStore.Writer writer;
    long expectedTarget;
    long lastCopiedTimestamp = -1;
    boolean dirty = true;
    String error;
    /** Why the partition is held at a record it may not copy yet (a schema id), or null; cleared once it copies. */
    String waiting;
    /** When a waiting partition asks again, in epoch milliseconds. */
    long waitUntilMs;
    /** Sticky: see {@link LinkState.PartitionStatus#warning()}. */
    String warning;
    /**
     * Where the consumer read next after the last poll that returned records of this partition, with the leader epoch
     * of the batch before it (or from the stored status at start), or null. Its epoch is stored with the status when
     * its offset is {@code map.coveredTo()}.
     */
    org.apache.kafka.clients.consumer.OffsetAndMetadata position;
    /** When a checkpoint last found nothing left to copy, or -1. */
    long caughtUpAtMs = -1;
    /** Records copied in this run. */
    long copied;
    /** Where a requested drain ends this copy (exclusive source offset), or null when none was asked for. */
    Long drainTo;
    /** Drained and released: no longer copied by this link (kept in its state with where it ended). */
    boolean released;

    PartitionCopy(
            TopicPartition tp,
            String topicId,
            PartitionOffsetMap base,
            PartitionOffsetMap current,
            OffsetMapStore.Writer writer,
            long expectedTarget) {
        this.tp = tp;
        this.topicId = topicId;
        this.base = base;
        this.map = current.toBuilder();
        this.writer = writer;
        this.expectedTarget = expectedTarget;
    }

    /**
     * Drops from memory the runs that lie in closed chunks of the store, so that memory stays bounded however long the
     * link runs: only the open chunk is ever re-encoded. The map's {@code coveredTo} and {@code targetNext} stay.
     */
    void forgetStoredRuns(PartitionOffsetMap current) {
        if (current.runCount() > 1
                && current.runs().get(0).sourceStart() + current.runs().get(0).length() <= writer.openChunkStart()) {
            map = current.trimBelowSource(writer.openChunkStart()).toBuilder();
        }
    }

    boolean inError() {
        return error != null;
    }

    /** Still copied: neither stopped by an error nor released. */
    boolean active() {
        return error == null && !released;
    }

    /** A requested drain has reached its end: everything below {@code drainTo} is covered. */
    boolean drainReached() {
        return drainTo != null && map.coveredTo() >= drainTo;
    }

    LinkState.PartitionStatus status(long sourceEnd, long nowMs) {
        long replicatedTo = map.coveredTo();
        long lag = Math.max(0, sourceEnd - replicatedTo);
        PartitionState state = inError()
                ? PartitionState.ERROR
                : released
                        ? PartitionState.RELEASED
                        : waiting != null
                                ? PartitionState.WAITING
                                : lag == 0 ? PartitionState.CAUGHT_UP : PartitionState.RUNNING;
        long lagMs = lag == 0 || lastCopiedTimestamp < 0 ? 0 : Math.max(0, nowMs - lastCopiedTimestamp);
        return new LinkState.PartitionStatus(
                LinkState.VERSION,
                tp.topic(),
                tp.partition(),
                topicId,
                state,
                error != null ? error : waiting,
                replicatedTo,
                sourceEnd,
                lag,
                lagMs,
                nowMs,
                warning,
                position != null && position.offset() == replicatedTo
                        ? position.leaderEpoch().orElse(null)
                        : null);
    }
}
