package dev.cutover.probe.traffic;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.probe.traffic.SchemaPlan.SampledId;
import dev.cutover.probe.traffic.SchemaPlan.Side;
import dev.cutover.schemas.WireFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads, on the source, one real record carrying a sampled schema id: from where the sample saw it, at most {@value
 * #MAX_SCANNED} records on (compaction or retention may have removed it since). Read only: no group, no commit.
 */
final class SourceRecords implements AutoCloseable {
    static final int MAX_SCANNED = 200;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    SourceRecords(ConnectionProfile source) {
        Map<String, Object> c = new HashMap<>(source.clientProperties());
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-probe-schema-sample");
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.timeout = source.timeout();
    }

    /** The first record at or after where {@code sampled} was seen whose key or value carries its id. */
    Optional<ConsumerRecord<byte[], byte[]>> find(SampledId sampled) {
        TopicPartition tp = new TopicPartition(sampled.topic(), sampled.seen().partition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, sampled.seen().offset());
        long end = consumer.endOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = 0;
        while (consumer.position(tp, timeout) < end && scanned < MAX_SCANNED && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                scanned++;
                if (carries(r, sampled.side(), sampled.id())) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    static boolean carries(ConsumerRecord<byte[], byte[]> r, Side side, int id) {
        OptionalInt found = WireFormat.schemaId(side == Side.KEY ? r.key() : r.value());
        return found.isPresent() && found.getAsInt() == id;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
