package dev.cutover.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
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
 * Measures, record by record, where a translated group resumes on the target. Offsets cannot be compared as numbers:
 * a transactional copy holds commit markers, so the same record sits at a higher offset on the target. Instead the
 * first record the group reads on the target (at or after its translated offset) is identified by its {@value
 * SourceFiller#HEADER} header and located on the source through the fill's {@link SourceFiller.Index}; the records
 * between that point and the source's committed offset are the ones replayed (before it) or skipped (after it). A
 * partition with nothing to read after its translated offset resumes at the source's end.
 *
 * <p>All partitions are read by one consumer at once (each paused once its first record is seen), so the measurement
 * takes seconds at thousands of partitions.
 */
final class ResumePoints {
    private static final Duration POLL = Duration.ofMillis(200);

    private ResumePoints() {}

    static OffsetTranslation measure(
            Map<String, Object> target,
            String topic,
            SourceFiller.Index source,
            Map<Integer, Long> sourceEnds,
            Map<Integer, Long> committedOnSource,
            Map<Integer, Long> translatedOnTarget,
            Duration timeout) {
        Map<Integer, Long> resumedAt = firstSequences(target, topic, translatedOnTarget, timeout);
        long committedSum = 0;
        long translatedSum = 0;
        long replayed = 0;
        long skipped = 0;
        int untranslated = 0;
        for (var e : committedOnSource.entrySet()) {
            int partition = e.getKey();
            Long translated = translatedOnTarget.get(partition);
            if (translated == null) {
                untranslated++;
                continue;
            }
            long committed = e.getValue();
            committedSum += committed;
            translatedSum += translated;
            Long seq = resumedAt.get(partition);
            long resumed = seq == null ? sourceEnds.get(partition) : source.offsetOf(seq);
            replayed += Math.max(0, committed - resumed);
            skipped += Math.max(0, resumed - committed);
        }
        return new OffsetTranslation(committedSum, translatedSum, replayed, skipped, untranslated);
    }

    /**
     * The sequence number of the first record at or after each partition's offset; partitions with none (only control
     * records or nothing after the offset) are absent.
     */
    private static Map<Integer, Long> firstSequences(
            Map<String, Object> cluster, String topic, Map<Integer, Long> from, Duration timeout) {
        Map<Integer, Long> first = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> reader = reader(cluster)) {
            List<TopicPartition> partitions = from.keySet().stream()
                    .map(p -> new TopicPartition(topic, p))
                    .toList();
            reader.assign(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions, timeout);
            List<TopicPartition> open = partitions.stream()
                    .filter(tp -> from.get(tp.partition()) < ends.get(tp))
                    .toList();
            reader.assign(open);
            open.forEach(tp -> reader.seek(tp, from.get(tp.partition())));
            long deadline = System.nanoTime() + timeout.toNanos();
            int pending = open.size();
            long read = 0;
            while (pending > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format(
                            "%,d of %,d partition(s) of %s not read at their offsets within %d s (%,d record(s) read)",
                            pending, open.size(), topic, timeout.toSeconds(), read));
                }
                var polled = reader.poll(POLL);
                read += polled.count();
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (first.containsKey(r.partition()) || r.offset() < from.get(r.partition())) {
                        continue;
                    }
                    Header seq = r.headers().lastHeader(SourceFiller.HEADER);
                    if (seq == null) {
                        throw new IllegalStateException(
                                "record at " + tp + "@" + r.offset() + " has no " + SourceFiller.HEADER + " header");
                    }
                    first.put(r.partition(), ByteBuffer.wrap(seq.value()).getLong());
                    reader.pause(List.of(tp));
                }
                pending = 0;
                for (TopicPartition tp : open) {
                    if (!first.containsKey(tp.partition()) && reader.position(tp) < ends.get(tp)) {
                        pending++; // else only control records were left after the offset
                    }
                }
            }
        }
        return first;
    }

    private static KafkaConsumer<byte[], byte[]> reader(Map<String, Object> cluster) {
        Map<String, Object> props = new HashMap<>(cluster);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
        // Few, large fetches: a broker answering a fetch looks every partition of it up in its log, even those it
        // returns nothing for, so at 10,000 partitions many small fetches (500 records a poll) cost minutes.
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100_000);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
