package dev.cutover.orchestrator.watch;

import dev.cutover.api.CutoverException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.DescribeProducersOptions;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;

/**
 * The producer checks of a {@link StrayScan} on the source, on the partitions of topics whose writers moved:
 *
 * <ul>
 *   <li>{@link StrayKind#SOURCE_PRODUCER}: an active producer ({@code DescribeProducers}) that is not an expected
 *       writer and wrote since the baseline: absent from the baseline's producers of the partition, or with another
 *       epoch, last sequence or last timestamp (when the baseline has no producers for the partition: a last timestamp
 *       at or after the baseline, which is the producer's clock under {@code CreateTime}). Expected writers named by
 *       transactional id are resolved to their current producer id ({@code DescribeTransactions}); when that fails, a
 *       producer that wrote and is not listed under an expected transactional id is not checked rather than
 *       reported. Producers are named by their transactional id where {@code ListTransactions} tells it (under ACLs
 *       it lists only the ids the principal may describe); a producer without idempotence has no id and is not seen
 *       here, only by its log growth;
 *   <li>{@link StrayKind#SOURCE_LOG_GROWTH}: the log end grew since the baseline where nobody is expected to write, or
 *       past the end the expected writers account for (given by the caller).
 * </ul>
 */
final class ProducerChecks {
    private final ClusterCalls source;
    private final StrayBaseline baseline;
    private final Map<String, Long> explainedEnds;
    private final List<StrayClient> found;
    private final List<NotChecked> not;

    ProducerChecks(
            ClusterCalls source,
            StrayBaseline baseline,
            Map<String, Long> explainedEnds,
            List<StrayClient> found,
            List<NotChecked> not) {
        this.source = source;
        this.baseline = baseline;
        this.explainedEnds = Map.copyOf(explainedEnds);
        this.found = found;
        this.not = not;
    }

    void run(List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        checkProducers(partitions);
        checkGrowth(partitions);
    }

    private void checkProducers(List<TopicPartition> partitions) {
        var described = describeProducers(source, partitions);
        described.failed().forEach((tp, why) -> not.add(new NotChecked(StrayKind.SOURCE_PRODUCER, tp.toString(), why)));
        Expected expected = expected();
        Map<TopicPartition, List<ProducerState>> suspects = new LinkedHashMap<>();
        described.answered().forEach((tp, state) -> {
            Set<Long> allowed = expected.producerIds(baseline.topics().get(tp.topic()));
            List<ProducerMark> before = baseline.producers().get(StrayBaseline.key(tp));
            List<ProducerState> wrote = state.activeProducers().stream()
                    .filter(p -> !allowed.contains(p.producerId()))
                    .filter(p -> wroteSince(p, before))
                    .toList();
            if (!wrote.isEmpty()) {
                suspects.put(tp, wrote);
            }
        });
        if (suspects.isEmpty()) {
            return;
        }
        Set<Long> ids = new LinkedHashSet<>();
        suspects.values().forEach(list -> list.forEach(p -> ids.add(p.producerId())));
        Optional<Map<Long, String>> names = transactionalIds(ids);
        suspects.forEach((tp, list) -> {
            ExpectedWriters writers = baseline.topics().get(tp.topic());
            for (ProducerState p : list) {
                String txnId = names.map(m -> m.get(p.producerId())).orElse(null);
                if (txnId != null && writers.transactionalIds().contains(txnId)) {
                    continue;
                }
                List<String> unknown = expected.unresolved(writers);
                if (txnId == null && !unknown.isEmpty()) {
                    not.add(new NotChecked(
                            StrayKind.SOURCE_PRODUCER,
                            tp.toString(),
                            "producer id " + p.producerId() + " wrote since the baseline, and whether it is the"
                                    + " expected writer is unknown: " + String.join("; ", unknown)));
                    continue;
                }
                found.add(new StrayClient(
                        StrayKind.SOURCE_PRODUCER,
                        tp.toString(),
                        StrayClient.UNKNOWN,
                        StrayClient.UNKNOWN,
                        StrayClient.UNKNOWN,
                        "producer id " + p.producerId() + ", epoch " + p.producerEpoch() + ", last record timestamp "
                                + Instant.ofEpochMilli(p.lastTimestamp())
                                + (txnId != null
                                        ? ", transactional id '" + txnId + "'"
                                        : names.isPresent()
                                                ? ", no transactional id listed (an idempotent producer, or a"
                                                        + " transactional id the " + source.cluster()
                                                        + " profile may not describe)"
                                                : ", transactional id unknown (the " + source.cluster()
                                                        + " did not list transactions)")));
            }
        });
    }

    /**
     * The expected writers' producer ids: those given, and those of the expected transactional ids now ({@code
     * DescribeTransactions}). A transactional id the coordinator does not know has never written and has none.
     */
    private Expected expected() {
        Set<String> txnIds = new TreeSet<>();
        baseline.topics().values().forEach(w -> txnIds.addAll(w.transactionalIds()));
        Map<String, Long> resolved = new LinkedHashMap<>();
        Map<String, String> unresolved = new LinkedHashMap<>();
        if (!txnIds.isEmpty()) {
            var result = source.admin()
                    .describeTransactions(txnIds, new DescribeTransactionsOptions().timeoutMs(source.timeoutMs()));
            Map<String, KafkaFuture<TransactionDescription>> futures = new LinkedHashMap<>();
            txnIds.forEach(id -> futures.put(id, result.description(id)));
            var described = source.each(futures, "describe the expected transactional id");
            described.answered().forEach((id, d) -> resolved.put(id, d.producerId()));
            described.failed().forEach((id, why) -> {
                if (!notFound(futures.get(id))) {
                    unresolved.put(id, why);
                }
            });
        }
        return new Expected(resolved, unresolved);
    }

