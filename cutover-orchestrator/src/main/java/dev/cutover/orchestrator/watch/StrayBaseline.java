package dev.cutover.orchestrator.watch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What the source looked like when clients moved, for {@link StrayScan#scan} to compare against: taken by {@link
 * StrayScan#baseline} after the moved clients stopped (and, for a producer move, after the forward copy drained), and
 * journaled with the wave so that a resumed wave compares against the same point. Plain values only; partitions are
 * written as Kafka writes them, {@code topic-partition} (e.g. {@code payments-0}).
 *
 * @param source the source cluster's profile name
 * @param takenAtMs when it was taken (epoch milliseconds)
 * @param groups the moved groups
 * @param groupOffsets per moved group whose offsets could be read, its committed offsets on the source by partition
 * @param topics the topics whose writers moved, with the writers still expected on the source
 * @param partitionCounts per such topic that could be described, its partition count
 * @param logEnds per partition whose end could be read, its log end offset (high watermark)
 * @param producers per partition whose producers could be described, the active producers then
 * @param notTaken what could not be read, one line each; the checks that need it are reported as not made
 */
public record StrayBaseline(
        String source,
        long takenAtMs,
        List<String> groups,
        Map<String, Map<String, Long>> groupOffsets,
        Map<String, ExpectedWriters> topics,
        Map<String, Integer> partitionCounts,
        Map<String, Long> logEnds,
        Map<String, List<ProducerMark>> producers,
        List<String> notTaken) {
    public StrayBaseline {
        Objects.requireNonNull(source, "source");
        groups = List.copyOf(groups);
        Map<String, Map<String, Long>> offsets = new TreeMap<>();
        groupOffsets.forEach((g, o) -> offsets.put(g, sorted(o)));
        groupOffsets = Collections.unmodifiableMap(offsets);
        topics = sorted(topics);
        partitionCounts = sorted(partitionCounts);
        logEnds = sorted(logEnds);
        Map<String, List<ProducerMark>> marks = new TreeMap<>();
        producers.forEach((tp, m) -> marks.put(tp, List.copyOf(m)));
        producers = Collections.unmodifiableMap(marks);
        notTaken = List.copyOf(notTaken);
    }

    /**
     * The same baseline with other expected writers for a topic, e.g. once the reverse copy started and its producer
     * id is known.
     */
    public StrayBaseline withExpected(String topic, ExpectedWriters writers) {
        if (!topics.containsKey(topic)) {
            throw new IllegalArgumentException("topic '" + topic + "' is not in the baseline: " + topics.keySet());
        }
        Map<String, ExpectedWriters> changed = new LinkedHashMap<>(topics);
        changed.put(topic, writers);
        return new StrayBaseline(
                source, takenAtMs, groups, groupOffsets, changed, partitionCounts, logEnds, producers, notTaken);
    }

    /** Sorted, so that the journaled JSON is the same for the same baseline. */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    static String key(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    static Map<String, Long> keyed(Map<TopicPartition, Long> offsets) {
        Map<String, Long> out = new LinkedHashMap<>();
        offsets.forEach((tp, o) -> out.put(key(tp), o));
        return out;
    }
}
