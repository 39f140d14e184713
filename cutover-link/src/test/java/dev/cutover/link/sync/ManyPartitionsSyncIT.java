package dev.cutover.link.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.link.internal.AdminAwait;
import dev.cutover.link.internal.AdminPages;
import dev.cutover.link.sync.SyncReport.Outcome;
import dev.cutover.sandbox.process.ClusterProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic sync at the size of a real estate: 600 topics of 20 partitions (12,000 partitions, 13,200 controller
 * records, over both of a KRaft controller's limits of 10,000 partitions and 10,000 records per request). Each cluster
 * runs in a child JVM: 12,000 partitions hold 12,000 open log files, and two such brokers in one JVM would pass a
 * 20,000 file descriptor limit.
 *
 * <p>Slow, so run only with {@code -Dcutover.bench=true}: the sync itself takes seconds, but a single broker makes new
 * partitions visible only once it has created their logs, about 70 a second on the development machine (2026-12), so
 * each cluster needs some three minutes to show 12,000. {@link TopicSyncLimitsIT} crosses the record limit in a minute
 * and always runs.
 */
@EnabledIfSystemProperty(named = "cutover.bench", matches = "true")
class ManyPartitionsSyncIT {
    private static final Logger log = LoggerFactory.getLogger(ManyPartitionsSyncIT.class);
    private static final int TOPICS = 600;
    private static final int PARTITIONS = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void createsTwelveThousandPartitionsOnTheTargetWithoutARefusal() throws Exception {
        long begin = System.nanoTime();
        try (ClusterProcess sourceCluster = ClusterProcess.start(
                        ClusterProcess.Options.named("many-source").maxHeap("2g"));
                ClusterProcess targetCluster = ClusterProcess.start(
                        ClusterProcess.Options.named("many-target").maxHeap("2g"));
                Admin source = Admin.create(sourceCluster.clientProperties());
                Admin target = Admin.create(targetCluster.clientProperties())) {
            log.info("clusters started in {} ms", millisSince(begin));
            // Given 600 topics of 20 partitions, each with a config override, on the source (created 100 at a time)
            List<NewTopic> topics = IntStream.range(0, TOPICS)
                    .mapToObj(i -> new NewTopic(
                                    String.format("scale.t-%04d", i), Optional.of(PARTITIONS), Optional.empty())
                            .configs(Map.of("retention.ms", "3600000")))
                    .toList();
            long setUp = System.nanoTime();
            for (int from = 0; from < TOPICS; from += 100) {
                source.createTopics(topics.subList(from, from + 100)).all().get(60, TimeUnit.SECONDS);
            }
            // (the broker shows new partitions only once it has created their logs: thousands take many seconds)
            List<String> names = topics.stream().map(NewTopic::name).toList();
            AdminAwait onSource = new AdminAwait("source", TIMEOUT, "none");
            eventually(
                    () -> AdminPages.describeTopics(source, onSource, names, "describe")
                            .size(),
                    n -> n == TOPICS);
            log.info("source: {} topics created and visible after {} ms", TOPICS, millisSince(setUp));
            // and a target whose controller refuses them in one request, as the link used to send them
            assertThatThrownBy(() -> target.createTopics(topics, new CreateTopicsOptions().validateOnly(true))
                            .all()
                            .get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(PolicyViolationException.class)
                    .message()
                    .containsIgnoringCase("excessively large");
            TopicSync sync = new TopicSync(source, target, TopicSelection.matching("scale\\..*"), TIMEOUT);

            // When
            long start = System.nanoTime();
            TopicSyncPlan plan = sync.plan();
            long planned = millisSince(start);
            SyncReport report = sync.apply(plan);
            long applied = millisSince(start);
            log.info(
                    "topic sync of {} partitions: planned in {} ms, applied after {} ms",
                    TOPICS * PARTITIONS,
                    planned,
                    applied);

            // Then every topic is created, none refused or failed
            assertThat(report.unlinkable()).isEmpty();
            assertThat(report.items(Outcome.CREATED)).hasSize(TOPICS);
            assertThat(report.problem()).isEmpty();
            // and the target shows each with its 20 partitions, once it has created the logs, and the source's override
            AdminAwait onTarget = new AdminAwait("target", TIMEOUT, "none");
            Map<String, TopicDescription> described = eventually(
                    () -> AdminPages.describeTopics(target, onTarget, names, "describe the synced topics"),
                    d -> d.size() == TOPICS);
            log.info("target: every topic visible {} ms after the sync began", millisSince(start));
            assertThat(described.values())
                    .allSatisfy(d -> assertThat(d.partitions()).hasSize(PARTITIONS));
            assertThat(AdminPages.describeTopicConfigs(target, onTarget, names, "describe the synced configs")
                            .values())
                    .hasSize(TOPICS)
                    .allSatisfy(c -> assertThat(c.get("retention.ms").value()).isEqualTo("3600000"));
            // and the paged offset look-up answers for all 12,000 partitions (every log empty)
            List<TopicPartition> partitions = new ArrayList<>();
            described.values().forEach(d -> d.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            long lookUp = System.nanoTime();
            Map<TopicPartition, Long> ends = AdminPages.listOffsets(
                    target,
                    onTarget,
                    partitions,
                    OffsetSpec.latest(),
                    IsolationLevel.READ_COMMITTED,
                    "read the log ends");
            log.info("log ends of {} partitions read in {} ms", partitions.size(), millisSince(lookUp));
            assertThat(ends).hasSize(TOPICS * PARTITIONS).allSatisfy((tp, end) -> assertThat(end)
                    .isZero());

            // And a second sync finds nothing to do
            SyncReport again = sync.apply(sync.plan());
            assertThat(again.items(Outcome.UNCHANGED)).hasSize(TOPICS);
            assertThat(again.unlinkable()).isEmpty();
            log.info("checked after {} ms; stopping the clusters", millisSince(setUp));
        }
        log.info("done after {} ms", millisSince(begin));
    }

    /** Reads until {@code done} holds, every 500 ms, for at most five minutes. */
    private static <T> T eventually(Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        T value = read.call();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not as expected within 5 minutes");
            }
            Thread.sleep(500);
            value = read.call();
        }
        return value;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
