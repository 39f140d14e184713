package dev.cutover.link.engine;

import dev.cutover.offsets.PartitionOffsetMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Recovery after a crash: the stored offset map may lag the data (it is checkpointed, not written with every record),
 * so the target may hold copied records the map does not know. Because the link is the target partition's only
 * writer and copies in order, the k-th data record after the map's {@code targetNext} on the target is the copy of
 * the k-th data record after the map's {@code coveredTo} on the source. This class pairs them, checks that each pair
 * is byte-identical (key, value, headers, timestamp), and extends the map.
 *
 * <p>A pair that differs, or target records beyond what the source holds, mean another writer touched the target:
 * the partition stops with that error rather than guessing.
 */
final class TailAlignment {
    private TailAlignment() {}

    /** The aligned map, or a description of why the partition cannot be aligned. */
    sealed interface Result {
        record Aligned(PartitionOffsetMap map, int recovered) implements Result {}

        record Diverged(String why) implements Result {}
    }

    static Result align(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            TopicPartition tp,
            PartitionOffsetMap map,
            Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> target =
                readFrom(targetProps, tp, map.targetNext(), Integer.MAX_VALUE, timeout);
        if (target.isEmpty()) {
            return new Result.Aligned(map, 0);
        }
        List<ConsumerRecord<byte[], byte[]>> source =
                readFrom(sourceProps, tp, map.coveredTo(), target.size(), timeout);
        if (source.size() < target.size()) {
            return new Result.Diverged("the target holds " + target.size() + " record(s) after offset "
                    + map.targetNext() + " but the source has only " + source.size() + " after offset "
                    + map.coveredTo() + ": something else wrote to the target partition");
        }
        PartitionOffsetMap.Builder builder = map.toBuilder();
        for (int i = 0; i < target.size(); i++) {
            ConsumerRecord<byte[], byte[]> s = source.get(i);
            ConsumerRecord<byte[], byte[]> t = target.get(i);
            if (!sameRecord(s, t)) {
                return new Result.Diverged("target offset " + t.offset() + " does not hold a copy of source offset "
                        + s.offset() + ": something else wrote to the target partition");
            }
            builder.copied(s.offset(), t.offset());
        }
        builder.readUpTo(source.get(target.size() - 1).offset() + 1);
        return new Result.Aligned(builder.build(), target.size());
    }

    static boolean sameRecord(ConsumerRecord<byte[], byte[]> a, ConsumerRecord<byte[], byte[]> b) {
        return a.timestamp() == b.timestamp()
                && Arrays.equals(a.key(), b.key())
                && Arrays.equals(a.value(), b.value())
                && sameHeaders(a.headers().toArray(), b.headers().toArray());
    }

    private static boolean sameHeaders(Header[] a, Header[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!Objects.equals(a[i].key(), b[i].key()) || !Arrays.equals(a[i].value(), b[i].value())) {
                return false;
            }
        }
        return true;
    }

    /** Up to {@code max} data records from {@code offset} to the partition's end, under read_committed. */
    private static List<ConsumerRecord<byte[], byte[]>> readFrom(
            Map<String, Object> props, TopicPartition tp, long offset, int max, Duration timeout) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
            if (offset >= end) {
                return out;
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < max && consumer.position(tp, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + tp + " from " + offset + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r :
                        consumer.poll(Duration.ofMillis(200)).records(tp)) {
                    if (out.size() < max) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
