package dev.cutover.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills a topic with records of random 16-byte keys, random values of a fixed size and one header ({@code bench-seq},
 * the record's sequence number), with a fast producer (linger 20 ms, 512 KiB batches, {@code acks=all}). Partitions
 * follow the keys' hashes, so they fill about evenly.
 */
final class SourceFiller {
    static final String HEADER = "bench-seq";

    private SourceFiller() {}

    static Duration fill(Map<String, Object> cluster, String topic, long records, int valueSize, long seed) {
        Map<String, Object> props = new HashMap<>(cluster);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        SplittableRandom random = new SplittableRandom(seed);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < records && failure.get() == null; i++) {
                byte[] key = new byte[16];
                random.nextBytes(key);
                byte[] value = new byte[valueSize];
                random.nextBytes(value);
                RecordHeaders headers = new RecordHeaders();
                headers.add(HEADER, ByteBuffer.allocate(Long.BYTES).putLong(i).array());
                producer.send(new ProducerRecord<>(topic, null, key, value, headers), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "filling " + topic + " failed: " + failure.get().getMessage(), failure.get());
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
