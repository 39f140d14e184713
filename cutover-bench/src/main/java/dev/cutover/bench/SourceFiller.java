package dev.cutover.bench;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills a topic with records of random 16-byte keys, random values of a fixed size and one header ({@code bench-seq},
 * the record's sequence number), with a fast producer (linger 20 ms, batches of up to 512 KiB sized by {@link
 * ProducerSizing}, {@code acks=all}). Partitions
 * follow the keys' hashes, so they fill about evenly; the same seed and partition count give the same records in the
 * same partitions.
 */
final class SourceFiller {
    static final String HEADER = "bench-seq";

    private SourceFiller() {}

    /**
     * Where each record landed: {@code offsets[seq]} is the offset of record {@code seq} in its partition (-1 until
     * acknowledged).
     */
    record Index(long[] offsets) {
        long offsetOf(long seq) {
            long offset = offsets[Math.toIntExact(seq)];
            if (offset < 0) {
                throw new IllegalStateException("record " + seq + " was never acknowledged by the source");
            }
            return offset;
        }
    }

    /** How long the fill took, and the index if one was asked for. */
    record Filled(Duration took, Optional<Index> index) {}

    /** Fills {@code topic} and indexes where each record landed (for {@link ResumePoints}). */
    static Filled fill(
            Map<String, Object> cluster, String topic, int partitions, long records, int valueSize, long seed) {
        return fill(cluster, topic, partitions, records, valueSize, seed, 0);
    }

    /**
     * As {@link #fill}, with every value in Confluent's wire format under {@code schemaId} (its first 5 bytes: magic 0
     * and the id) when the id is positive and values have room for the header.
     */
    static Filled fill(
            Map<String, Object> cluster,
            String topic,
            int partitions,
            long records,
            int valueSize,
            long seed,
            int schemaId) {
        return write(cluster, topic, partitions, records, valueSize, seed, true, () -> false, schemaId);
    }

    /**
     * Writes the records {@link #fill} writes with the same seed, without an index, until done or {@code stopped}
     * answers true.
     */
    static Duration write(
            Map<String, Object> cluster,
            String topic,
            int partitions,
            long records,
            int valueSize,
            long seed,
            BooleanSupplier stopped) {
        return write(cluster, topic, partitions, records, valueSize, seed, false, stopped, 0)
                .took();
    }

    private static Filled write(
            Map<String, Object> cluster,
            String topic,
            int partitions,
            long records,
            int valueSize,
            long seed,
            boolean index,
            BooleanSupplier stopped,
            int schemaId) {
        Map<String, Object> props = new HashMap<>(cluster);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        ProducerSizing sizing = ProducerSizing.forPartitions(partitions);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, sizing.batchBytes());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, sizing.bufferBytes());
        // A busy machine can starve the embedded broker for minutes: wait rather than fail the session.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        SplittableRandom random = new SplittableRandom(seed);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] offsets = index ? new long[Math.toIntExact(records)] : null;
        if (offsets != null) {
            Arrays.fill(offsets, -1);
        }
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < records && failure.get() == null && !stopped.getAsBoolean(); i++) {
                byte[] key = new byte[16];
                random.nextBytes(key);
                byte[] value = new byte[valueSize];
                random.nextBytes(value);
                if (schemaId > 0 && valueSize >= 5) {
                    value[0] = 0;
                    ByteBuffer.wrap(value, 1, 4).putInt(schemaId);
                }
                RecordHeaders headers = new RecordHeaders();
                headers.add(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(i).array());
                int seq = (int) i;
                producer.send(new ProducerRecord<>(topic, null, key, value, headers), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else if (offsets != null) {
                        offsets[seq] = metadata.offset();
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "writing " + topic + " to " + cluster.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                            + " failed: " + failure.get().getMessage(),
                    "the benchmark's embedded broker did not take the records in time; run it on a quieter machine"
                            + " or with fewer records or partitions",
                    failure.get());
        }
        return new Filled(
                Duration.ofNanos(System.nanoTime() - t0),
                offsets == null ? Optional.empty() : Optional.of(new Index(offsets)));
    }
}
