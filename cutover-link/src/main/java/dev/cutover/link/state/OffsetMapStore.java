package dev.cutover.link.state;

import dev.cutover.offsets.CommittedTopicReader;
import dev.cutover.offsets.OffsetMapCodec;
import dev.cutover.offsets.OffsetMapKey;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.StoredOffsetMaps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The offset maps of a link, stored in its compacted {@link LinkTopics#offsets()} topic on the target. The format and
 * the read side (decoding, assembling chunks) live in cutover-offsets ({@link StoredOffsetMaps}, {@link OffsetMapKey}),
 * so that applications read the maps as the link does; this class adds the link's {@link Writer}. Documented in {@code
 * docs/link-state.md}.
 *
 * <p>Writing: the base ({@code m1/<topic>/<partition>/h}) is written once when the link takes the partition on; the
 * open chunk ({@code m1/<topic>/<partition>/c/<index>}) is rewritten until its encoding passes {@value #CHUNK_BYTES}
 * bytes, then the next chunk begins where it ends. A chunk is only written in the same transaction as the data it
 * describes, so the stored map never claims a record the target does not hold (it may lag the data: recovery re-derives
 * the lag by reading the target's tail and the source side by side).
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

        static Stored of(StoredOffsetMaps read) {
            return new Stored(read.maps(), read.chunkStarts());
        }
    }

    /**
     * Reads every partition's map (read_committed), with {@link StoredOffsetMaps#read}. Partitions with a base but no
     * chunk yet get the base.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException when the topic is not read to its end in time
     */
    public static Stored load(Map<String, Object> targetProps, LinkTopics topics, Duration timeout) {
        return Stored.of(StoredOffsetMaps.read(targetProps, topics.offsets(), timeout));
    }

    /** The maps that the store's records, in log order, describe (later records of a key replace earlier ones). */
    public static Stored assemble(List<ConsumerRecord<byte[], byte[]>> records) {
        return Stored.of(StoredOffsetMaps.assemble(records));
    }

    /**
     * Reads a whole (small, internal) topic under read_committed, with {@link CommittedTopicReader#readAll}.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException when its end is not reached in time
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            Map<String, Object> props, String topic, Duration timeout) {
        return CommittedTopicReader.readAll(props, topic, timeout);
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
                records.add(record(OffsetMapKey.base(partition), OffsetMapCodec.encode(base)));
                baseWritten = true;
            }
            if (map.coveredTo() > chunkStart) {
                byte[] increment = OffsetMapCodec.encodeIncrement(map, chunkStart);
                records.add(record(OffsetMapKey.chunk(partition, chunk), increment));
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
            records.add(record(OffsetMapKey.base(partition), OffsetMapCodec.encode(newBase)));
            for (int index : dropped) {
                records.add(record(OffsetMapKey.chunk(partition, index), null));
                starts.remove(index);
            }
            baseWritten = true;
            return records;
        }

        private ProducerRecord<byte[], byte[]> record(OffsetMapKey key, byte[] value) {
            return new ProducerRecord<>(topic, 0, key.bytes(), value);
        }
    }
}
