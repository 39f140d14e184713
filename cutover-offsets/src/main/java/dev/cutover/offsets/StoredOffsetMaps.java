package dev.cutover.offsets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The offset maps a link stores in its compacted offsets topic on the target ({@code __cutover.<link>.offsets}), read
 * back and decoded: one {@link PartitionOffsetMap} per source partition the link copies. This is the read side; the
 * link writes the topic.
 *
 * <h2>Format, version 1</h2>
 *
 * Records in partition 0, keys {@link OffsetMapKey} (UTF-8 text), values {@link OffsetMapCodec} bytes (whose first
 * byte is the codec's version):
 *
 * <ul>
 *   <li>{@code m1/<topic>/<partition>/h}: the partition's base map, {@link OffsetMapCodec#encode} of the map as it was
 *       when the link took the partition on, or as retention last trimmed it (no runs: where the map begins reading
 *       and writing, the log starts).
 *   <li>{@code m1/<topic>/<partition>/c/<index>}: chunk number {@code index} (0, 1, …), {@link
 *       OffsetMapCodec#encodeIncrement} of the map since the {@code coveredTo} at which the chunk began. The last chunk
 *       is open: the link rewrites it (same key, so compaction keeps the newest) until it passes a size; then the next
 *       chunk begins where it ends.
 *   <li>A null value (tombstone) deletes the key; keys of another format are skipped.
 * </ul>
 *
 * <p>Invariants (kept by the writer): chunk {@code i+1} begins exactly where chunk {@code i} ends, and the base's
 * {@code coveredTo} is where the lowest live chunk begins, so the base with the live chunks applied in index order is
 * the partition's whole map. Every record is written in the same transaction as the data it describes, so, read under
 * {@code read_committed}, the map never claims a record the target does not hold (it may lag the data).
 */
public final class StoredOffsetMaps {
    /** The prefix of the link's internal topics on the target. */
    public static final String DEFAULT_TOPIC_PREFIX = "__cutover.";

    private final Map<TopicPartition, PartitionOffsetMap> maps;
    private final Map<TopicPartition, NavigableMap<Integer, Long>> chunkStarts;

    private StoredOffsetMaps(
            Map<TopicPartition, PartitionOffsetMap> maps, Map<TopicPartition, NavigableMap<Integer, Long>> starts) {
        this.maps = Collections.unmodifiableMap(maps);
        this.chunkStarts = Collections.unmodifiableMap(starts);
    }

    /** The offsets topic of link {@code link} under the default prefix: {@code __cutover.<link>.offsets}. */
    public static String topicOf(String link) {
        return topicOf(DEFAULT_TOPIC_PREFIX, link);
    }

    /** The offsets topic of link {@code link} under the internal topics' {@code prefix}. */
    public static String topicOf(String prefix, String link) {
        return prefix + link + ".offsets";
    }

    /**
     * Reads and decodes the whole offsets topic (read_committed).
     *
     * @param targetProps client properties of the target cluster
     * @throws org.apache.kafka.common.errors.TimeoutException when the topic is not read to its end in time
     * @throws OffsetMapFormatException when a stored value is corrupt or of a newer codec version
     */
    public static StoredOffsetMaps read(Map<String, Object> targetProps, String offsetsTopic, Duration timeout) {
        return assemble(CommittedTopicReader.readAll(targetProps, offsetsTopic, timeout));
    }

    /**
     * The maps that the topic's records, in log order, describe: later records of a key replace earlier ones, and a
     * partition with a base but no chunk yet gets the base. Chunks without a base are ignored.
     */
    public static StoredOffsetMaps assemble(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, byte[]> bases = new HashMap<>();
        Map<TopicPartition, TreeMap<Integer, byte[]>> chunks = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Optional<OffsetMapKey> parsed = r.key() == null
                    ? Optional.empty()
                    : OffsetMapKey.parse(new String(r.key(), StandardCharsets.UTF_8));
            if (parsed.isEmpty()) {
                continue;
            }
            OffsetMapKey key = parsed.get();
            if (key.isBase()) {
                if (r.value() == null) {
                    bases.remove(key.partition());
                } else {
                    bases.put(key.partition(), r.value());
                }
            } else if (r.value() == null) {
                TreeMap<Integer, byte[]> live = chunks.get(key.partition());
                if (live != null) {
                    live.remove(key.chunk());
                }
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
            starts.put(tp, Collections.unmodifiableNavigableMap(partitionStarts));
        });
        return new StoredOffsetMaps(maps, starts);
    }

    /** Each stored partition's whole map. */
    public Map<TopicPartition, PartitionOffsetMap> maps() {
        return maps;
    }

    /** The partition's live chunks: index → the source offset ({@code coveredTo}) where each begins. */
    public NavigableMap<Integer, Long> chunkStarts(TopicPartition tp) {
        return chunkStarts.getOrDefault(tp, Collections.emptyNavigableMap());
    }

    /** Every partition's live chunks, as {@link #chunkStarts(TopicPartition)}. */
    public Map<TopicPartition, NavigableMap<Integer, Long>> chunkStarts() {
        return chunkStarts;
    }

    /** A translator over these maps. */
    public GroupOffsetTranslator translator() {
        return new GroupOffsetTranslator(maps);
    }
}
