package dev.cutover.link.engine;

import dev.cutover.link.sync.SyncReport;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * What a running link tells its caller, in the order it happens. Delivered on the link's own thread: a listener must
 * return quickly and must not call back into the handle's blocking methods.
 */
public sealed interface LinkEvent {
    /** The link took over and copies {@code partitions} partitions of {@code topics} topics. */
    record Started(int partitions, int topics) implements LinkEvent {}

    /** Something worth telling a person (a takeover, a followed change, an open source transaction). */
    record Info(String message) implements LinkEvent {
        public Info {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A topic-sync result worth telling: created, altered, partitions added, adjusted, refused or failed. */
    record TopicSynced(SyncReport.Item item) implements LinkEvent {}

    /**
     * A checkpoint was committed: the offset map and statuses on the target now cover what was copied.
     *
     * @param copiedTotal records copied by this handle since it started, across restarts
     * @param progress what is left to copy as this checkpoint saw it (also {@link LinkHandle#progress()})
     */
    record Checkpoint(long copiedTotal, LinkProgress progress) implements LinkEvent {}

    /** Every partition being copied had nothing left to copy at a checkpoint (said again after falling behind). */
    record CaughtUp(int partitions) implements LinkEvent {}

    /** A partition stopped for good (it stays stopped across restarts), with the exact reason. */
    record PartitionStopped(TopicPartition partition, String reason) implements LinkEvent {}

    /** A partition goes on, but its copy may be incomplete (said once per partition and run). */
    record PartitionWarning(TopicPartition partition, String warning) implements LinkEvent {}

    /** A drain asked for with {@link LinkHandle#drain} completed: the topics are released. */
    record Drained(DrainResult result) implements LinkEvent {}

    /** Topics turned around by a wave: their writers moved to the target, and the link's process copies them back. */
    record Reversed(java.util.Set<String> topics) implements LinkEvent {}

    /** The engine failed with a retriable error and starts again, taking over from itself as after a crash. */
    record Restarting(int attempt, int budget, String cause) implements LinkEvent {}

    /** The link stopped because of an error that a restart cannot fix (or the retry budget ran out). */
    record Failed(Throwable error) implements LinkEvent {}

    /** The link stopped on request, after committing its last transaction and checkpoint. */
    record Stopped(long copiedTotal) implements LinkEvent {}
}
