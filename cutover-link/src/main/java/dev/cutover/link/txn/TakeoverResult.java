package dev.cutover.link.txn;

import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * What {@link TransactionTakeover#adopt} found, and did, for one transactional id. Only {@link ConcurrentInstance}
 * means the caller must not go on to {@code initTransactions()}.
 */
public sealed interface TakeoverResult {
    String transactionalId();

    /** Whether the caller may now initialize its own transactional producer with this id. */
    default boolean mayProceed() {
        return !(this instanceof ConcurrentInstance);
    }

    /**
     * The coordinator knows no open transaction for the id: it has no state for it at all, or its state is {@code
     * Empty} or {@code CompleteCommit} (possibly after waiting for a {@code PrepareCommit} to complete). Nothing was
     * written.
     *
     * @param detail what the coordinator reported, for the log
     */
    record NothingOpen(String transactionalId, String detail) implements TakeoverResult {
        public NothingOpen {
            Objects.requireNonNull(transactionalId, "transactionalId");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The previous instance's last transaction was aborted before the takeover ({@code PrepareAbort} or {@code
     * CompleteAbort}), usually by the coordinator because the instance was down longer than its {@code
     * transaction.timeout.ms}, or by the instance itself. Its records stay in the log as aborted data: {@code
     * read_committed} consumers skip them, {@code read_uncommitted} consumers see them. Nothing was written by the
     * takeover; the caller may proceed, and decides how loudly to warn ({@link #warning()}).
     *
     * <p>Age is not a criterion: the coordinator keeps reporting the abort until the id is next initialized (or
     * expires after {@code transactional.id.expiration.ms}, 7 days by default), : an abort found here is always the id's
     * last transaction.
     *
     * @param partitions the aborted transaction's partitions: listed only while the abort is in progress ({@code
     *     PrepareAbort}) and for topics the principal may describe; Kafka 4.3.1 lists none once it is complete
     * @param transactionTimeoutMs the previous producer's {@code transaction.timeout.ms}
     */
    record AbortedBeforeTakeover(
            String transactionalId,
            long producerId,
            short producerEpoch,
            Set<TopicPartition> partitions,
            long transactionTimeoutMs)
            implements TakeoverResult {
        public AbortedBeforeTakeover {
            Objects.requireNonNull(transactionalId, "transactionalId");
            partitions = Set.copyOf(partitions);
        }

        /** A message for the link's user; names no secret. */
        public String warning() {
            return "the previous instance's last transaction (transactional id " + transactionalId + ", producer id "
                    + producerId + ", epoch " + producerEpoch + ") was aborted before the takeover (the coordinator"
                    + " aborts a transaction left open longer than transaction.timeout.ms = " + transactionTimeoutMs
                    + " ms): read_uncommitted consumers may see up to one transaction of aborted records on "
                    + (partitions.isEmpty()
                            ? "the partitions it wrote (no longer listed by the coordinator)"
                            : "partitions " + sorted(partitions));
        }
    }

    /**
     * The previous instance left a transaction {@code Ongoing} and the takeover committed it: every record that
     * instance had sent in it is now committed, none aborted. Under {@code transaction.version} 2 the commit also
     * bumped the epoch, so the previous instance's producer is fenced ({@code InvalidProducerEpochException}).
     *
     * <p>If the previous instance was finishing the same commit itself at that moment, the coordinator confirms it the
     * same way: the outcome for the data is identical.
     *
     * @param partitions the transaction's partitions whose topics the principal may describe (the commit covers all)
     */
    record Committed(String transactionalId, long producerId, short producerEpoch, Set<TopicPartition> partitions)
            implements TakeoverResult {
        public Committed {
            Objects.requireNonNull(transactionalId, "transactionalId");
            partitions = Set.copyOf(partitions);
        }
    }

    /**
     * Another producer with this transactional id is alive: it moved the transaction on while the takeover was
     * looking at it (the coordinator answered {@code PRODUCER_FENCED}, {@code INVALID_PRODUCER_EPOCH} or {@code
     * INVALID_PRODUCER_ID_MAPPING}, a new transaction appeared, or an epoch fence was in progress). Nothing was
     * committed or aborted. The caller must not call {@code initTransactions()}: that would abort the running
     * instance's open transaction and leave aborted data. Stop the other instance first, then retry.
     *
     * @param detail what was observed, for the user
     */
    record ConcurrentInstance(String transactionalId, String detail) implements TakeoverResult {
        public ConcurrentInstance {
            Objects.requireNonNull(transactionalId, "transactionalId");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private static String sorted(Set<TopicPartition> partitions) {
        return partitions.stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .map(TopicPartition::toString)
                .collect(Collectors.joining(", "));
    }
}
