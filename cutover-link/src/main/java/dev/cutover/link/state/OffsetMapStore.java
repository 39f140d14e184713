package dev.cutover.link.state;

import dev.cutover.offsets.OffsetMapCodec;
import dev.cutover.offsets.PartitionOffsetMap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The offset maps of a link, stored in its compacted {@link LinkTopics#offsets()} topic on the target.
 *
 * <p>Format, version 1 (keys are UTF-8 text, values are {@link OffsetMapCodec} bytes, whose first byte is the codec
 * version):
 *
 * <ul>
 *   <li>{@code m1/<topic>/<partition>/h}: the partition's base map, {@link OffsetMapCodec#encode} of the map as it was
 *       when the link took the partition on (no runs: where it starts reading, where it starts writing, log starts).
 *   <li>{@code m1/<topic>/<partition>/c/<index>}: chunk number {@code index} (0, 1, …): {@link
 *       OffsetMapCodec#encodeIncrement} of the map since the {@code coveredTo} at which the chunk began. The last chunk
 *       is open: it is rewritten (same key, so compaction keeps the newest) until its encoding passes {@value
 *       #CHUNK_BYTES} bytes; then the next chunk begins where it ends.
 * </ul>
 *
 * <p>Invariants: chunk {@code i+1} begins exactly where chunk {@code i} ends, so base + chunks 0..n applied in order is
 * the partition's whole map; a chunk is only written in the same transaction as the data it describes, so the stored
 * map never claims a record the target does not hold (it may lag the data: recovery re-derives the lag by reading the
 * target's tail and the source side by side). The topic's size is the encoded size of the maps (a gapless partition's
 * map stays a few bytes however long it runs) plus compaction slack.
 */
public final class OffsetMapStore {
    /** Size at which the open chunk is closed; bounds what each checkpoint rewrites. */
    public static final int CHUNK_BYTES = 16 * 1024;

    private static final String KEY_PREFIX = "m1/";

    private OffsetMapStore() {}

    /** What the store holds: each partition's map, and how many chunks it is stored in. */
    public record Stored(Map<TopicPartition, PartitionOffsetMap> maps, Map<TopicPartition, Integer> chunks) {}

    /** Reads every partition's map (read_committed). Partitions with a base but no chunk yet get the base. */
    public static Stored load(Map<String, Object> targetProps, LinkTopics topics, Duration timeout) {
        Map<TopicPartition, byte[]> bases = new HashMap<>();
        Map<TopicPartition, TreeMap<Integer, byte[]>> chunks = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> records = readAll(targetProps, topics.offsets(), timeout);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Key key = Key.parse(new String(r.key(), StandardCharsets.UTF_8));
            if (key == null) {
                continue;
            }
            if (key.chunk() < 0) {
                if (r.value() == null) {
                    bases.remove(key.partition());
                } else {
                    bases.put(key.partition(), r.value());
                }
            } else if (r.value() == null) {
                chunks.getOrDefault(key.partition(), new TreeMap<>()).remove(key.chunk());
            } else {
                chunks.computeIfAbsent(key.partition(), p -> new TreeMap<>()).put(key.chunk(), r.value());
            }
        }
        Map<TopicPartition, PartitionOffsetMap> maps = new HashMap<>();
        bases.forEach((tp, base) -> {
            PartitionOffsetMap map = OffsetMapCodec.decode(base);
            List<byte[]> increments =
                    new ArrayList<>(chunks.getOrDefault(tp, new TreeMap<>()).values());
            maps.put(tp, OffsetMapCodec.applyIncrements(map, increments));
        });
        return new Stored(maps, chunkCounts(records));
    }

    /** Reads a whole (small, internal) topic under read_committed; throws if its end is not reached in time. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            Map<String, Object> props, String topic, Duration timeout) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Tracks what has been stored for one partition and produces the records that bring the store up to date with a
     * map. Not thread-safe; one per partition, owned by the link's writing thread.
     */
    public static final class Writer {
        private final String topic;
        private final TopicPartition partition;
        private boolean baseWritten;
        private int chunk;
        private long chunkStart;

        /** A writer for a partition whose store holds nothing yet. */
        public static Writer fresh(LinkTopics topics, TopicPartition partition, PartitionOffsetMap base) {
            return new Writer(topics.offsets(), partition, false, 0, base.coveredTo());
        }

        /**
         * A writer that continues a stored map: new runs go to a new chunk after the stored ones (the open chunk of
         * the previous instance is left as it is, closed).
         */
        public static Writer resume(
                LinkTopics topics, TopicPartition partition, int storedChunks, long storedCoveredTo) {
            return new Writer(topics.offsets(), partition, true, storedChunks, storedCoveredTo);
        }

        private Writer(String topic, TopicPartition partition, boolean baseWritten, int chunk, long chunkStart) {
            this.topic = topic;
            this.partition = partition;
            this.baseWritten = baseWritten;
            this.chunk = chunk;
            this.chunkStart = chunkStart;
        }

        /** Records to send (in the link's transaction) so that the store holds {@code map}. */
        public List<ProducerRecord<byte[], byte[]>> recordsFor(PartitionOffsetMap map, PartitionOffsetMap base) {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(2);
            if (!baseWritten) {
                records.add(record(Key.base(partition), OffsetMapCodec.encode(base)));
                baseWritten = true;
            }
            if (map.coveredTo() > chunkStart) {
                byte[] increment = OffsetMapCodec.encodeIncrement(map, chunkStart);
                records.add(record(Key.chunk(partition, chunk), increment));
                if (increment.length > CHUNK_BYTES) {
                    chunk++;
                    chunkStart = map.coveredTo();
                }
            }
            return records;
        }

        private ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
            return new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8), value);
        }
    }

    /** Counts the chunks stored per partition, so that a resumed writer starts after them. */
    static Map<TopicPartition, Integer> chunkCounts(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Key key = Key.parse(new String(r.key(), StandardCharsets.UTF_8));
            if (key != null && key.chunk() >= 0 && r.value() != null) {
                counts.merge(key.partition(), key.chunk() + 1, Math::max);
            }
        }
        return counts;
    }

    record Key(TopicPartition partition, int chunk) {
        static String base(TopicPartition tp) {
            return KEY_PREFIX + tp.topic() + "/" + tp.partition() + "/h";
        }

        static String chunk(TopicPartition tp, int index) {
            return KEY_PREFIX + tp.topic() + "/" + tp.partition() + "/c/" + index;
        }

        /** The key's parts, or null for a key of another format (ignored, so that later versions can coexist). */
        static Key parse(String key) {
            if (!key.startsWith(KEY_PREFIX)) {
                return null;
            }
            String[] parts = key.substring(KEY_PREFIX.length()).split("/");
            try {
                TopicPartition tp = new TopicPartition(parts[0], Integer.parseInt(parts[1]));
                if (parts.length == 3 && parts[2].equals("h")) {
                    return new Key(tp, -1);
                }
                if (parts.length == 4 && parts[2].equals("c")) {
                    return new Key(tp, Integer.parseInt(parts[3]));
                }
            } catch (RuntimeException e) {
                return null;
            }
            return null;
        }
    }
}
