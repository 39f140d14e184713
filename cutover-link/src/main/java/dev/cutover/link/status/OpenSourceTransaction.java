package dev.cutover.link.status;

import dev.cutover.link.engine.OpenTransactions;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One transaction open on the source on linked partitions, as {@code link status} JSON shows it.
 *
 * @param startedAt ISO-8601 instant the coordinator saw it begin, or null if unknown
 * @param partitions the linked partitions it wrote to, as {@code topic-partition}
 */
public record OpenSourceTransaction(String transactionalId, String startedAt, List<String> partitions) {
    public OpenSourceTransaction {
        partitions = List.copyOf(partitions);
    }

    static OpenSourceTransaction of(OpenTransactions.Open open) {
        return new OpenSourceTransaction(
                open.transactionalId(),
                open.startedAt().map(Object::toString).orElse(null),
                open.partitions().stream().map(TopicPartition::toString).toList());
    }
}
