package dev.cutover.testkit.check;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The {@link PartitionLog}s of every partition of one topic, read at one isolation level, by partition number. */
public record TopicLogs(String topic, IsolationLevel level, SortedMap<Integer, PartitionLog> partitions) {
    public TopicLogs {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(level, "level");
        partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
        partitions.forEach((p, log) -> {
            if (log.partition().partition() != p || log.level() != level) {
                throw new IllegalArgumentException("log " + log + " filed under partition " + p + " of " + level);
            }
        });
    }

    /**
     * Reads every partition of {@code topic} with one consumer. The consumer uses {@code clientProps} (connection and
     * security settings) with byte-array deserializers, {@code level}, large fetches, and no group: it never
     * commits. Each partition is read from its log start to the end offset taken when reading began (under
     * read_committed: the last stable offset); records written later are left out.
     *
     * @throws LogReadException if some partition does not reach its end within {@code timeout}
     */
    public static TopicLogs read(
            Map<String, Object> clientProps, String topic, IsolationLevel level, Duration timeout) {
        List<TopicPartition> tps;
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(LogReader.consumerProps(clientProps, level))) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new LogReadException("topic " + topic + " has no partitions (does it exist?)", null);
            }
            tps = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
        }
        SortedMap<Integer, PartitionLog> logs = new TreeMap<>();
        LogReader.read(clientProps, tps, level, timeout).forEach((tp, log) -> logs.put(tp.partition(), log));
        return new TopicLogs(topic, level, logs);
    }

    /** Synthetic logs (tests); all must belong to {@code topic} and be at {@code level}. */
    public static TopicLogs of(String topic, IsolationLevel level, List<PartitionLog> logs) {
        SortedMap<Integer, PartitionLog> byPartition = new TreeMap<>();
        for (PartitionLog log : logs) {
            if (!log.partition().topic().equals(topic)) {
                throw new IllegalArgumentException(log.partition() + " is not a partition of " + topic);
            }
            byPartition.put(log.partition().partition(), log);
        }
        return new TopicLogs(topic, level, byPartition);
    }

    public Optional<PartitionLog> partition(int partition) {
        return Optional.ofNullable(partitions.get(partition));
    }

    public long recordCount() {
        return partitions.values().stream().mapToLong(PartitionLog::size).sum();
    }
}
