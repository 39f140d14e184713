package dev.cutover.inventory.cluster;

import dev.cutover.inventory.cluster.ClusterInventory.TopicPartitionRef;
import dev.cutover.inventory.cluster.ClusterInventory.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.KafkaFuture;

/**
 * Transactional ids: listed once on every broker, then described in one batched call. The broker lists only the ids
 * the principal may DESCRIBE, and cannot tell us about the others.
 */
final class TransactionScan {
    private final Admin admin;
    private final Problems problems;
    private final ScanOptions options;
    private final KafkaFuture<Collection<TransactionListing>> listing;
    private final Map<String, KafkaFuture<TransactionDescription>> descriptions = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    TransactionScan(Admin admin, Problems problems, ScanOptions options) {
        this.admin = admin;
        this.problems = problems;
        this.options = options;
        this.listing = admin.listTransactions().all();
    }

    void describe() {
        problems.await(listing, "transactions", "*", "DESCRIBE on TRANSACTIONAL_ID *")
                .ifPresent(all -> all.forEach(t -> ids.add(t.transactionalId())));
        ids.sort(null);
        for (List<String> chunk : Chunks.of(ids, options.chunkSize())) {
            var result = admin.describeTransactions(chunk);
            chunk.forEach(id -> descriptions.put(id, result.description(id)));
        }
    }

    List<Transaction> finish() {
        List<Transaction> transactions = new ArrayList<>();
        for (String id : ids) {
            problems.await(descriptions.get(id), "transactions", id, "DESCRIBE on TRANSACTIONAL_ID " + id)
                    .ifPresent(d -> transactions.add(new Transaction(
                            id,
                            d.state().toString(),
                            d.producerId(),
                            d.producerEpoch(),
                            d.coordinatorId(),
                            d.transactionTimeoutMs(),
                            d.transactionStartTimeMs().isPresent()
                                    ? d.transactionStartTimeMs().getAsLong()
                                    : null,
                            d.topicPartitions().stream()
                                    .map(tp -> new TopicPartitionRef(tp.topic(), tp.partition()))
                                    .sorted(Comparator.comparing(TopicPartitionRef::topic)
                                            .thenComparingInt(TopicPartitionRef::partition))
                                    .toList())));
        }
        return transactions;
    }
}
