package dev.cutover.link.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * Transactions open on the source that touch linked partitions. The link reads with read_committed, so such a
 * partition is copied only up to the transaction's first record until it commits or aborts: a long-open or hanging
 * transaction holds the partition back, and at cutover its records are neither on the target nor final on the source.
 */
public final class OpenTransactions {
    /**
     * One open transaction.
     *
     * @param startedAt when the coordinator saw it begin, if known
     * @param partitions the linked partitions it has written to, sorted
     */
    public record Open(String transactionalId, Optional<Instant> startedAt, List<TopicPartition> partitions) {
        public Open {
            partitions = List.copyOf(partitions);
        }

        /** How long it has been open at {@code now}, if known. */
        public Optional<Duration> age(Instant now) {
            return startedAt.map(start -> Duration.between(start, now));
        }
    }

    private OpenTransactions() {}

    /**
     * The open transactions of the source that touch {@code linked}, oldest first. Needs DESCRIBE on the source's
     * transactional ids (without it, those ids are simply not listed).
     */
    public static List<Open> on(Admin source, Collection<TopicPartition> linked, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<String> ongoing = source.listTransactions().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(l -> l.state() == TransactionState.ONGOING)
                .map(TransactionListing::transactionalId)
                .toList();
        if (ongoing.isEmpty()) {
            return List.of();
        }
        var described = source.describeTransactions(ongoing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Comparator<TopicPartition> byName =
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);
        return described.entrySet().stream()
                .map(e -> new Open(
                        e.getKey(),
                        e.getValue().transactionStartTimeMs().stream()
                                .mapToObj(Instant::ofEpochMilli)
                                .findFirst(),
                        e.getValue().topicPartitions().stream()
                                .filter(linked::contains)
                                .sorted(byName)
                                .toList()))
                .filter(open -> !open.partitions().isEmpty())
                .sorted(Comparator.comparing((Open open) -> open.startedAt().orElse(Instant.MAX))
                        .thenComparing(Open::transactionalId))
                .toList();
    }
}
