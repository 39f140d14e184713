package dev.cutover.link.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.StoredOffsetMaps;
import dev.cutover.offsets.Translation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetMapStoreTest {
    private static final LinkTopics LINK = LinkTopics.named("t");
    private static final TopicPartition TP = new TopicPartition("orders", 3);
    private static final int SMALL_CHUNK = 24;

    /** The store's log, as the loader reads it back. */
    private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();

    @Test
    void readersFindTheTopicTheLinkWrites() {
        assertThat(StoredOffsetMaps.topicOf(LINK.link())).isEqualTo(LINK.offsets());
        assertThat(StoredOffsetMaps.DEFAULT_TOPIC_PREFIX).isEqualTo(LinkTopics.DEFAULT_PREFIX);
    }

    @Test
    void chunksReassembleIntoTheWholeMap() {
        // Given a partition with a gap every 7 records (a source transaction marker), checkpointed every 20 records
        PartitionOffsetMap base = PartitionOffsetMap.builder(0, 0).build();
        OffsetMapStore.Writer writer = OffsetMapStore.Writer.fresh(LINK, TP, base, SMALL_CHUNK);
        PartitionOffsetMap whole = copy(base, writer, 0, 2_000);

        // When the store is read back
        OffsetMapStore.Stored stored = OffsetMapStore.assemble(log);

        // Then it holds the whole map, in several chunks
        assertThat(stored.maps().get(TP)).isEqualTo(whole);
        assertThat(stored.chunkStarts(TP)).hasSizeGreaterThan(5);
    }

    @Test
    void retentionDropsOnlyChunksBelowTheSourceLogStartAndTranslationsAboveItStay() {
        // Given a stored map in many chunks
        PartitionOffsetMap base = PartitionOffsetMap.builder(0, 0).build();
        OffsetMapStore.Writer writer = OffsetMapStore.Writer.fresh(LINK, TP, base, SMALL_CHUNK);
        PartitionOffsetMap whole = copy(base, writer, 0, 2_000);
        int chunksBefore = OffsetMapStore.assemble(log).chunkStarts(TP).size();

        // When retention moved the source's log start to 1,000 and the writer trims
        long logStart = 1_000;
        List<ProducerRecord<byte[], byte[]>> trim = writer.trimTo(logStart, base);
        append(trim);
        OffsetMapStore.Stored stored = OffsetMapStore.assemble(log);

        // Then older chunks are gone (tombstones), and every offset from the log start translates as before
        assertThat(trim).anySatisfy(r -> assertThat(r.value()).isNull());
        assertThat(stored.chunkStarts(TP)).hasSizeLessThan(chunksBefore);
        assertThat(stored.chunkStarts(TP).firstEntry().getValue()).isLessThanOrEqualTo(logStart);
        PartitionOffsetMap trimmed = stored.maps().get(TP);
        for (long s = logStart; s <= whole.coveredTo(); s++) {
            assertThat(trimmed.translate(s)).as("source offset %d", s).isEqualTo(whole.translate(s));
        }
        // And an offset below the log start resumes where a consumer of the source would: at the log start
        Translation atLogStart = whole.translate(logStart);
        assertThat(trimmed.translate(3)).isEqualTo(atLogStart);
        assertThat(trimmed.sourceLogStart()).isEqualTo(logStart);

        // And a second trim with the same log start changes nothing
        assertThat(writer.trimTo(logStart, base)).isEmpty();
    }

    @Test
    void aResumedWriterContinuesAfterATrimmedStore() {
        // Given a trimmed store
        PartitionOffsetMap base = PartitionOffsetMap.builder(0, 0).build();
        OffsetMapStore.Writer first = OffsetMapStore.Writer.fresh(LINK, TP, base, SMALL_CHUNK);
        copy(base, first, 0, 1_000);
        append(first.trimTo(600, base));
        OffsetMapStore.Stored stored = OffsetMapStore.assemble(log);
        PartitionOffsetMap storedMap = stored.maps().get(TP);

        // When another instance resumes from it and copies more
        OffsetMapStore.Writer second =
                OffsetMapStore.Writer.resume(LINK, TP, stored, storedMap.coveredTo(), SMALL_CHUNK);
        PartitionOffsetMap continued = copy(storedMap, second, storedMap.coveredTo(), 1_500);
        append(second.trimTo(1_200, base));

        // Then the store still reassembles into a map that translates every retained offset exactly
        PartitionOffsetMap reloaded = OffsetMapStore.assemble(log).maps().get(TP);
        for (long s = 1_200; s <= continued.coveredTo(); s++) {
            assertThat(reloaded.translate(s)).as("source offset %d", s).isEqualTo(continued.translate(s));
        }
    }

    /**
     * Copies source offsets [from, to) onto the map (a gap every 7th offset, a link commit marker on the target every
     * 20 records), checkpointing through the writer every 20 records and forgetting stored runs as the engine does.
     */
    private PartitionOffsetMap copy(PartitionOffsetMap start, OffsetMapStore.Writer writer, long from, long to) {
        PartitionOffsetMap.Builder map = start.toBuilder();
        long target = start.targetNext();
        PartitionOffsetMap full = start;
        PartitionOffsetMap.Builder fullBuilder = start.toBuilder();
        int sinceCheckpoint = 0;
        for (long s = from; s < to; s++) {
            if (s % 7 == 6) {
                continue; // a source marker: read, nothing to copy
            }
            map.copied(s, target);
            fullBuilder.copied(s, target);
            target++;
            if (++sinceCheckpoint == 20) {
                map.readUpTo(s + 1);
                fullBuilder.readUpTo(s + 1);
                PartitionOffsetMap built = map.build();
                append(writer.recordsFor(built, start));
                if (built.runCount() > 1) {
                    map = built.trimBelowSource(Math.max(built.sourceLogStart(), writer.openChunkStart())).toBuilder();
                }
                target++; // the commit marker
                map.writesNextAt(target);
                fullBuilder.writesNextAt(target);
                sinceCheckpoint = 0;
            }
        }
        map.readUpTo(to);
        fullBuilder.readUpTo(to);
        append(writer.recordsFor(map.build(), start));
        full = fullBuilder.build();
        return full;
    }

    private void append(List<ProducerRecord<byte[], byte[]>> records) {
        for (ProducerRecord<byte[], byte[]> r : records) {
            log.add(new ConsumerRecord<>(r.topic(), 0, log.size(), r.key(), r.value()));
        }
    }
}
