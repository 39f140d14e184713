package dev.cutover.testkit.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Every record of one partition between {@code startOffset} (the log start when read) and {@code endOffset} (the
 * end offset, or under read_committed the last stable offset, when reading began), as a consumer with {@code level}
 * sees them. Under read_committed, aborted records and control records never appear; offsets may have gaps.
 */
public record PartitionLog(
        TopicPartition partition, IsolationLevel level, long startOffset, long endOffset, List<LoggedRecord> records) {
    public PartitionLog {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(level, "level");
        records = List.copyOf(records);
        long previous = Long.MIN_VALUE;
        for (LoggedRecord r : records) {
            if (r.offset() <= previous || r.offset() < startOffset || r.offset() >= endOffset) {
                throw new IllegalArgumentException("record offsets of " + partition + " must ascend within ["
                        + startOffset + ", " + endOffset + "), found " + r.offset() + " after " + previous);
            }
            previous = r.offset();
        }
    }

    /**
     * Reads the whole partition (see {@link TopicLogs#read} for the consumer settings used).
     *
     * @throws LogReadException if the end offset is not reached within {@code timeout}; a partial log is never
     *     returned
     */
    public static PartitionLog read(
            Map<String, Object> clientProps, TopicPartition partition, IsolationLevel level, Duration timeout) {
        return LogReader.read(clientProps, List.of(partition), level, timeout).get(partition);
    }

    /** A synthetic log: from the first record's offset (or 0) to just past the last. */
    public static PartitionLog of(TopicPartition partition, IsolationLevel level, List<LoggedRecord> records) {
        long start = records.isEmpty() ? 0 : records.get(0).offset();
        long end = records.isEmpty() ? 0 : records.get(records.size() - 1).offset() + 1;
        return new PartitionLog(partition, level, start, end, records);
    }

    public int size() {
        return records.size();
    }

    @Override
    public String toString() {
        return partition + " " + level + " [" + startOffset + ", " + endOffset + ") " + records.size() + " records";
    }
}
