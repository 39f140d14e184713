package dev.cutover.link.engine;

import dev.cutover.link.internal.AdminAwait;
import dev.cutover.link.internal.AdminPages;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The clients of one engine run: an Admin per cluster, the read_committed source consumer and the transactional
 * target producer (which may be renewed between transactions). Owned by the engine's writing thread; {@link #close()}
 * never aborts the producer's open transaction (the next instance's takeover commits it).
 */
final class EngineClients implements AutoCloseable {
    /** The producer's largest batch, and what a batch may add to its records' bytes. */
    static final int BATCH_CAP = 512 * 1024;

    static final int BATCH_OVERHEAD = 128;

    /** The producer's buffer: a batch takes batch.size from it whatever it holds. */
    static final long BUFFER_MEMORY = 64L * 1024 * 1024;

    static final int MIN_BATCH = 16 * 1024;

    /**
     * The producer's batch.size: at most {@link #BATCH_CAP}, never over the smallest max.message.bytes of the linked
     * topics (no batch may be rejected as too large), and small enough that every copied partition can have a batch
     * open within the buffer (at thousands of partitions a large batch size would make sends wait for memory).
     */
    static int batchSize(long smallestLimit, int partitions) {
        long byLimit = smallestLimit - BATCH_OVERHEAD;
        long byPartitions = BUFFER_MEMORY / Math.max(1, 2L * partitions);
        return (int) Math.max(MIN_BATCH, Math.min(BATCH_CAP, Math.min(byLimit, byPartitions)));
    }

    final Map<String, Object> sourceProps;
    final Map<String, Object> targetProps;
    final LinkSettings settings;
    final Admin sourceAdmin;
    final Admin targetAdmin;
    final AdminAwait source;
    final AdminAwait target;
    KafkaConsumer<byte[], byte[]> consumer;
    KafkaProducer<byte[], byte[]> producer;

    EngineClients(Map<String, Object> sourceProps, Map<String, Object> targetProps, LinkSettings settings) {
        this.sourceProps = Map.copyOf(sourceProps);
        this.targetProps = Map.copyOf(targetProps);
        this.settings = settings;
        this.source = new AdminAwait(
                "source",
                settings.timeout(),
                "grant the source profile's principal READ and DESCRIBE on the linked topics and DESCRIBE_CONFIGS"
                        + " (README, link, Permissions)");
        this.target = new AdminAwait(
                "target",
                settings.timeout(),
                "grant the target profile's principal the link's ACLs (README, link, Permissions)");
        this.sourceAdmin = Admin.create(withTimeouts(this.sourceProps));
        Admin t;
        try {
            t = Admin.create(withTimeouts(this.targetProps));
        } catch (RuntimeException e) {
            sourceAdmin.close(Duration.ZERO);
            throw e;
        }
        this.targetAdmin = t;
    }

    /** Admin calls are bounded by the link's timeout, not kafka-clients' defaults (60 s and more). */
    private Map<String, Object> withTimeouts(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(props);
        int ms =
                (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.timeout().toMillis()));
        p.putIfAbsent("default.api.timeout.ms", ms);
        p.putIfAbsent("request.timeout.ms", ms);
        return p;
    }

    static final long RETRY_BACKOFF_MS = 10;
    static final long RETRY_BACKOFF_MAX_MS = 100;

    /** @param batchSize see {@link #batchSize} */
    KafkaProducer<byte[], byte[]> newProducer(int batchSize) {
        Map<String, Object> p = new HashMap<>(targetProps);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.topics().transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // Each transaction's first sends wait while the previous commit's markers are written (CONCURRENT_TRANSACTIONS,
        // retried): with the default backoff (100 ms doubling to 1 s) a send waits up to a second longer than the
        // markers take, once per transaction; short retries keep that overshoot small at thousands of partitions.
        p.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MS);
        p.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, RETRY_BACKOFF_MAX_MS);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, BUFFER_MEMORY);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        p.putIfAbsent(
                ProducerConfig.CLIENT_ID_CONFIG,
                "cutover-link-" + settings.topics().link());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    KafkaConsumer<byte[], byte[]> newConsumer() {
        Map<String, Object> c = new HashMap<>(sourceProps);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.put(
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                Throttle.fetchBytes(settings.maxBytesPerSecond(), 16 * 1024 * 1024));
        c.put(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                Throttle.fetchBytes(settings.maxBytesPerSecond(), 4 * 1024 * 1024));
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.putIfAbsent(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "cutover-link-" + settings.topics().link());
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A read_uncommitted consumer of the target, for checking what lies between two offsets of a partition. */
    KafkaConsumer<byte[], byte[]> newTargetReader() {
        Map<String, Object> c = new HashMap<>(targetProps);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "cutover-link-" + settings.topics().link() + "-check");
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The topics' descriptions, paged; topics the cluster does not show (yet) are absent: compare the key set. */
    Map<String, TopicDescription> describe(Admin admin, AdminAwait await, Set<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        return AdminPages.describeTopics(admin, await, topics, "describe " + topics.size() + " topic(s)");
    }

    /** Log starts ({@code earliest}) or last stable offsets of the partitions, under read_committed, paged. */
    static Map<TopicPartition, Long> listOffsets(
            Admin admin, AdminAwait await, List<TopicPartition> partitions, boolean earliest) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return AdminPages.listOffsets(
                admin,
                await,
                partitions,
                earliest ? OffsetSpec.earliest() : OffsetSpec.latest(),
                IsolationLevel.READ_COMMITTED,
                (earliest ? "list the log starts" : "list the end offsets") + " of " + partitions.size()
                        + " partition(s)");
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        sourceAdmin.close(Duration.ofSeconds(5));
        targetAdmin.close(Duration.ofSeconds(5));
    }
}
