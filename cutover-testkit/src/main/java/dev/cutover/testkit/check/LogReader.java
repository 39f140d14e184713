package dev.cutover.testkit.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads whole partitions with one assigned consumer; see {@link TopicLogs#read}. */
final class LogReader {
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private LogReader() {}

    static Map<String, Object> consumerProps(Map<String, Object> clientProps, IsolationLevel level) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, level.toString().toLowerCase(java.util.Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50_000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.CHECK_CRCS_CONFIG, true);
        props.putIfAbsent(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "cutover-check-" + level.toString().toLowerCase(java.util.Locale.ROOT));
        return props;
    }

    static Map<TopicPartition, PartitionLog> read(
            Map<String, Object> clientProps, List<TopicPartition> partitions, IsolationLevel level, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> starts = Map.of();
        Map<TopicPartition, Long> ends = Map.of();
        Map<TopicPartition, ArrayList<LoggedRecord>> records = new LinkedHashMap<>();
        Set<TopicPartition> open = new HashSet<>(partitions);
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(clientProps, level))) {
            consumer.assign(partitions);
            starts = consumer.beginningOffsets(partitions, remaining(deadline));
            // Under read_committed this is the last stable offset: what a read_committed consumer can reach.
            ends = consumer.endOffsets(partitions, remaining(deadline));
            consumer.seekToBeginning(partitions);
            for (TopicPartition tp : partitions) {
                long expected = Math.max(0, ends.get(tp) - starts.get(tp));
                records.put(tp, new ArrayList<>((int) Math.min(expected, 1 << 20)));
                if (ends.get(tp) <= starts.get(tp)) {
                    open.remove(tp);
                }
            }
            consumer.pause(complement(partitions, open));
            while (!open.isEmpty()) {
                Duration left = remaining(deadline);
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(left.compareTo(MAX_POLL) < 0 ? left : MAX_POLL);
                for (TopicPartition tp : batch.partitions()) {
                    long end = ends.get(tp);
                    ArrayList<LoggedRecord> into = records.get(tp);
                    for (ConsumerRecord<byte[], byte[]> r : batch.records(tp)) {
                        if (r.offset() < end) {
                            into.add(LoggedRecord.from(r));
                        }
                    }
                }
                List<TopicPartition> done = new ArrayList<>();
                for (TopicPartition tp : open) {
                    if (consumer.position(tp, remaining(deadline)) >= ends.get(tp)) {
                        done.add(tp);
                    }
                }
                consumer.pause(done);
                done.forEach(open::remove);
            }
        } catch (KafkaException e) {
            throw new LogReadException(progress("cannot read", partitions, level, timeout, records, ends, open), e);
        } catch (DeadlinePassed e) {
            throw new LogReadException(
                    progress("timed out reading", partitions, level, timeout, records, ends, open), null);
        }
        Map<TopicPartition, PartitionLog> logs = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            logs.put(
                    tp,
                    new PartitionLog(
                            tp, level, starts.get(tp), Math.max(starts.get(tp), ends.get(tp)), records.get(tp)));
        }
        return logs;
    }

    private static List<TopicPartition> complement(List<TopicPartition> all, Set<TopicPartition> open) {
        return all.stream().filter(tp -> !open.contains(tp)).toList();
    }

    private static String progress(
            String what,
            List<TopicPartition> partitions,
            IsolationLevel level,
            Duration timeout,
            Map<TopicPartition, ArrayList<LoggedRecord>> records,
            Map<TopicPartition, Long> ends,
            Set<TopicPartition> open) {
        StringBuilder s = new StringBuilder(what)
                .append(' ')
                .append(partitions.size())
                .append(" partition(s) ")
                .append(level)
                .append(" within ")
                .append(timeout)
                .append("; unfinished:");
        for (TopicPartition tp : open) {
            List<LoggedRecord> got = records.getOrDefault(tp, new ArrayList<>());
            s.append(' ')
                    .append(tp)
                    .append(" (")
                    .append(got.size())
                    .append(" records, last offset ")
                    .append(got.isEmpty() ? "none" : got.get(got.size() - 1).offset())
                    .append(", end ")
                    .append(ends.getOrDefault(tp, -1L))
                    .append(')');
        }
        return s.toString();
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new DeadlinePassed();
        }
        return Duration.ofNanos(left);
    }

    /** The deadline passed inside the read loop. */
    private static final class DeadlinePassed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlinePassed() {
            super(null, null, false, false);
        }
    }
}
