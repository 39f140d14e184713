package dev.cutover.orchestrator.watch;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClientFailures;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The Admin calls of this package on one cluster, each awaited at most {@code timeout} (also set on the call, so that
 * the Admin client stops retrying when we stop waiting). A failed call becomes a {@link CutoverException}: classified
 * by {@link ClientFailures} (unreachable, refused credentials or permissions), else {@link Reason#CLUSTER_UNREACHABLE}
 * saying what was being done. A group the cluster does not know reads as absent, never as a failure.
 *
 * @param cluster how messages name the cluster: the connection profile's name, e.g. {@code source}
 */
record ClusterCalls(Admin admin, String cluster, Duration timeout) {
    ClusterCalls {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /**
     * The group's state and members, or empty when the cluster does not know the group. A classic group of another
     * protocol type (Kafka Connect workers: {@code connect}), which the consumer-group API refuses as "not a consumer
     * group", is described through the classic-group API instead.
     */
    Optional<GroupWatch.Snapshot> describe(String group) {
        try {
            ConsumerGroupDescription d = await(
                    admin.describeConsumerGroups(
                                    List.of(group), new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs()))
                            .describedGroups()
                            .get(group),
                    "describe group '" + group + "'");
            return Optional.ofNullable(d)
                    .map(g -> new GroupWatch.Snapshot(
                            g.groupState(),
                            g.members().stream().map(GroupMember::of).toList()));
        } catch (GroupNotFound | NotAConsumerGroup e) {
            return describeClassic(group);
        }
    }

    private Optional<GroupWatch.Snapshot> describeClassic(String group) {
        try {
            org.apache.kafka.clients.admin.ClassicGroupDescription d = await(
                    admin.describeClassicGroups(
                                    List.of(group),
                                    new org.apache.kafka.clients.admin.DescribeClassicGroupsOptions()
                                            .timeoutMs(timeoutMs()))
                            .describedGroups()
                            .get(group),
                    "describe group '" + group + "'");
            if (d == null) {
                return Optional.empty();
            }
            GroupState state =
                    switch (d.state()) {
                        case EMPTY -> GroupState.EMPTY;
                        case DEAD -> GroupState.DEAD;
                        case STABLE -> GroupState.STABLE;
                        case PREPARING_REBALANCE -> GroupState.PREPARING_REBALANCE;
                        case COMPLETING_REBALANCE -> GroupState.COMPLETING_REBALANCE;
                        default -> GroupState.UNKNOWN;
                    };
            return Optional.of(new GroupWatch.Snapshot(
                    state, d.members().stream().map(GroupMember::of).toList()));
        } catch (GroupNotFound e) {
            return Optional.empty();
        }
    }

    /** The group's committed offsets; partitions without one are left out, an unknown group has none. */
    Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = await(
                    admin.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs()))
                            .partitionsToOffsetAndMetadata(),
                    "read the committed offsets of group '" + group + "'");
        } catch (GroupNotFound | NotAConsumerGroup e) {
            return Map.of();
        }
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        offsets.forEach((tp, o) -> {
            if (o != null) {
                out.put(tp, o.offset());
            }
        });
        return out;
    }

    /** Waits for one call; see the class comment for failures. */
    <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof GroupIdNotFoundException) {
                throw new GroupNotFound(cause);
            }
            if (cause instanceof IllegalArgumentException
                    && String.valueOf(cause.getMessage()).contains("is not a consumer group")) {
                throw new NotAConsumerGroup(cause);
            }
            throw failure(cause, what);
        } catch (TimeoutException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "cluster '" + cluster + "' did not answer within " + timeout.toMillis() + " ms while trying to "
                            + what,
                    "check that the " + cluster + " cluster runs and is reachable from this machine",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE, "interrupted while trying to " + what + " on " + cluster, null, e);
        }
    }

    /**
     * Waits, at most one timeout in all, for a batched call's per-key futures: one key's failure does not fail the
     * others. A key without an answer in time fails as the cluster not answering.
     */
    <K, V> PerKey<K, V> each(Map<K, KafkaFuture<V>> futures, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<K, V> answered = new LinkedHashMap<>();
        Map<K, String> failed = new LinkedHashMap<>();
        for (Map.Entry<K, KafkaFuture<V>> e : futures.entrySet()) {
            try {
                answered.put(
                        e.getKey(), e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException x) {
                Throwable cause = x.getCause() == null ? x : x.getCause();
                failed.put(
                        e.getKey(),
                        failure(cause, what + " (" + e.getKey() + ")").getMessage());
            } catch (TimeoutException x) {
                failed.put(
                        e.getKey(),
                        "cluster '" + cluster + "' did not answer within " + timeout.toMillis() + " ms while trying to "
                                + what + " (" + e.getKey() + ")");
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                failed.put(e.getKey(), "interrupted while trying to " + what);
            }
        }
        return new PerKey<>(answered, failed);
    }

    /** The answers of a batched call by key, and the keys that failed with a message each. */
    record PerKey<K, V>(Map<K, V> answered, Map<K, String> failed) {}

    /** A failed call as a {@link CutoverException} naming the cluster and what was being done. */
    CutoverException failure(Throwable cause, String what) {
        return ClientFailures.classify(cause, cluster)
                .orElseGet(() -> new CutoverException(
                        Reason.CLUSTER_UNREACHABLE,
                        "cluster '" + cluster + "': failed to " + what + ": "
                                + cause.getClass().getSimpleName() + ": " + ClientFailures.chain(cause),
                        "check that the " + cluster + " cluster runs and is healthy",
                        cause));
    }

    /** A group the cluster does not know; callers read it as empty. */
    /** A classic group of another protocol type (Kafka Connect workers), which the consumer-group API refuses. */
    static final class NotAConsumerGroup extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAConsumerGroup(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    static final class GroupNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GroupNotFound(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
