package dev.cutover.link.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.CreateAclsOptions;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Admin writes split to fit the brokers' limits ({@link AdminLimits}), with results merged per resource
 * ({@link BatchResult}); the paged reads are in {@link AdminPages}.
 *
 * <p>Each batch is one Admin call, sent after the previous one answered, and waited for with the {@link AdminAwait}'s
 * timeout. Rules, the same for every write:
 *
 * <ul>
 *   <li>every resource's outcome is kept on its own: one refused topic never fails the others of its batch;
 *   <li>a batch the controller refuses as a whole for its size (every resource failing with {@code
 *       PolicyViolationException: ... excessively large ...}, and nothing applied) is halved and sent again,
 *       down to single resources, so a cluster with a lower limit than {@link AdminLimits} assumes still gets
 *       everything that fits; a single resource refused so fails with the reason and its record count;
 *   <li>a batch none of whose resources is answered within the timeout ends the call with {@link
 *       AdminAwait#timedOut} ({@code CLUSTER_UNREACHABLE}): the cluster is gone, and later batches would only wait
 *       as long again. What earlier batches applied stays applied; the callers' writes are idempotent plans that the
 *       next run completes.
 * </ul>
 */
public final class AdminBatches {
    private AdminBatches() {}

    /** Creates topics in batches of at most {@link AdminLimits#RECORDS_PER_WRITE} controller records. */
    public static BatchResult<String> createTopics(Admin admin, AdminAwait on, Collection<NewTopic> topics) {
        CreateTopicsOptions options = new CreateTopicsOptions().timeoutMs(millis(on));
        return write(
                on,
                "create " + topics.size() + " topic(s)",
                topics,
                NewTopic::name,
                AdminLimits::records,
                batch -> admin.createTopics(batch, options).values());
    }

    /** Grows topics to the given partition counts; {@code from} holds each topic's current count (for sizing). */
    public static BatchResult<String> createPartitions(
            Admin admin, AdminAwait on, Map<String, NewPartitions> increases, Map<String, Integer> from) {
        CreatePartitionsOptions options = new CreatePartitionsOptions().timeoutMs(millis(on));
        return write(
                on,
                "add partitions to " + increases.size() + " topic(s)",
                increases.entrySet(),
                Map.Entry::getKey,
                e -> AdminLimits.records(
                        from.getOrDefault(e.getKey(), 0), e.getValue().totalCount()),
                batch -> admin.createPartitions(toMap(batch), options).values());
    }

    /** Changes configs in batches of at most {@link AdminLimits#RECORDS_PER_WRITE} operations. */
    public static BatchResult<ConfigResource> incrementalAlterConfigs(
            Admin admin, AdminAwait on, Map<ConfigResource, Collection<AlterConfigOp>> changes) {
        AlterConfigsOptions options = new AlterConfigsOptions().timeoutMs(millis(on));
        return write(
                on,
                "change the configs of " + changes.size() + " resource(s)",
                changes.entrySet(),
                Map.Entry::getKey,
                e -> AdminLimits.records(e.getValue()),
                batch -> admin.incrementalAlterConfigs(toMap(batch), options).values());
    }

    /** Creates ACL bindings, one controller record each. */
    public static BatchResult<AclBinding> createAcls(Admin admin, AdminAwait on, Collection<AclBinding> bindings) {
        CreateAclsOptions options = new CreateAclsOptions().timeoutMs(millis(on));
        return write(
                on,
                "create " + bindings.size() + " ACL binding(s)",
                new LinkedHashSet<>(bindings),
                b -> b,
                b -> 1,
                batch -> admin.createAcls(batch, options).values());
    }

    /**
     * The generic batched write: splits {@code items}, sends one batch at a time, and merges the per-resource outcomes
     * by the rules of the class comment. Public for callers with a write not listed here (client quotas).
     *
     * @param what what the whole call does, for messages ("create 600 topic(s)")
     * @param key the resource an item is about; the key of {@code call}'s futures
     * @param records controller records an item needs
     * @param call sends one batch and returns a future per resource
     */
    public static <T, K> BatchResult<K> write(
            AdminAwait on,
            String what,
            Collection<T> items,
            Function<T, K> key,
            ToLongFunction<T> records,
            Function<List<T>, Map<K, KafkaFuture<Void>>> call) {
        Deque<List<T>> todo = new ArrayDeque<>(
                Batching.split(items, AdminLimits.RESOURCES_PER_WRITE, AdminLimits.RECORDS_PER_WRITE, records));
        BatchResult<K> result = BatchResult.empty();
        while (!todo.isEmpty()) {
            List<T> batch = todo.pollFirst();
            long deadline = on.deadline();
            Map<K, KafkaFuture<Void>> futures = call.apply(batch);
            Set<K> ok = new LinkedHashSet<>();
            Map<K, Throwable> failed = new LinkedHashMap<>();
            for (T item : batch) {
                K k = key.apply(item);
                KafkaFuture<Void> future = futures.get(k);
                if (future == null) {
                    failed.put(k, new IllegalStateException("the Admin client returned no result for " + k));
                    continue;
                }
                on.outcome(future, deadline).ifPresentOrElse(cause -> failed.put(k, cause), () -> ok.add(k));
            }
            boolean allFailed = ok.isEmpty() && !failed.isEmpty();
            if (allFailed && failed.values().stream().allMatch(AdminBatches::tooLarge)) {
                if (batch.size() > 1) {
                    int half = batch.size() / 2;
                    todo.addFirst(batch.subList(half, batch.size()));
                    todo.addFirst(batch.subList(0, half));
                    continue;
                }
                T item = batch.get(0);
                failed.put(
                        key.apply(item),
                        new PolicyViolationException(
                                failed.values().iterator().next().getMessage()
                                        + " (this one resource needs about " + records.applyAsLong(item)
                                        + " metadata records; a KRaft controller takes at most "
                                        + AdminLimits.CONTROLLER_RECORDS_PER_OPERATION + " per operation)"));
            }
            if (allFailed && failed.values().stream().allMatch(t -> t instanceof TimeoutException)) {
                throw on.timedOut(what, failed.values().iterator().next());
            }
            result = result.plus(new BatchResult<>(ok, failed));
        }
        return result;
    }

    /**
     * The controller's refusal of a request as too large: {@code "Excessively large number of partitions per request."}
     * or {@code "Unable to perform excessively large batch operation."} (see {@link AdminLimits}).
     */
    static boolean tooLarge(Throwable cause) {
        return cause instanceof PolicyViolationException
                && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("excessively large");
    }

    static int millis(AdminAwait on) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, on.timeout().toMillis()));
    }

    private static <K, V> Map<K, V> toMap(List<Map.Entry<K, V>> entries) {
        return entries.stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, LinkedHashMap::new));
    }
}
