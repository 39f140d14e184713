package dev.cutover.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures, record by record, where a translated group resumes on the target. Offsets cannot be compared as numbers:
 * a transactional copy holds commit markers, so the same record sits at a higher offset on the target. Instead the
 * first record the group reads on the target (at or after its translated offset) is identified by its {@value
 * SourceFiller#HEADER} header and located on the source; the records between that point and the source's committed
 * offset are the ones replayed (before it) or skipped (after it).
 *
 * <p>Relies on how {@link SourceFiller} fills the source: one producer, no transactions, so each source partition holds
 * a record at every offset from 0 and its sequence numbers increase with the offset.
 */
final class ResumePoints {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private ResumePoints() {}

    static OffsetTranslation measure(
            Map<String, Object> source,
            Map<String, Object> target,
            String topic,
            Map<Integer, Long> committedOnSource,
            Map<Integer, Long> translatedOnTarget) {
        long committedSum = 0;
        long translatedSum = 0;
        long replayed = 0;
        long skipped = 0;
        int untranslated = 0;
        try (KafkaConsumer<byte[], byte[]> sourceReader = reader(source);
                KafkaConsumer<byte[], byte[]> targetReader = reader(target)) {
            for (var e : committedOnSource.entrySet()) {
                Long translated = translatedOnTarget.get(e.getKey());
                if (translated == null) {
                    untranslated++;
                    continue;
                }
                TopicPartition tp = new TopicPartition(topic, e.getKey());
                long committed = e.getValue();
                committedSum += committed;
                translatedSum += translated;
                long sourceEnd = sourceReader.endOffsets(List.of(tp)).get(tp);
                OptionalLong firstRead = sequenceAt(targetReader, tp, translated);
                long resumedAt = firstRead.isEmpty()
                        ? sourceEnd
                        : sourceOffsetOf(sourceReader, tp, sourceEnd, firstRead.getAsLong());
                replayed += Math.max(0, committed - resumedAt);
                skipped += Math.max(0, resumedAt - committed);
            }
        }
        return new OffsetTranslation(committedSum, translatedSum, replayed, skipped, untranslated);
    }

    /** The source offset of the record with this sequence number: binary search over [0, end). */
    private static long sourceOffsetOf(KafkaConsumer<byte[], byte[]> reader, TopicPartition tp, long end, long seq) {
        long low = 0;
        long high = end; // invariant: the answer is in [low, high]
        while (low < high) {
            long mid = (low + high) >>> 1;
            long at = sequenceAt(reader, tp, mid)
                    .orElseThrow(() -> new IllegalStateException("no record at source offset " + mid + " of " + tp));
            if (at < seq) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The sequence number of the first record at or after {@code offset}, or empty if there is none. */
    private static OptionalLong sequenceAt(KafkaConsumer<byte[], byte[]> reader, TopicPartition tp, long offset) {
        reader.assign(List.of(tp));
        if (offset >= reader.endOffsets(List.of(tp)).get(tp)) {
            return OptionalLong.empty();
        }
        reader.seek(tp, offset);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(POLL)) {
                if (r.offset() >= offset) {
                    Header seq = r.headers().lastHeader(SourceFiller.HEADER);
                    if (seq == null) {
                        throw new IllegalStateException(
                                "record at " + tp + "@" + r.offset() + " has no " + SourceFiller.HEADER + " header");
                    }
                    return OptionalLong.of(ByteBuffer.wrap(seq.value()).getLong());
                }
            }
            if (reader.position(tp) >= reader.endOffsets(List.of(tp)).get(tp)) {
                return OptionalLong.empty(); // only control records after the offset
            }
        }
        throw new IllegalStateException("no record read at " + tp + "@" + offset + " within " + READ_TIMEOUT);
    }

    private static KafkaConsumer<byte[], byte[]> reader(Map<String, Object> cluster) {
        Map<String, Object> props = new HashMap<>(cluster);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
