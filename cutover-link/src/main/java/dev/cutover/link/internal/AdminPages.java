package dev.cutover.link.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin reads of a large estate, paged by {@link AdminLimits} and bounded: each page is one Admin call with the
 * {@link AdminAwait}'s timeout (set on the call's options too, so the Admin client stops retrying when we stop
 * waiting). Pages are sent one after the other; a page without an answer ends the read with {@code
 * CLUSTER_UNREACHABLE} naming the cluster and what was read, any other whole-call failure is mapped by {@link
 * AdminAwait#failure}. A read of {@code n} pages thus takes at most {@code n} timeouts, and an unreachable cluster
 * fails after one.
 */
public final class AdminPages {
    private static final Logger log = LoggerFactory.getLogger(AdminPages.class);

    private AdminPages() {}

    /**
     * Describes topics, {@link AdminLimits#TOPICS_PER_DESCRIBE} per call. Topics the answering broker does not know
     * (deleted since they were listed, or created so recently that its metadata has not caught up: a broker creating
     * thousands of partitions shows them over many seconds) are absent from the answer: callers that need every one
     * compare the key set.
     *
     * @param what what is read, for messages, e.g. {@code "describe the source's topics"}
     */
    public static Map<String, TopicDescription> describeTopics(
            Admin admin, AdminAwait on, Collection<String> topics, String what) {
        DescribeTopicsOptions options = new DescribeTopicsOptions().timeoutMs(AdminBatches.millis(on));
        return perResource(
                on, what, topics, AdminLimits.TOPICS_PER_DESCRIBE, page -> admin.describeTopics(page, options)
                        .topicNameValues());
    }

    /**
     * Describes topics' configs, {@link AdminLimits#RESOURCES_PER_DESCRIBE_CONFIGS} topics per call, by topic name;
     * topics that do not exist are absent from the answer.
     */
    public static Map<String, Config> describeTopicConfigs(
            Admin admin, AdminAwait on, Collection<String> topics, String what) {
        DescribeConfigsOptions options = new DescribeConfigsOptions().timeoutMs(AdminBatches.millis(on));
        return perResource(on, what, topics, AdminLimits.RESOURCES_PER_DESCRIBE_CONFIGS, page -> {
            Map<String, KafkaFuture<Config>> byName = new LinkedHashMap<>();
            admin.describeConfigs(
                            page.stream()
                                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                                    .toList(),
                            options)
                    .values()
                    .forEach((resource, future) -> byName.put(resource.name(), future));
            return byName;
        });
    }

    /**
     * The offsets of {@code partitions} by {@code spec} ({@link OffsetSpec#earliest()}, {@link OffsetSpec#latest()},
     * a timestamp...), {@link AdminLimits#PARTITIONS_PER_LIST_OFFSETS} partitions per call. Every partition asked for
     * is in the answer; a partition the cluster cannot answer for (unknown, no leader within the timeout) fails the
     * read with the cause.
     *
     * @param what what is read, for messages, e.g. {@code "read the source's log ends"}
     */
    public static Map<TopicPartition, Long> listOffsets(
            Admin admin,
            AdminAwait on,
            Collection<TopicPartition> partitions,
            OffsetSpec spec,
            IsolationLevel isolation,
            String what) {
        ListOffsetsOptions options = new ListOffsetsOptions(isolation).timeoutMs(AdminBatches.millis(on));
        List<List<TopicPartition>> pages = Batching.pages(partitions, AdminLimits.PARTITIONS_PER_LIST_OFFSETS);
        Map<TopicPartition, Long> offsets = new HashMap<>(partitions.size() * 2);
        for (int i = 0; i < pages.size(); i++) {
            List<TopicPartition> page = pages.get(i);
            Map<TopicPartition, OffsetSpec> specs =
                    page.stream().collect(Collectors.toMap(tp -> tp, tp -> spec, (a, b) -> a, LinkedHashMap::new));
            Map<TopicPartition, ListOffsetsResultInfo> answer =
                    on.await(admin.listOffsets(specs, options).all(), pageOf(what, i, pages.size(), page.size()));
            answer.forEach((tp, info) -> offsets.put(tp, info.offset()));
        }
        return offsets;
    }

    /**
     * Pages {@code keys}, calls {@code call} for each page, and waits for every key's future: a key the cluster does
     * not know is left out, a page without any answer fails the read as unreachable, any other failure fails it with
     * its cause.
     */
    static <K, V> Map<K, V> perResource(
            AdminAwait on,
            String what,
            Collection<K> keys,
            int pageSize,
            Function<List<K>, Map<K, KafkaFuture<V>>> call) {
        List<List<K>> pages = Batching.pages(keys, pageSize);
        Map<K, V> answer = new LinkedHashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            List<K> page = pages.get(i);
            String described = pageOf(what, i, pages.size(), page.size());
            long deadline = on.deadline();
            Map<K, KafkaFuture<V>> futures = call.apply(page);
            for (K key : page) {
                KafkaFuture<V> future = futures.get(key);
                if (future == null) {
                    continue;
                }
                Optional<Throwable> failure = on.outcome(future, deadline);
                if (failure.isEmpty()) {
                    answer.put(key, completed(future));
                } else if (failure.get() instanceof TimeoutException t) {
                    throw on.timedOut(described, t);
                } else if (failure.get() instanceof UnknownTopicOrPartitionException unknown) {
                    log.trace("{}: {} is unknown: {}", described, key, unknown.getMessage());
                } else {
                    throw on.failure(failure.get(), described);
                }
            }
        }
        return answer;
    }

    /** The value of a future that {@link AdminAwait#outcome} found successfully completed. */
    private static <V> V completed(KafkaFuture<V> future) {
        try {
            return future.getNow(null);
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("a completed future failed on a second look", e);
        }
    }

    private static String pageOf(String what, int index, int pages, int size) {
        return pages == 1 ? what : what + " (page " + (index + 1) + " of " + pages + ", " + size + " item(s))";
    }
}
