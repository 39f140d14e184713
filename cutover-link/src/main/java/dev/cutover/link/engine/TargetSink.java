package dev.cutover.link.engine;

import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Where the engine's writes to the target go, inside the open transaction: data copies ({@link TransactionWriter}),
 * offset-map chunks, statuses and the lease ({@link Checkpointer}). In-process that is the link's transactional
 * producer; on Kafka Connect ({@link HostedCopy}) the worker's, which owns the transactions and reports where each
 * record landed once its transaction committed.
 */
@FunctionalInterface
interface TargetSink {
    /** Sends a record in the open transaction; {@code landed} (may be null) hears where it landed, or why not. */
    Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback landed);

    default Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    /** The link's own producer, whichever the clients hold when a record is sent (it is renewed between transactions). */
    static TargetSink producerOf(EngineClients clients) {
        return (record, landed) -> clients.producer.send(record, landed);
    }
}
