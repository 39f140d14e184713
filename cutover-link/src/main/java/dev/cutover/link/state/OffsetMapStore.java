package dev.cutover.link.state;

import dev.cutover.offsets.OffsetMapCodec;
import dev.cutover.offsets.PartitionOffsetMap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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
 * <p>Invariants: chunk {@code i+1} begins exactly where chunk {@code i} ends, and the base's {@code coveredTo} is where
 * the lowest live chunk begins, so base + live chunks applied in order is the partition's whole map; a chunk is only
 * written in the same transaction as the data it describes, so the stored map never claims a record the target does
 * not hold (it may lag the data: recovery re-derives the lag by reading the target's tail and the source side by side).
 *
 * <p>Retention follows the source's: once the source's log start has passed the end of closed chunks, {@link
 * Writer#trimTo} rewrites the base to begin where the first chunk still needed begins (with the source log start raised,
 * so that offsets below it translate as the log start, as on the source) and deletes the older chunks with tombstones,
 * in one transaction. What the store holds is then the map of the source's retained range: about one run per link
 * transaction that wrote to the partition, plus one per source transaction marker or other gap, at 1–5 bytes a run
 * (see {@code docs/offset-map.md} for figures per partition per day).
 */
public final class OffsetMapStore {
    /** Size at which the open chunk is closed; bounds what each checkpoint rewrites. */
    public static final int CHUNK_BYTES = 16 * 1024;

    private static final String KEY_PREFIX = "m1/";

    private OffsetMapStore() {}

    /**
     * What the store holds: each partition's map, and its live chunks (index → the source offset where each begins).
     */
    public record Stored(
            Map<TopicPartition, PartitionOffsetMap> maps, Map<TopicPartition, NavigableMap<Integer, Long>> chunks) {
        /** How many chunk indices a partition has used: a resumed writer starts after them. */
        public int chunkCount(TopicPartition tp) {
            NavigableMap<Integer, Long> live = chunks.get(tp);
            return live == null || live.isEmpty() ? 0 : live.lastKey() + 1;
        }

        public NavigableMap<Integer, Long> chunkStarts(TopicPartition tp) {
            return chunks.getOrDefault(tp, new TreeMap<>());
        }
    }

    /** Reads every partition's map (read_committed). Partitions with a base but no chunk yet get the base. */
    public static Stored load(Map<String, Object> targetProps, LinkTopics topics, Duration timeout) {
        return assemble(readAll(targetProps, topics.offsets(), timeout));
    }

    /** The maps that the store's records, in log order, describe (later records of a key replace earlier ones). */
    public static Stored assemble(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, byte[]> bases = new HashMap<>();
        Map<TopicPartition, TreeMap<Integer, byte[]>> chunks = new HashMap<>();
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
        Map<TopicPartition, NavigableMap<Integer, Long>> starts = new HashMap<>();
        bases.forEach((tp, base) -> {
            PartitionOffsetMap map = OffsetMapCodec.decode(base);
            TreeMap<Integer, byte[]> live = chunks.getOrDefault(tp, new TreeMap<>());
            maps.put(tp, OffsetMapCodec.applyIncrements(map, new ArrayList<>(live.values())));
            TreeMap<Integer, Long> partitionStarts = new TreeMap<>();
            live.forEach((index, increment) -> partitionStarts.put(index, OffsetMapCodec.incrementBase(increment)));
            starts.put(tp, partitionStarts);
        });
        return new Stored(maps, starts);
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
        private final int chunkBytes;
        /** Live chunks, closed and open: index → the source offset where each begins. The last is the open one. */
        private final NavigableMap<Integer, Long> starts;

        private boolean baseWritten;
        private int chunk;
        private long chunkStart;

        /** A writer for a partition whose store holds nothing yet. */
        public static Writer fresh(
                LinkTopics topics, TopicPartition partition, PartitionOffsetMap base, int chunkBytes) {
            return new Writer(topics.offsets(), partition, chunkBytes, false, new TreeMap<>(), 0, base.coveredTo());
        }

        /**
         * A writer that continues a stored map: new runs go to a new chunk after the stored ones (the open chunk of
         * the previous instance is left as it is, closed).
         */
        public static Writer resume(
                LinkTopics topics, TopicPartition partition, Stored stored, long storedCoveredTo, int chunkBytes) {
            return new Writer(
                    topics.offsets(),
                    partition,
                    chunkBytes,
                    true,
                    new TreeMap<>(stored.chunkStarts(partition)),
                    stored.chunkCount(partition),
                    storedCoveredTo);
        }

        private Writer(
                String topic,
                TopicPartition partition,
                int chunkBytes,
                boolean baseWritten,
                NavigableMap<Integer, Long> starts,
                int chunk,
                long chunkStart) {
            this.topic = topic;
            this.partition = partition;
            this.chunkBytes = chunkBytes;
            this.baseWritten = baseWritten;
            this.starts = starts;
            this.chunk = chunk;
            this.chunkStart = chunkStart;
            starts.put(chunk, chunkStart);
        }

        /** Where the open chunk begins: the map's runs below it are stored for good and need not stay in memory. */
        public long openChunkStart() {
            return chunkStart;
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
                if (increment.length > chunkBytes) {
                    chunk++;
                    chunkStart = map.coveredTo();
                    starts.put(chunk, chunkStart);
                }
            }
            return records;
        }

        /**
         * Records (to send in the link's transaction) that forget the closed chunks lying wholly below {@code
         * sourceLogStart}: a new base that begins where the first kept chunk begins, and a tombstone for each dropped
         * chunk. Empty if no chunk can go. The open chunk always stays.
         *
         * @param base the partition's base map as first stored (where the link started reading and writing)
         */
        public List<ProducerRecord<byte[], byte[]>> trimTo(long sourceLogStart, PartitionOffsetMap base) {
            List<Integer> dropped = new ArrayList<>();
            Integer keep = null;
            for (Map.Entry<Integer, Long> e : starts.entrySet()) {
                Map.Entry<Integer, Long> next = starts.higherEntry(e.getKey());
                if (next != null && next.getValue() <= sourceLogStart) {
                    dropped.add(e.getKey());
                } else {
                    keep = e.getKey();
                    break;
                }
            }
            if (dropped.isEmpty() || keep == null) {
                return List.of();
            }
            PartitionOffsetMap newBase = PartitionOffsetMap.builder(base.coveredFrom(), base.targetFrom())
                    .sourceLogStart(Math.max(base.sourceLogStart(), sourceLogStart))
                    .targetLogStart(base.targetLogStart())
                    .readUpTo(starts.get(keep))
                    .build();
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(dropped.size() + 1);
            records.add(record(Key.base(partition), OffsetMapCodec.encode(newBase)));
            for (int index : dropped) {
                records.add(record(Key.chunk(partition, index), null));
                starts.remove(index);
            }
            baseWritten = true;
            return records;
        }

        private ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
            return new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8), value);
        }
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
