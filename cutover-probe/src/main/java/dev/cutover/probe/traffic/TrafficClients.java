package dev.cutover.probe.traffic;

import dev.cutover.config.ConnectionProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Producers and consumers of the target profile for probe traffic, every wait bounded by the profile's timeout so
 * that nothing hangs: an unreachable broker, a refused record or a missing ACL ends as an exception in time.
 */
final class TrafficClients {
    private static final int MIB = 1024 * 1024;
    private final ConnectionProfile target;
    private final ProbeTopics names;

    TrafficClients(ConnectionProfile target, ProbeTopics names) {
        this.target = target;
        this.names = names;
    }

    Duration timeout() {
        return target.timeout();
    }

    ProbeTopics names() {
        return names;
    }

    /** An idempotent producer ({@code acks=all}) with this codec, able to send a record of {@code largest} bytes. */
    KafkaProducer<byte[], byte[]> producer(String codec, long largest, String transactionalId) {
        Map<String, Object> p = base();
        long ms = target.timeout().toMillis();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, ms / 2));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(2000, ms));
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int)
                Math.min(Integer.MAX_VALUE, Math.max(MIB, largest + 64 * 1024)));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L * MIB, 2 * largest + MIB));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, names.base() + "-producer");
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(10_000, ms * 2));
        }
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer without a group (assign only) or of {@code group}; never commits on its own. */
    KafkaConsumer<byte[], byte[]> consumer(String group, String isolation, String reset, long largest) {
        Map<String, Object> c = base();
        long ms = target.timeout().toMillis();
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (group != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ms);
        c.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, Math.min(30_000, ms)));
        int fetch = (int) Math.min(Integer.MAX_VALUE, Math.max(MIB, largest + 64 * 1024));
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, fetch);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(fetch, 50 * MIB));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, names.base() + "-consumer");
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> base() {
        return new HashMap<>(target.clientProperties());
    }
}
