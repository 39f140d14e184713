package dev.cutover.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records a contender has committed on the target, for contenders that cannot count them in this JVM
 * ({@link Replicator.OutOfProcess}), without reading everything they write: for each partition whose last stable offset
 * moved, it reads the last few committed records below it ({@code read_committed}) and takes the newest one's {@link
 * SourceFiller#HEADER}; that record's offset in the source partition, plus one, is how many records of the partition
 * the target holds.
 *
 * <p>Exact for a copy that keeps each partition's order and copies every record once into the same partition, of source
 * partitions written from offset 0 without gaps (the benchmark's fill): commit markers and aborted records, which make
 * the target's end offsets overstate the count, are neither returned under read_committed nor counted. That the copy
 * is whole and exact is checked afterwards anyway, record by record ({@link BenchTopics#count}).
 */
final class TargetProgress implements AutoCloseable {
    /** Offsets read below a moved end: a transaction's last copies and its commit marker fit many times over. */
    static final int WINDOW = 16;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SourceFiller.Index index;
    private final Map<TopicPartition, Long> readTo = new HashMap<>();
    private final Map<TopicPartition, Long> counted = new HashMap<>();

    /** A read_committed consumer of the target topic, all partitions assigned and paused until they are read. */
    TargetProgress(Map<String, Object> target, String topic, int partitions, SourceFiller.Index index) {
        Map<String, Object> props = new HashMap<>(target);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.index = index;
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            all.add(tp);
            readTo.put(tp, 0L);
            counted.put(tp, 0L);
        }
        consumer.assign(all);
        consumer.pause(all);
    }

    /**
     * The records committed on the target by now.
     *
     * @param stableEnds each partition's last stable offset (read_committed end), just read
     */
    long copied(Map<Integer, Long> stableEnds) {
        Map<TopicPartition, Long> moved = new HashMap<>();
        readTo.forEach((tp, done) -> {
            long end = stableEnds.getOrDefault(tp.partition(), done);
            if (end > done) {
                moved.put(tp, end);
            }
        });
        if (!moved.isEmpty()) {
            Map<TopicPartition, Long> from = new HashMap<>();
            moved.forEach((tp, end) -> from.put(tp, Math.max(readTo.get(tp), end - WINDOW)));
            Map<TopicPartition, Long> newest = read(from, moved);
            // A window of only markers and aborted records: read everything not read yet (rare: after aborts).
            Map<TopicPartition, Long> again = new HashMap<>();
            moved.keySet().stream()
                    .filter(tp -> !newest.containsKey(tp) && from.get(tp) > readTo.get(tp))
                    .forEach(tp -> again.put(tp, readTo.get(tp)));
            if (!again.isEmpty()) {
                Map<TopicPartition, Long> ends = new HashMap<>();
                again.keySet().forEach(tp -> ends.put(tp, moved.get(tp)));
                newest.putAll(read(again, ends));
            }
            newest.forEach((tp, seq) -> counted.put(tp, index.offsetOf(seq) + 1));
            readTo.putAll(moved);
        }
        return counted.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Reads each partition from {@code from} to {@code ends}; the sequence number of the newest record of each. */
    private Map<TopicPartition, Long> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) {
        from.forEach(consumer::seek);
        consumer.resume(from.keySet());
        Map<TopicPartition, Long> newest = new HashMap<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        try {
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the target's last committed records were not read within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < ends.get(tp)) {
                        newest.put(tp, sequence(r));
                    }
                }
            }
        } finally {
            consumer.pause(from.keySet());
        }
        return newest;
    }

    private static long sequence(ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader(SourceFiller.HEADER);
        if (h == null || h.value() == null || h.value().length != Long.BYTES) {
            throw new IllegalStateException(
                    "a record on the target has no " + SourceFiller.HEADER + " header: not a copy of the source's");
        }
        return ByteBuffer.wrap(h.value()).getLong();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
