package dev.cutover.testkit.check;

import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The comparison of one source partition with its target partition.
 *
 * @param from where the comparison began, if not at the log starts
 * @param sourceRecords source records compared (read_committed)
 * @param readCommitted differences as a read_committed consumer of the target sees them
 * @param readUncommitted the same plus uncommitted (aborted or still open) target data, which read_uncommitted
 *     consumers, Kafka's default, see; such records are always phantoms
 * @param offsetMap mismatches between the link's offset map and the alignment, when a map was given
 * @param approximate the alignment ran out of budget: differences may be over-reported, never hidden
 */
public record PartitionReport(
        TopicPartition source,
        TopicPartition target,
        Optional<CheckOptions.Start> from,
        int sourceRecords,
        int targetCommittedRecords,
        int targetUncommittedRecords,
        LevelReport readCommitted,
        LevelReport readUncommitted,
        Optional<Sampled<MapMismatch>> offsetMap,
        PartitionAlignment alignment,
        boolean approximate) {

    public int partition() {
        return source.partition();
    }

    public LevelReport at(IsolationLevel level) {
        return level == IsolationLevel.READ_COMMITTED ? readCommitted : readUncommitted;
    }

    public boolean isClean() {
        return readCommitted.isClean()
                && readUncommitted.isClean()
                && offsetMap.map(Sampled::isEmpty).orElse(true)
                && !approximate;
    }

    /** See {@link GroupResume#check}. */
    public GroupResume resume(long sourceCommitted, long targetTranslated) {
        return GroupResume.check(alignment, sourceCommitted, targetTranslated);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("p").append(partition()).append(": ");
        s.append(sourceRecords)
                .append(" source, ")
                .append(targetCommittedRecords)
                .append(" target committed");
        if (targetUncommittedRecords != targetCommittedRecords) {
            s.append(" / ").append(targetUncommittedRecords).append(" uncommitted");
        }
        from.ifPresent(f -> s.append(", from source@")
                .append(f.sourceOffset())
                .append("/target@")
                .append(f.targetOffset()));
        if (isClean()) {
            return s.append(": clean").toString();
        }
        if (approximate) {
            s.append(" [alignment budget spent: over-reporting]");
        }
        if (!readCommitted.isClean()) {
            s.append("\n    read_committed: ").append(readCommitted);
        }
        if (!readUncommitted.sameFindings(readCommitted)) {
            s.append("\n    read_uncommitted: ").append(readUncommitted);
        }
        offsetMap.filter(m -> !m.isEmpty()).ifPresent(m -> s.append("\n    offset map: ")
                .append(m.count())
                .append(" mismatches ")
                .append(m.samples()));
        return s.toString();
    }
}
