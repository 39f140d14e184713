package dev.cutover.inventory.cluster;

import dev.cutover.inventory.cluster.ClusterInventory.ConfigSetting;
import dev.cutover.inventory.cluster.ClusterInventory.Partition;
import dev.cutover.inventory.cluster.ClusterInventory.Producer;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.files.RetryTopic;
import dev.cutover.inventory.files.RetryTopicKind;
import dev.cutover.inventory.files.RetryTopics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The topic part of a scan: descriptions, non-default configs, sizes, offsets, rates and producers, each fetched with
 * one batched Admin call per kind. {@link #start()} sends the requests; {@link #finish()} takes the final end-offset
 * sample (after the rate interval) and waits for the rest.
 */
final class TopicScan {
    private final Admin admin;
    private final Problems problems;
    private final ScanOptions options;
    private final Collection<Integer> brokerIds;
    private final KafkaFuture<Collection<TopicListing>> listing;

    private final Map<String, TopicDescription> descriptions = new TreeMap<>();
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<ConfigResource, KafkaFuture<Config>> configs = new HashMap<>();
    private final Map<Integer, KafkaFuture<Map<String, LogDirDescription>>> logDirs = new HashMap<>();
    private final Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> startOffsets = new HashMap<>();
    private final Map<TopicPartition, KafkaFuture<PartitionProducerState>> producers = new HashMap<>();
    private Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> firstEndSample = Map.of();
    private long firstSampleNanos;
    private final Map<TopicPartition, Long> endOffsets = new HashMap<>();

    TopicScan(Admin admin, Problems problems, ScanOptions options, Collection<Integer> brokerIds) {
        this.admin = admin;
        this.problems = problems;
        this.options = options;
        this.brokerIds = brokerIds;
        this.listing =
                admin.listTopics(new ListTopicsOptions().listInternal(true)).listings();
        // Log dirs list every partition on disk, so topics hidden from us by ACLs still show up as problems.
        logDirs.putAll(admin.describeLogDirs(brokerIds).descriptions());
    }

    /** Waits for the topic listing, then sends the describe, config, offset and producer calls. */
    void start() {
        Collection<TopicListing> listings =
                problems.await(listing, "topics", "*", "DESCRIBE on CLUSTER").orElse(List.of());
        List<String> names = listings.stream().map(TopicListing::name).sorted().toList();
        Map<String, KafkaFuture<TopicDescription>> described = new HashMap<>();
        for (List<String> chunk : Chunks.of(names, options.chunkSize())) {
            described.putAll(admin.describeTopics(chunk).topicNameValues());
        }
        for (String name : names) {
            problems.await(described.get(name), "topics", name, "DESCRIBE on TOPIC " + name)
                    .ifPresent(d -> descriptions.put(name, d));
        }
        descriptions.values().forEach(d -> d.partitions()
                .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));

        List<ConfigResource> resources = descriptions.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        for (List<ConfigResource> chunk : Chunks.of(resources, options.chunkSize())) {
            configs.putAll(admin.describeConfigs(chunk).values());
        }
        for (List<TopicPartition> chunk : Chunks.of(partitions, options.chunkSize())) {
            Map<TopicPartition, OffsetSpec> earliest =
                    chunk.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.earliest()));
            startOffsets.putAll(partitionFutures(admin.listOffsets(earliest)::partitionResult, chunk));
            producers.putAll(partitionFutures(admin.describeProducers(chunk)::partitionResult, chunk));
        }
        if (options.samplesRates()) {
            firstSampleNanos = System.nanoTime();
            firstEndSample = requestEndOffsets();
        }
    }

    /** Takes the final end-offset sample (waiting out the rate interval if needed) and builds the topics. */
    List<Topic> finish() throws InterruptedException {
        Map<TopicPartition, Long> first = awaitOffsets(firstEndSample, "offsets");
        if (options.samplesRates()) {
            long wait = firstSampleNanos + options.rateSampleInterval().toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        long finalSampleNanos = System.nanoTime();
        endOffsets.putAll(awaitOffsets(requestEndOffsets(), "offsets"));
        double seconds = (finalSampleNanos - firstSampleNanos) / 1e9;
        Map<TopicPartition, Long> starts = awaitOffsets(startOffsets, "offsets");
        Map<TopicPartition, Map<Integer, Long>> sizes = awaitSizes();
        Map<TopicPartition, List<Producer>> active = awaitProducers();

        List<Topic> topics = new ArrayList<>();
        for (TopicDescription d : descriptions.values()) {
            List<Partition> parts = new ArrayList<>();
            Long topicSize = 0L;
            Long replicatedSize = 0L;
            for (TopicPartitionInfo p : d.partitions()) {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                Long size = leaderSize(p, sizes.get(tp));
                topicSize = topicSize == null || size == null ? null : topicSize + size;
                Map<Integer, Long> replicaSizes = sizes.get(tp);
                replicatedSize = replicatedSize == null || replicaSizes == null
                        ? null
                        : replicatedSize
                                + replicaSizes.values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum();
                parts.add(new Partition(
                        p.partition(),
                        p.leader() == null || p.leader().isEmpty()
                                ? null
                                : p.leader().id(),
                        p.replicas().stream().map(Node::id).toList(),
                        p.isr().stream().map(Node::id).toList(),
                        size,
                        starts.get(tp),
                        endOffsets.get(tp),
                        active.getOrDefault(tp, List.of())));
            }
            parts.sort(Comparator.comparingInt(Partition::partition));
            topics.add(new Topic(
                    d.name(),
                    d.topicId() == null ? null : d.topicId().toString(),
                    d.isInternal(),
                    d.partitions().size(),
                    d.partitions().isEmpty()
                            ? 0
                            : d.partitions().get(0).replicas().size(),
                    awaitConfigs(d.name()),
                    topicSize,
                    replicatedSize,
                    rate(d, first, seconds),
                    served(d.name(), RetryTopicKind.RETRY),
                    served(d.name(), RetryTopicKind.DEAD_LETTER),
                    parts));
        }
        reportHiddenTopics(sizes.keySet());
        return topics;
    }

    /** The final end offsets (high watermarks) by partition; valid after {@link #finish()}. */
    Map<TopicPartition, Long> endOffsets() {
        return endOffsets;
    }

    private Double rate(TopicDescription d, Map<TopicPartition, Long> first, double seconds) {
        if (!options.samplesRates() || seconds <= 0) {
            return null;
        }
        long growth = 0;
        for (TopicPartitionInfo p : d.partitions()) {
            TopicPartition tp = new TopicPartition(d.name(), p.partition());
            Long before = first.get(tp);
            Long after = endOffsets.get(tp);
            if (before == null || after == null) {
                return null;
            }
            growth += after - before;
        }
        return growth / seconds;
    }

    private Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> requestEndOffsets() {
        Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> futures = new HashMap<>();
        for (List<TopicPartition> chunk : Chunks.of(partitions, options.chunkSize())) {
            Map<TopicPartition, OffsetSpec> latest =
                    chunk.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
            futures.putAll(partitionFutures(admin.listOffsets(latest)::partitionResult, chunk));
        }
        return futures;
    }

    private static <T> Map<TopicPartition, KafkaFuture<T>> partitionFutures(
            Function<TopicPartition, KafkaFuture<T>> result, List<TopicPartition> chunk) {
        Map<TopicPartition, KafkaFuture<T>> futures = new HashMap<>();
        chunk.forEach(tp -> futures.put(tp, result.apply(tp)));
        return futures;
    }

    private Map<TopicPartition, Long> awaitOffsets(
            Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> futures, String section) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        futures.forEach((tp, future) -> problems.await(future, section, tp.topic(), "DESCRIBE on TOPIC " + tp.topic())
                .ifPresent(info -> offsets.put(tp, info.offset())));
        return offsets;
    }

    private Map<TopicPartition, Map<Integer, Long>> awaitSizes() {
        Map<TopicPartition, Map<Integer, Long>> sizes = new HashMap<>();
        logDirs.forEach((broker, future) -> problems.await(future, "logDirs", "broker " + broker, "DESCRIBE on CLUSTER")
                .ifPresent(dirs -> dirs.values().forEach(dir -> {
                    if (dir.error() != null) {
                        problems.record("logDirs", "broker " + broker, dir.error(), "DESCRIBE on CLUSTER");
                        return;
                    }
                    for (Map.Entry<TopicPartition, ReplicaInfo> e :
                            dir.replicaInfos().entrySet()) {
                        if (!e.getValue().isFuture()) {
                            sizes.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                                    .merge(broker, e.getValue().size(), Long::sum);
                        }
                    }
                })));
        return sizes;
    }

    private static Long leaderSize(TopicPartitionInfo p, Map<Integer, Long> replicaSizes) {
        if (replicaSizes == null || replicaSizes.isEmpty()) {
            return null;
        }
        if (p.leader() != null
                && !p.leader().isEmpty()
                && replicaSizes.containsKey(p.leader().id())) {
            return replicaSizes.get(p.leader().id());
        }
        return replicaSizes.values().stream().max(Long::compare).orElse(null);
    }

    private Map<TopicPartition, List<Producer>> awaitProducers() {
        Map<TopicPartition, List<Producer>> result = new HashMap<>();
        producers.forEach((tp, future) -> problems.await(future, "producers", tp.topic(), "READ on TOPIC " + tp.topic())
                .ifPresent(state -> result.put(
                        tp,
                        state.activeProducers().stream()
                                .map(s -> new Producer(
                                        s.producerId(),
                                        s.producerEpoch(),
                                        s.lastSequence(),
                                        s.lastTimestamp(),
                                        s.coordinatorEpoch().isPresent()
                                                ? s.coordinatorEpoch().getAsInt()
                                                : null,
                                        s.currentTransactionStartOffset().isPresent()
                                                ? s.currentTransactionStartOffset()
                                                        .getAsLong()
                                                : null))
                                .sorted(Comparator.comparingLong(Producer::producerId))
                                .toList())));
        return result;
    }

    private List<ConfigSetting> awaitConfigs(String topic) {
        KafkaFuture<Config> future = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
        if (future == null) {
            return List.of();
        }
        return problems.await(future, "topicConfigs", topic, "DESCRIBE_CONFIGS on TOPIC " + topic)
                .map(config -> config.entries().stream()
                        .filter(e -> e.source() != ConfigEntry.ConfigSource.DEFAULT_CONFIG)
                        .map(e -> new ConfigSetting(
                                e.name(),
                                e.isSensitive() ? null : e.value(),
                                e.source().name(),
                                e.isSensitive()))
                        .sorted(Comparator.comparing(ConfigSetting::name))
                        .toList())
                .orElse(List.of());
    }

    private void reportHiddenTopics(Set<TopicPartition> onDisk) {
        Set<String> hidden = new TreeSet<>();
        onDisk.forEach(tp -> {
            if (!descriptions.containsKey(tp.topic())) {
                hidden.add(tp.topic());
            }
        });
        hidden.forEach(topic -> problems.add(
                "topics",
                topic,
                ScanProblem.NOT_VISIBLE,
                "the brokers hold partitions of this topic, but the principal may not describe it",
                "DESCRIBE on TOPIC " + topic));
    }

    /** The topic that {@code topic} retries or collects dead letters of, by the one naming rule set. */
    private static String served(String topic, RetryTopicKind kind) {
        return RetryTopics.classify(topic)
                .filter(r -> r.kind() == kind)
                .map(RetryTopic::servedTopic)
                .orElse(null);
    }
}
