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

    /**
     * The offsets were committed on the target.
     *
     * @param activeOnSource the members the group still had on the cluster it was read from, synced anyway because
     *     {@link SyncOptions#allowActiveMembers()} said why; empty normally
     */
    record Committed(String group, List<PartitionChange> changes, List<String> activeOnSource) implements GroupSync {
        public Committed {
            changes = List.copyOf(changes);
            activeOnSource = List.copyOf(activeOnSource);
        }

        public Committed(String group, List<PartitionChange> changes) {
            this(group, changes, List.of());
        }

        @Override
        public String status() {
            return "committed";
        }
    }

    /** Dry run: these offsets would have been committed; nothing was written. See {@link Committed}. */
    record WouldCommit(String group, List<PartitionChange> changes, List<String> activeOnSource) implements GroupSync {
        public WouldCommit {
            changes = List.copyOf(changes);
            activeOnSource = List.copyOf(activeOnSource);
        }

        public WouldCommit(String group, List<PartitionChange> changes) {
            this(group, changes, List.of());
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
        /**
         * The group still has members on the cluster it is read from: offsets they commit after the sync would not
         * move, so the group would replay them on the target. Stop them, or say why with {@link
         * SyncOptions#allowActiveMembers()}.
         */
        ACTIVE_ON_SOURCE,
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