    private static boolean notFound(KafkaFuture<?> future) {
        try {
            future.getNow(null);
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof TransactionalIdNotFoundException;
        } catch (RuntimeException | InterruptedException e) {
            return false;
        }
    }

    /** The expected transactional ids' producer ids, and those that could not be described (with why). */
    private record Expected(Map<String, Long> resolved, Map<String, String> unresolved) {
        Set<Long> producerIds(ExpectedWriters writers) {
            Set<Long> ids = new LinkedHashSet<>(writers.producerIds());
            writers.transactionalIds().stream()
                    .map(resolved::get)
                    .filter(java.util.Objects::nonNull)
                    .forEach(ids::add);
            return ids;
        }

        List<String> unresolved(ExpectedWriters writers) {
            return writers.transactionalIds().stream()
                    .filter(unresolved::containsKey)
                    .map(id -> "transactional id '" + id + "': " + unresolved.get(id))
                    .toList();
        }
    }

    /** Whether the producer wrote since the baseline; see the class comment. */
    private boolean wroteSince(ProducerState p, List<ProducerMark> before) {
        if (before == null) {
            return p.lastTimestamp() >= baseline.takenAtMs();
        }
        return before.stream().noneMatch(m -> m.unchanged(p));
    }

    /**
     * The transactional ids of these producer ids ({@code ListTransactions}); ids without one are absent. Empty when
     * the cluster does not answer or refuses.
     */
    private Optional<Map<Long, String>> transactionalIds(Collection<Long> producerIds) {
        try {
            Collection<TransactionListing> listed = source.await(
                    source.admin()
                            .listTransactions(new ListTransactionsOptions()
                                    .filterProducerIds(producerIds)
                                    .timeoutMs(source.timeoutMs()))
                            .all(),
                    "list the transactions of producer ids " + producerIds);
            Map<Long, String> out = new LinkedHashMap<>();
            listed.forEach(t -> out.put(t.producerId(), t.transactionalId()));
            return Optional.of(out);
        } catch (CutoverException e) {
            return Optional.empty();
        }
    }

    private void checkGrowth(List<TopicPartition> partitions) {
        var ends = logEnds(source, partitions);
        ends.failed().forEach((tp, why) -> not.add(new NotChecked(StrayKind.SOURCE_LOG_GROWTH, tp.toString(), why)));
        ends.answered().forEach((tp, end) -> {
            String key = StrayBaseline.key(tp);
            Long before = baseline.logEnds().get(key);
            if (before == null) {
                not.add(new NotChecked(
                        StrayKind.SOURCE_LOG_GROWTH, key, "the baseline could not read the partition's log end"));
                return;
            }
            if (end <= before) {
                return;
            }
            ExpectedWriters expected = baseline.topics().get(tp.topic());
            if (expected.nobody()) {
                found.add(growth(
                        key,
                        "log end grew from " + before + " to " + end + " (+" + (end - before)
                                + ") since the baseline, and no writer is expected there"));
                return;
            }
            Long explained = explainedEnds.get(key);
            if (explained == null) {
                not.add(new NotChecked(
                        StrayKind.SOURCE_LOG_GROWTH,
                        key,
                        "log end grew from " + before + " to " + end + " since the baseline, and the expected writers"
                                + " write there too: without the end they account for, the growth cannot be"
                                + " attributed (a producer without idempotence has no producer id to see)"));
                return;
            }
            long accounted = Math.max(before, explained);
            if (end > accounted) {
                found.add(growth(
                        key,
                        "log end " + end + " is " + (end - accounted) + " past " + accounted
                                + ", the end the expected writers account for"));
            }
        });
    }

    private static StrayClient growth(String partition, String detail) {
        return new StrayClient(
                StrayKind.SOURCE_LOG_GROWTH,
                partition,
                StrayClient.UNKNOWN,
                StrayClient.UNKNOWN,
                StrayClient.UNKNOWN,
                detail);
    }

    /** The partitions' log ends (high watermarks), per partition. */
    static ClusterCalls.PerKey<TopicPartition, Long> logEnds(ClusterCalls on, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
        partitions.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
        var result = on.admin()
                .listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED).timeoutMs(on.timeoutMs()));
        Map<TopicPartition, KafkaFuture<Long>> futures = new LinkedHashMap<>();
        partitions.forEach(tp -> futures.put(tp, result.partitionResult(tp).thenApply(i -> i.offset())));
        return on.each(futures, "read the log end");
    }

    /** The partitions' active producers, per partition. */
    static ClusterCalls.PerKey<TopicPartition, PartitionProducerState> describeProducers(
            ClusterCalls on, List<TopicPartition> partitions) {
        var result = on.admin().describeProducers(partitions, new DescribeProducersOptions().timeoutMs(on.timeoutMs()));
        Map<TopicPartition, KafkaFuture<PartitionProducerState>> futures = new LinkedHashMap<>();
        partitions.forEach(tp -> futures.put(tp, result.partitionResult(tp)));
        return on.each(futures, "describe the active producers");
    }
}
