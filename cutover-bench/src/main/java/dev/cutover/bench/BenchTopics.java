package dev.cutover.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The Admin and consumer calls the benchmark makes on its topics and its group. */
final class BenchTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private BenchTopics() {}

    /**
     * Partitions created or added per Admin call: a KRaft controller refuses a request that would write more than
     * 10,000 metadata records at once (one per partition, plus one for the topic).
     */
    static final int PARTITIONS_PER_CALL = 5_000;

    /**
     * Creates a topic; retries while a deleted topic of the same name is still being removed. Over {@link
     * #PARTITIONS_PER_CALL} partitions it creates the topic with that many, then adds the rest in steps.
     */
    static void create(Admin admin, String topic, int partitions) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int first = Math.min(partitions, PARTITIONS_PER_CALL);
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, first, (short) 1)))
                        .all()
                        .get();
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        for (int count = first; count < partitions; ) {
            count = Math.min(partitions, count + PARTITIONS_PER_CALL);
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(count)))
                    .all()
                    .get();
        }
        awaitServed(admin, topic, partitions);
    }

    /**
     * Waits until the broker answers for every partition of a topic it just created: it shows new partitions only once
     * their logs exist (about 70 a second on a small machine), and a producer writing before then can wait on one of them
     * until its delivery times out. Bounded: five minutes at most, then the last failure is thrown.
     */
    private static void awaitServed(Admin admin, String topic, int partitions) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            try {
                endOffsets(admin, topic, partitions);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Deletes a topic and waits until the cluster no longer lists it. */
    static void delete(Admin admin, String topic) throws Exception {
        try {
            admin.deleteTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (admin.listTopics().names().get().contains(topic)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "topic " + topic + " was still listed " + TIMEOUT.toSeconds() + " s after it was deleted");
            }
            Thread.sleep(100);
        }
    }

    static void deleteGroup(Admin admin, String group) throws Exception {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    /** Read-committed end offset of each partition. */
    static Map<Integer, Long> endOffsets(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions)
                .boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        Map<Integer, Long> ends = new TreeMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get()
                .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        return ends;
    }

    /**
     * Whether a transaction is open on any partition of the topic: some partition's last stable offset (read committed
     * end) is below its high watermark.
     */
    static boolean transactionOpen(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions)
                .boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        var stable = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get();
        var high = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all()
                .get();
        return stable.entrySet().stream()
                .anyMatch(e -> e.getValue().offset() < high.get(e.getKey()).offset());
    }

    /** Bytes the topic's partitions take in the cluster's log directories (all replicas). */
    static long bytesOnDisk(Admin admin, String topic) throws Exception {
        var brokers = admin.describeCluster().nodes().get().stream()
                .map(org.apache.kafka.common.Node::id)
                .toList();
        long bytes = 0;
        for (var perBroker :
                admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (var dir : perBroker.values()) {
                for (var replica : dir.replicaInfos().entrySet()) {
                    if (replica.getKey().topic().equals(topic)) {
                        bytes += replica.getValue().size();
                    }
                }
            }
        }
        return bytes;
    }

    static long sum(Map<Integer, Long> perPartition) {
        return perPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Commits {@code group} at the given offset of each partition (the group must have no members). */
    static void commit(Admin admin, String group, String topic, Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(group, commit).all().get();
    }

    /** The group's committed offsets on the topic's partitions; partitions without one are absent. */
    static Map<Integer, Long> committed(Admin admin, String group, String topic) throws Exception {
        Map<Integer, Long> offsets = new TreeMap<>();
        try {
            admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .forEach((tp, om) -> {
                        if (tp.topic().equals(topic) && om != null) {
                            offsets.put(tp.partition(), om.offset());
                        }
                    });
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        return offsets;
    }

    /**
     * Reads the whole topic (read committed) and counts the records in each partition. Reads up to the end offsets
     * taken first, so it returns even if something still writes.
     */
    static Map<Integer, Long> count(Admin admin, Map<String, Object> cluster, String topic, int partitions)
            throws Exception {
        Map<Integer, Long> ends = endOffsets(admin, topic, partitions);
        Map<String, Object> props = new HashMap<>(cluster);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Few, large fetches (see ResumePoints): at 10,000 partitions each fetch costs the broker a look-up per
        // partition.
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200_000);
        Map<Integer, Long> counts = new TreeMap<>();
        ends.keySet().forEach(p -> counts.put(p, 0L));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> assigned = ends.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(e -> new TopicPartition(topic, e.getKey()))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Duration timeout = TIMEOUT.multipliedBy(5).plusSeconds(partitions / 20);
            long deadline = System.nanoTime() + timeout.toNanos();
            long read = 0;
            while (true) {
                long unread = assigned.stream()
                        .filter(tp -> consumer.position(tp) < ends.get(tp.partition()))
                        .count();
                if (unread == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format(
                            "could not read %s to its end within %d s: %,d of %,d partition(s) not read to their end,"
                                    + " %,d record(s) read",
                            topic, timeout.toSeconds(), unread, assigned.size(), read));
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < ends.get(r.partition())) {
                        counts.merge(r.partition(), 1L, Long::sum);
                        read++;
                    }
                }
            }
        }
        return counts;
    }
}
