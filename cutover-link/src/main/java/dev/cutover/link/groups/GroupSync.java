package dev.cutover.link.groups;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/** What {@link GroupOffsets#sync} did with one group. */
public sealed interface GroupSync {
    String group();

    /** A stable code for reports and scripts. */
    String status();

    /**
     * One partition's offset on the written cluster.
     *
     * @param committed the offset the group committed on the read cluster
     * @param before the offset the group had on the written cluster, if any
     * @param after the exact translation of {@code committed}, which is (or, in a dry run, would be) committed
     */
    record PartitionChange(TopicPartition partition, long committed, Optional<Long> before, long after) {
        public PartitionChange {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(before, "before");
        }

        /** True when the write moves the group back, so that it reads records again. */
        public boolean rewinds() {
            return before.isPresent() && before.get() > after;
        }
    }

    /** The offsets were committed on the target. */
    record Committed(String group, List<PartitionChange> changes) implements GroupSync {
        public Committed {
            changes = List.copyOf(changes);
        }

        @Override
        public String status() {
            return "committed";
        }
    }

    /** Dry run: these offsets would have been committed; nothing was written. */
    record WouldCommit(String group, List<PartitionChange> changes) implements GroupSync {
        public WouldCommit {
            changes = List.copyOf(changes);
        }

        @Override
        public String status() {
            return "would-commit";
        }
    }

    /**
     * Nothing was written for the group, because the result would not be exact or safe.
     *
     * @param details one line per partition involved, with the offsets
     */
    record Refused(String group, Refusal refusal, String message, List<String> details) implements GroupSync {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(message, "message");
            details = List.copyOf(details);
        }

        @Override
        public String status() {
            return "refused";
        }
    }

    /** Left alone on purpose ({@code --all}: the group has no committed offsets on linked partitions). */
    record Skipped(String group, String why) implements GroupSync {
        @Override
        public String status() {
            return "skipped";
        }
    }

    /** Why a group was refused. Stable codes: callers branch on them. */
    enum Refusal {
        /** The group has members on the target; offsets of a live group cannot be changed (stop its consumers). */
        ACTIVE_MEMBERS,
        /** The target group has committed later offsets; committing would make it re-read records. */
        WOULD_REWIND,
        /** The link has not yet replicated up to the group's committed offsets within the wait. */
        LINK_BEHIND,
        /** Some committed offset has no exact translation (not replicated by the link, or before its start). */
        UNTRANSLATABLE,
        /** The group has no committed offsets on the cluster it is read from. */
        NOTHING_COMMITTED,
        /** The write itself failed (details say how). */
        WRITE_FAILED
    }
}
