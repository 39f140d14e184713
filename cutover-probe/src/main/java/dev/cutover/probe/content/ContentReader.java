package dev.cutover.probe.content;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads ranges of one cluster's partitions as {@link ContentRecord}s, under read_committed (aborted transactions and
 * markers are not records a consumer sees), up to each partition's last stable offset when the read began. A read that
 * makes no progress for the profile's timeout fails; so does one that would hold more than {@link #MAX_RECORDS}. One
 * consumer serves every read of a reader (opening one costs more than a small read).
 */
public final class ContentReader implements AutoCloseable {
    /** The most records one comparison keeps per side (about 60 bytes each). */
    public static final int MAX_RECORDS = 5_000_000;

    private final ClusterConnection cluster;
    private KafkaConsumer<byte[], byte[]> consumer;

    public ContentReader(ClusterConnection cluster) {
        this.cluster = cluster;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> props = new HashMap<>(cluster.profile().clientProperties());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-content-compare");
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    public String side() {
        return cluster.profile().name();
    }

    /** The partitions of {@code topic} on this cluster; a topic it does not have is the user's mistake. */
    public List<TopicPartition> partitions(String topic) {
        Map<String, TopicDescription> described;
        try {
            described = cluster.await(
                    cluster.admin().describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic);
        } catch (CutoverException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")
                    || String.valueOf(e.getMessage()).contains("UnknownTopicOrPartition")) {
                throw new CutoverException(
                        Reason.USAGE,
                        "topic " + topic + " does not exist on the " + side(),
                        "a topic written to both clusters must exist on both; check the name");
            }
            throw e;
        }
        return described.get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    /** Whether the topic's cleanup.policy on this cluster includes compact (unknown is taken as not compacted). */
    public boolean compacted(String topic) {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        try {
            var config = cluster.await(
                            cluster.admin().describeConfigs(List.of(resource)).all(), "describe topic " + topic)
                    .get(resource);
            var policy = config == null ? null : config.get("cleanup.policy");
            return policy != null && policy.value() != null && policy.value().contains("compact");
        } catch (CutoverException e) {
            return false;
        }
    }

    /** Per partition, the first offset whose record is stamped at or after {@code timeMs} (the end when none is). */
    public Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, long timeMs) {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        partitions.forEach(tp -> spec.put(tp, OffsetSpec.forTimestamp(timeMs)));
        Map<TopicPartition, Long> out = new HashMap<>();
        List<TopicPartition> none = new ArrayList<>();
        cluster.await(
                        cluster.admin()
                                .listOffsets(spec, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                                .all(),
                        "find offsets by time on the " + side())
                .forEach((tp, info) -> {
                    if (info.offset() < 0) {
                        none.add(tp); // no record stamped at or after the time: its end
                    } else {
                        out.put(tp, info.offset());
                    }
                });
        if (!none.isEmpty()) {
            out.putAll(ends(none));
        }
        return out;
    }

    /** Per partition, the last stable offset (what a read_committed consumer can read up to). */
    public Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
        return list(partitions, OffsetSpec.latest());
    }

    /** Per partition, the log start offset. */
    public Map<TopicPartition, Long> starts(List<TopicPartition> partitions) {
        return list(partitions, OffsetSpec.earliest());
    }

    private Map<TopicPartition, Long> list(List<TopicPartition> partitions, OffsetSpec which) {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        partitions.forEach(tp -> spec.put(tp, which));
        Map<TopicPartition, Long> out = new HashMap<>();
        cluster.await(
                        cluster.admin()
                                .listOffsets(spec, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                                .all(),
                        "list offsets on the " + side())
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /**
     * The records of each partition in {@code [from, to)}, in offset order per partition (a log start past {@code
     * from} starts the read there).
     */
    public List<ContentRecord> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to)
            throws InterruptedException {
        Map<TopicPartition, Long> wanted = new HashMap<>();
        from.forEach((tp, f) -> {
            long end = to.getOrDefault(tp, f);
            if (end > f) {
                wanted.put(tp, end);
            }
        });
        List<ContentRecord> out = new ArrayList<>();
        if (wanted.isEmpty()) {
            return out;
        }
        Duration timeout = cluster.profile().timeout();
        KafkaConsumer<byte[], byte[]> consumer = consumer();
        try {
            consumer.resume(consumer.paused());
            consumer.assign(wanted.keySet());
            wanted.keySet().forEach(tp -> consumer.seek(tp, from.get(tp)));
            long idleSince = System.nanoTime();
            while (!wanted.isEmpty()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                boolean moved = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = wanted.get(tp);
                    if (end != null && r.offset() < end) {
                        out.add(ContentRecord.of(r));
                        moved = true;
                    }
                }
                if (out.size() > MAX_RECORDS) {
                    throw new CutoverException(
                            Reason.USAGE,
                            "more than " + MAX_RECORDS + " records to compare on the " + side()
                                    + " (their fingerprints would not fit in memory)",
                            "compare a shorter window, or fewer topics at once");
                }
                for (TopicPartition tp : new ArrayList<>(wanted.keySet())) {
                    if (consumer.position(tp, timeout) >= wanted.get(tp)) {
                        wanted.remove(tp);
                        consumer.pause(List.of(tp));
                        moved = true;
                    }
                }
                if (moved) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > timeout.toNanos()) {
                    throw new CutoverException(
                            Reason.CLUSTER_UNREACHABLE,
                            "reading " + wanted.keySet() + " on the " + side() + " made no progress for "
                                    + timeout.toSeconds() + " s",
                            "check that the cluster answers and that the profile may READ the topic");
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw ClusterConnection.failure(cluster.profile(), e, "read " + wanted.keySet());
        }
        out.sort(java.util.Comparator.comparingInt(ContentRecord::partition).thenComparingLong(ContentRecord::offset));
        return out;
    }
}
