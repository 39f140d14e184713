package dev.cutover.link.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.link.internal.AdminAwait;
import dev.cutover.link.internal.AdminPages;
import dev.cutover.link.sync.SyncReport.Outcome;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic sync against a KRaft controller's limit of 10,000 metadata records per request, crossed cheaply: 500
 * topics of 2 partitions with 21 configs each need 12,000 records (a topic record, a partition record per partition,
 * a config record per config) but only 1,000 partitions, so the brokers are quick to create them. The sync must split
 * the creation and get every topic across. {@code ManyPartitionsSyncIT} does the same with 12,000 partitions.
 */
@ExtendWith(ClustersExtension.class)
class TopicSyncLimitsIT {
    private static final Logger log = LoggerFactory.getLogger(TopicSyncLimitsIT.class);
    private static final int TOPICS = 500;
    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Topic configs the sync copies as they are (see {@link TopicConfigRules}); with cleanup.policy, 21 in all. */
    private static final Map<String, String> CONFIGS = configs();

    @Test
    void createsTopicsWhoseRecordsPassTheControllersLimitInOneRequest(
            @Cluster("source") EmbeddedCluster sourceCluster, @Cluster("target") EmbeddedCluster targetCluster)
            throws Exception {
        try (Admin source = sourceCluster.admin();
                Admin target = targetCluster.admin()) {
            // Given 500 topics on the source, each with 20 config overrides
            List<NewTopic> topics = IntStream.range(0, TOPICS)
                    .mapToObj(i -> new NewTopic(
                                    String.format("limits.t-%04d", i), Optional.of(PARTITIONS), Optional.empty())
                            .configs(CONFIGS))
                    .toList();
            List<String> names = topics.stream().map(NewTopic::name).toList();
            for (int from = 0; from < TOPICS; from += 100) {
                source.createTopics(topics.subList(from, from + 100)).all().get(60, TimeUnit.SECONDS);
            }
            AdminAwait onSource = new AdminAwait("source", TIMEOUT, "none");
            eventually(
                    () -> AdminPages.describeTopics(source, onSource, names, "describe")
                            .size(),
                    n -> n == TOPICS);
            // and a target controller that refuses to create them in one request, as the sync used to send them
            List<NewTopic> asSynced = topics.stream()
                    .map(t -> new NewTopic(t.name(), Optional.of(PARTITIONS), Optional.empty())
                            .configs(withCleanupPolicy(t.configs())))
                    .toList();
            assertThatThrownBy(() -> target.createTopics(asSynced, new CreateTopicsOptions().validateOnly(true))
                            .all()
                            .get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(PolicyViolationException.class)
                    .message()
                    .containsIgnoringCase("excessively large");
            TopicSync sync = new TopicSync(source, target, TopicSelection.matching("limits\\..*"), TIMEOUT);

            // When
            long start = System.nanoTime();
            SyncReport report = sync.apply(sync.plan());
            log.info(
                    "topic sync of {} topics ({} controller records): {} ms",
                    TOPICS,
                    TOPICS * 24,
                    (System.nanoTime() - start) / 1_000_000);

            // Then every topic is created, none refused or failed
            assertThat(report.unlinkable()).isEmpty();
            assertThat(report.items(Outcome.CREATED)).hasSize(TOPICS);
            // and the target holds each with its partitions and every copied config
            AdminAwait onTarget = new AdminAwait("target", TIMEOUT, "none");
            Map<String, TopicDescription> described = eventually(
                    () -> AdminPages.describeTopics(target, onTarget, names, "describe"), d -> d.size() == TOPICS);
            assertThat(described.values())
                    .allSatisfy(d -> assertThat(d.partitions()).hasSize(PARTITIONS));
            Map<String, Config> configs = AdminPages.describeTopicConfigs(target, onTarget, names, "configs");
            assertThat(configs).hasSize(TOPICS);
            assertThat(configs.values())
                    .allSatisfy(c -> CONFIGS.forEach((name, value) ->
                            assertThat(c.get(name).value()).as(name).isEqualTo(value)));
        }
    }

    private static Map<String, String> configs() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("retention.ms", "3600000");
        c.put("retention.bytes", "1073741824");
        c.put("segment.ms", "600000");
        c.put("segment.bytes", "104857600");
        c.put("max.message.bytes", "2097152");
        c.put("delete.retention.ms", "3600000");
        c.put("min.compaction.lag.ms", "1000");
        c.put("max.compaction.lag.ms", "86400000");
        c.put("min.cleanable.dirty.ratio", "0.3");
        c.put("compression.type", "zstd");
        c.put("compression.zstd.level", "5");
        c.put("file.delete.delay.ms", "30000");
        c.put("flush.messages", "100000");
        c.put("flush.ms", "60000");
        c.put("index.interval.bytes", "8192");
        c.put("segment.index.bytes", "1048576");
        c.put("segment.jitter.ms", "1000");
        c.put("message.timestamp.before.max.ms", "86400000");
        c.put("message.timestamp.after.max.ms", "3600000");
        c.put("preallocate", "false");
        return Map.copyOf(c);
    }

    private static Map<String, String> withCleanupPolicy(Map<String, String> configs) {
        Map<String, String> c = new LinkedHashMap<>(configs);
        c.put("cleanup.policy", "delete");
        return c;
    }

    /** Reads until {@code done} holds, every 200 ms, for at most two minutes. */
    private static <T> T eventually(Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        T value = read.call();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not as expected within 2 minutes: " + value);
            }
            Thread.sleep(200);
            value = read.call();
        }
        return value;
    }
}
