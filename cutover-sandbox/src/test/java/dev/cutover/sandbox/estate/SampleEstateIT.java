package dev.cutover.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.sandbox.estate.SeededClient.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SampleEstateIT {
    private static final Logger log = LoggerFactory.getLogger(SampleEstateIT.class);

    @ParameterizedTest(name = "{0} with {1} broker(s)")
    @CsvSource({"NONE, 1", "SASL_SCRAM, 1", "NONE, 3", "MTLS, 1"})
    void seededEstateIsCompleteAndStopsCleanly(SecurityMode security, int brokers) throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(
                        EmbeddedCluster.Options.named("estate").brokers(brokers).security(security));
                Admin admin = cluster.admin()) {
            // Given a seeded estate
            SampleEstate estate = SampleEstate.seed(cluster);
            log.info(
                    "seeded {}/{} in {} ms",
                    security,
                    brokers,
                    estate.seedTime().toMillis());
            try (estate) {
                // Then the topics, groups, transactions, Streams and ACLs are as described, and every client works
                assertTopics(admin, estate, brokers);
                assertGroups(admin, estate);
                assertLaggingGroupLags(admin);
                assertTransactions(cluster, estate);
                assertStreams(admin, estate);
                assertAcls(admin, estate, security);
                assertEveryClientProgresses(estate);
                assertThat(estate.problems()).isEmpty();
            }
            // When it is closed (twice), Then none of its threads remain
            estate.close();
            await(Duration.ofSeconds(5), () -> estateThreads(estate).isEmpty());
            assertThat(estateThreads(estate)).isEmpty();
        }
    }

    private static void assertTopics(Admin admin, SampleEstate estate, int brokers) throws Exception {
        List<String> names = estate.topics().stream().map(EstateTopic::name).toList();
        Map<String, TopicDescription> described =
                admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        var configs = admin.describeConfigs(names.stream()
                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                        .toList())
                .all()
                .get(10, TimeUnit.SECONDS);
        for (EstateTopic topic : estate.topics()) {
            assertThat(described.get(topic.name()).partitions()).hasSize(topic.partitions());
            assertThat(described.get(topic.name()).partitions().get(0).replicas())
                    .hasSize(brokers);
            var actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            topic.configs().forEach((key, value) -> assertThat(actual.get(key).value())
                    .as("%s of %s", key, topic.name())
                    .isEqualTo(value));
        }
        assertThat(estate.topics().stream().map(t -> t.configs().get("cleanup.policy")))
                .contains("delete", "compact", "compact,delete");
        assertThat(names).contains("orders.retry", "orders.DLT");
    }

    private static void assertGroups(Admin admin, SampleEstate estate) throws Exception {
        List<SeededClient> grouped =
                estate.clients().stream().filter(c -> c.groupId().isPresent()).toList();
        List<String> groupIds =
                grouped.stream().map(c -> c.groupId().orElseThrow()).toList();
        Map<String, ConsumerGroupDescription> groups =
                admin.describeConsumerGroups(groupIds).all().get(10, TimeUnit.SECONDS);
        for (SeededClient c : grouped) {
            String groupId = c.groupId().orElseThrow();
            ConsumerGroupDescription group = groups.get(groupId);
            assertThat(committed(admin, groupId)).as("offsets of %s", groupId).isNotEmpty();
            assertThat(group.type())
                    .as("type of %s", groupId)
                    .isEqualTo(
                            c.groupProtocol().orElseThrow().equals("consumer")
                                    ? GroupType.CONSUMER
                                    : GroupType.CLASSIC);
            if (c.role() == Role.EMPTY_GROUP) {
                assertThat(group.groupState()).isEqualTo(GroupState.EMPTY);
                assertThat(group.members()).isEmpty();
            } else {
                assertThat(group.members())
                        .as("members of %s", groupId)
                        .extracting(MemberDescription::clientId)
                        .allSatisfy(id -> assertThat(id).startsWith(c.clientId()))
                        .isNotEmpty();
            }
        }
        assertThat(grouped)
                .extracting(SeededClient::groupProtocol)
                .map(o -> o.orElseThrow())
                .contains("consumer", "classic");
    }

    private static void assertLaggingGroupLags(Admin admin) throws Exception {
        await(Duration.ofSeconds(20), () -> lag(admin, "clickstream-analytics") > 20);
        assertThat(lag(admin, "clickstream-analytics")).isGreaterThan(20);
    }

    private static long lag(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
            var ends = admin.listOffsets(
                            committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            return committed.entrySet().stream()
                    .mapToLong(e -> ends.get(e.getKey()).offset() - e.getValue().offset())
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS));
        offsets.values().removeIf(o -> o == null);
        return offsets;
    }

    private static void assertTransactions(EmbeddedCluster cluster, SampleEstate estate) throws Exception {
        await(Duration.ofSeconds(20), () -> estate.abortedTransactions() >= 2);
        assertThat(estate.abortedTransactions()).isGreaterThanOrEqualTo(2);
        List<String> committed = outcomes(cluster, "read_committed");
        List<String> uncommitted = outcomes(cluster, "read_uncommitted");
        assertThat(committed).isNotEmpty().containsOnly("commit");
        assertThat(uncommitted).contains("abort", "commit");
    }

    /** The outcome headers of every record now in {@code payments}, read with the given isolation level. */
    private static List<String> outcomes(EmbeddedCluster cluster, String isolation) {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<String> outcomes = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(0, 1, 2).stream()
                    .map(p -> new TopicPartition("payments", p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Header h = r.headers().lastHeader(TransactionalProducerWorker.OUTCOME_HEADER);
                    outcomes.add(new String(h.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return outcomes;
    }

    private static void assertStreams(Admin admin, SampleEstate estate) throws Exception {
        assertThat(estate.streamsState()).isEqualTo(KafkaStreams.State.RUNNING);
        String changelog = "orders-analytics-" + OrderCountsApp.STORE + "-changelog";
        assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(changelog);
        var counts = admin.listOffsets(List.of(0, 1, 2).stream()
                        .collect(Collectors.toMap(
                                p -> new TopicPartition("orders.counts", p), p -> OffsetSpec.latest())))
                .all()
                .get(10, TimeUnit.SECONDS);
        assertThat(counts.values().stream().mapToLong(i -> i.offset()).sum()).isPositive();
    }

    private static void assertAcls(Admin admin, SampleEstate estate, SecurityMode security) throws Exception {
        if (security != SecurityMode.SASL_SCRAM) {
            assertThat(estate.acls()).isEmpty();
            return;
        }
        Set<AclBinding> onCluster =
                new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS));
        assertThat(onCluster).containsExactlyInAnyOrderElementsOf(estate.acls());
        assertThat(estate.clients()).extracting(SeededClient::principal).doesNotContain("User:ANONYMOUS", "User:admin");
    }

    /** Every background client keeps working: what it has done grows within a few seconds. */
    private static void assertEveryClientProgresses(SampleEstate estate) {
        Map<String, Long> before = estate.progress();
        await(Duration.ofSeconds(15), () -> {
            Map<String, Long> now = estate.progress();
            return before.keySet().stream().allMatch(k -> now.get(k) > before.get(k));
        });
        Map<String, Long> after = estate.progress();
        before.forEach(
                (client, done) -> assertThat(after.get(client)).as(client).isGreaterThan(done));
    }

    /** Live threads that belong to the estate: its own and the Kafka clients' (named after a client.id). */
    private static List<String> estateThreads(SampleEstate estate) {
        Set<String> ids = estate.clients().stream().map(SeededClient::clientId).collect(Collectors.toSet());
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(Worker.THREAD_PREFIX)
                        || n.contains("consumer_background_thread")
                        || ids.stream().anyMatch(n::contains))
                .toList();
    }

    private static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
