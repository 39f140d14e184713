package dev.cutover.offsets;

import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition of a {@link TranslatedGroup}: the offset a group committed on one cluster ({@link #committed()}) and
 * its exact counterpart on the other, or why there is none. Offsets are in the coordinates of the cluster they belong
 * to: {@code committed} on the side the group was read from, {@code translated} on the other.
 */
public sealed interface OffsetTranslation {
    TopicPartition partition();

    long committed();

    /** A stable code for reports and scripts. */
    String status();

    /** The exact offset: a consumer resuming there reads exactly the records the group had not read. */
    record Exact(TopicPartition partition, long committed, long translated) implements OffsetTranslation {
        public Exact {
            Objects.requireNonNull(partition, "partition");
        }

        @Override
        public String status() {
            return "exact";
        }
    }

    /**
     * The link has not yet read (FORWARD) or written (REVERSE) up to the committed offset; waiting helps.
     *
     * @param replicatedUpTo the link's position, exclusive, in the coordinates of {@code committed}
     */
    record NotYetReplicated(TopicPartition partition, long committed, long replicatedUpTo)
            implements OffsetTranslation {
        public NotYetReplicated {
            Objects.requireNonNull(partition, "partition");
        }

        /** How far the link is behind the committed offset, in offsets: at most this many records. */
        public long behind() {
            return committed - replicatedUpTo;
        }

        @Override
        public String status() {
            return "not-yet-replicated";
        }
    }

    /**
     * The committed offset lies before where the link started; records in between were never copied, so no exact
     * offset exists. Waiting does not help.
     *
     * @param coveredFrom where the link started, in the coordinates of {@code committed}
     */
    record NotCovered(TopicPartition partition, long committed, long coveredFrom, String why)
            implements OffsetTranslation {
        public NotCovered {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String status() {
            return "not-covered";
        }
    }

    /** The link holds no offset map for the partition: it does not replicate it (or has not taken it on yet). */
    record NoMap(TopicPartition partition, long committed) implements OffsetTranslation {
        public NoMap {
            Objects.requireNonNull(partition, "partition");
        }

        @Override
        public String status() {
            return "no-map";
        }
    }
}
