package dev.cutover.orchestrator.watch;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches consumer groups on one cluster: members leaving (a consumer stopped on the source) and arriving (started on
 * the target), committed offsets, lag and commit progress. Works on an {@link Admin} the caller owns and closes; each
 * Admin call waits at most the call timeout and fails as a {@link CutoverException} naming the cluster (exit 3 when it
 * does not answer or refuses us). A wait that ends without its condition fails with {@link Reason#CHECK_FAILED} and
 * names what it saw.
 */
public final class GroupWatch {
    /** How often a wait asks the cluster again. */
    static final Duration POLL = Duration.ofMillis(200);

    private static final Set<GroupState> IDLE = Set.of(GroupState.EMPTY, GroupState.DEAD);

    private final ClusterCalls calls;

    /**
     * @param cluster how messages name the cluster: its connection profile's name, e.g. {@code source}
     * @param callTimeout how long one Admin call may take (the profile's timeout)
     */
    public GroupWatch(Admin admin, String cluster, Duration callTimeout) {
        this.calls = new ClusterCalls(admin, cluster, callTimeout);
    }

    public String cluster() {
        return calls.cluster();
    }

    /** The group's members now, sorted by client id then member id; none when the cluster does not know the group. */
    public List<GroupMember> members(String group) {
        return members(calls.describe(group));
    }

    /**
     * Returns once the group has no member on this cluster: the cluster does not know it, its state is {@code EMPTY}
     * or {@code DEAD}, or it lists no member.
     *
     * <p>A static member ({@code group.instance.id}) of a classic group does not leave when it closes: the coordinator
     * keeps it until its {@code session.timeout.ms} passes, so {@code timeout} should be longer than that.
     *
     * @param progress called with the members still present at the first look and whenever they change
     * @throws CutoverException {@link Reason#CHECK_FAILED} naming the members still present (member id, client id,
     *     host) when {@code timeout} passes first
     */
    public void awaitEmpty(String group, Duration timeout, Consumer<List<GroupMember>> progress) {
        Objects.requireNonNull(progress, "progress");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<GroupMember> last = null;
        while (true) {
            Optional<Snapshot> d = calls.describe(group);
            List<GroupMember> now = members(d);
            if (idle(d)) {
                return;
            }
            if (!now.equals(last)) {
                progress.accept(now);
                last = now;
            }
            if (System.nanoTime() >= deadline) {
                boolean anyStatic = now.stream().anyMatch(m -> m.groupInstanceId() != null);
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "group '" + group + "' on the " + cluster() + " still has " + now.size() + " member"
                                + (now.size() == 1 ? "" : "s") + " after " + millis(start) + " ms (state "
                                + d.map(g -> String.valueOf(g.state())).orElse("unknown") + "): "
                                + String.join(
                                        ", ",
                                        now.stream().map(GroupMember::describe).toList()),
                        "stop these clients (the workload's switcher did not stop them, or other clients share the"
                                + " group id)"
                                + (anyStatic
                                        ? "; a static member (group.instance.id) stays listed until its"
                                                + " session.timeout.ms passes: wait longer than that"
                                        : ""));
            }
            pause(deadline);
        }
    }

    /**
     * Returns the group's members once at least {@code min} are listed on this cluster (the moved consumer started
     * there).
     *
     * @throws CutoverException {@link Reason#CHECK_FAILED} saying how many were seen when {@code timeout} passes first
     */
    public List<GroupMember> awaitMembers(String group, int min, Duration timeout) {
        if (min < 1) {
            throw new IllegalArgumentException("min must be at least 1: " + min);
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            List<GroupMember> now = members(group);
            if (now.size() >= min) {
                return now;
            }
            if (System.nanoTime() >= deadline) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "group '" + group + "' on the " + cluster() + " has " + now.size() + " member"
                                + (now.size() == 1 ? "" : "s") + " after " + millis(start) + " ms, " + min
                                + " expected"
                                + (now.isEmpty()
                                        ? ""
                                        : ": "
                                                + String.join(
                                                        ", ",
                                                        now.stream()
                                                                .map(GroupMember::describe)
                                                                .toList())),
                        "check that the workload started on the " + cluster() + " (its logs, its connection"
                                + " settings) and joins group '" + group + "'");
            }
            pause(deadline);
        }
    }

    /** The group's committed offsets on this cluster; partitions without one are left out. */
    public Map<TopicPartition, Long> committed(String group) {
        return calls.committed(group);
    }

    /**
     * The group's lag now, over its committed partitions. {@code isolation} is the group's consumers' {@code
     * isolation.level}: {@code READ_COMMITTED} readers can read only to the last stable offset, so their lag is
     * measured to it.
     */
    public GroupLag lag(String group, IsolationLevel isolation) {
        return lag(group, committed(group), isolation);
    }

    /**
     * Watches the group's commits for at most {@code window}: returns as soon as a committed offset moves forward
     * ({@link CommitProgress.Verdict#ADVANCED}), else at the end of the window with the verdict from the lag then
     * (see {@link CommitProgress}).
     */
    public CommitProgress awaitCommitProgress(String group, Duration window, IsolationLevel isolation) {
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        Map<TopicPartition, Long> before = committed(group);
        while (true) {
            Map<TopicPartition, Long> now = committed(group);
            boolean moved = now.entrySet().stream()
                    .anyMatch(e -> before.get(e.getKey()) == null || e.getValue() > before.get(e.getKey()));
            if (moved || System.nanoTime() >= deadline) {
                return CommitProgress.judge(before, now, lag(group, now, isolation), millis(start));
            }
            pause(deadline);
        }
    }

    private GroupLag lag(String group, Map<TopicPartition, Long> committed, IsolationLevel isolation) {
        List<GroupLag.PartitionLag> partitions = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (!committed.isEmpty()) {
            Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
            committed.keySet().forEach(tp -> specs.put(tp, OffsetSpec.latest()));
            ListOffsetsResult result =
                    calls.admin().listOffsets(specs, new ListOffsetsOptions(isolation).timeoutMs(calls.timeoutMs()));
            long deadline = System.nanoTime() + calls.timeout().toNanos();
            List<TopicPartition> sorted = new ArrayList<>(committed.keySet());
            sorted.sort(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
            for (TopicPartition tp : sorted) {
                Optional<Long> end = end(result.partitionResult(tp), deadline, tp, unknown);
                if (end.isPresent()) {
                    long c = committed.get(tp);
                    partitions.add(new GroupLag.PartitionLag(
                            tp.topic(), tp.partition(), c, end.get(), Math.max(0, end.get() - c)));
                }
            }
        }
        return new GroupLag(group, cluster(), isolation.name(), partitions, unknown);
    }

    /** One partition's end, or empty (with the reason added to {@code unknown}) when it cannot be read. */
    private Optional<Long> end(
            KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo> future,
            long deadline,
            TopicPartition tp,
            List<String> unknown) {
        try {
            return Optional.of(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .offset());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException
                    || cause instanceof org.apache.kafka.common.errors.LeaderNotAvailableException
                    || cause instanceof org.apache.kafka.common.errors.NotLeaderOrFollowerException) {
                unknown.add(tp + ": " + cause.getMessage());
                return Optional.empty();
            }
            throw calls.failure(cause, "read the end of " + tp);
        } catch (java.util.concurrent.TimeoutException e) {
            throw calls.failure(e, "read the end of " + tp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw calls.failure(e, "read the end of " + tp);
        }
    }

    /** A group's state and members as the coordinator describes them. */
    record Snapshot(GroupState state, List<GroupMember> members) {}

    static List<GroupMember> members(Optional<Snapshot> d) {
        if (d.isEmpty()) {
            return List.of();
        }
        Map<String, GroupMember> byId = new HashMap<>();
        d.get().members().forEach(m -> byId.put(m.memberId(), m));
        List<GroupMember> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(GroupMember::clientId).thenComparing(GroupMember::memberId));
        return out;
    }

    static boolean idle(Optional<Snapshot> d) {
        return d.isEmpty()
                || d.get().members().isEmpty()
                || (d.get().state() != null && IDLE.contains(d.get().state()));
    }

    private static long millis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Waits before the next look: {@link #POLL}, or less when the deadline is nearer. */
    private static void pause(long deadline) {
        long nanos = Math.min(POLL.toNanos(), Math.max(0, deadline - System.nanoTime()));
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted while watching a group", null, e);
        }
    }
}
