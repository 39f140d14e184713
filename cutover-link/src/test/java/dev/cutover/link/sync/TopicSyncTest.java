package dev.cutover.link.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.link.sync.Adjustment.Kind;
import dev.cutover.link.sync.TopicAction.AddPartitions;
import dev.cutover.link.sync.TopicAction.AlterConfigs;
import dev.cutover.link.sync.TopicAction.CreateTopic;
import dev.cutover.link.sync.TopicAction.Refuse;
import dev.cutover.link.sync.TopicAction.Unchanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.junit.jupiter.api.Test;

/** The topic rules without a broker: hand-made config descriptions in, a plan out. */
class TopicSyncTest {

    @Test
    void newTopicGetsPartitionsOverridesAndCleanupPolicyButNotDefaults() {
        // Given a source topic with overrides and defaults
        TopicSnapshot orders = topic(
                "orders",
                6,
                override("retention.ms", "86400000"),
                override("max.message.bytes", "2000000"),
                byDefault("segment.bytes", "1073741824"),
                byBroker("compression.type", "lz4"));

        // When
        TopicSyncPlan plan = TopicPlanner.plan(List.of(orders), Map.of(), TopicSelection.all());

        // Then only the topic's own overrides are copied, with the effective cleanup.policy
        assertThat(plan.actions())
                .containsExactly(new CreateTopic(
                        "orders",
                        6,
                        Map.of(
                                "retention.ms",
                                "86400000",
                                "max.message.bytes",
                                "2000000",
                                "cleanup.policy",
                                "delete")));
        assertThat(plan.adjustments()).isEmpty();
    }

    @Test
    void logAppendTimeIsNotCopiedButReportedAsKeptCreateTime() {
        // Given
        TopicSnapshot clicks = topic("clicks", 3, override("message.timestamp.type", "LogAppendTime"));

        // When
        TopicSyncPlan plan = TopicPlanner.plan(List.of(clicks), Map.of(), TopicSelection.all());

        // Then
        assertThat(plan.actions(CreateTopic.class).get(0).configs()).doesNotContainKey("message.timestamp.type");
        assertThat(plan.adjustments()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Kind.KEPT_CREATE_TIME);
            assertThat(a.sourceValue()).contains("LogAppendTime");
        });
    }

    @Test
    void configsRemovedInKafka4AreDroppedAndReported() {
        // Given a topic from an old cluster
        TopicSnapshot legacy = topic(
                "legacy",
                1,
                override("message.format.version", "2.8-IV1"),
                override("message.timestamp.difference.max.ms", "3600000"),
                override("message.downconversion.enable", "false"),
                override("retention.bytes", "1048576"));

        // When
        TopicSyncPlan plan = TopicPlanner.plan(List.of(legacy), Map.of(), TopicSelection.all());

        // Then
        assertThat(plan.actions(CreateTopic.class).get(0).configs())
                .containsOnlyKeys("retention.bytes", "cleanup.policy");
        assertThat(plan.adjustments())
                .extracting(Adjustment::config, Adjustment::kind)
                .containsExactlyInAnyOrder(
                        tuple("message.format.version", Kind.DROPPED_REMOVED),
                        tuple("message.timestamp.difference.max.ms", Kind.DROPPED_REMOVED),
                        tuple("message.downconversion.enable", Kind.DROPPED_REMOVED));
    }

    @Test
    void targetOwnedConfigsAreNotCopied() {
        // Given
        TopicSnapshot payments = topic(
                "payments",
                2,
                override("min.insync.replicas", "2"),
                override("unclean.leader.election.enable", "true"),
                override("leader.replication.throttled.replicas", "0:1"),
                override("follower.replication.throttled.replicas", "*"),
                override("remote.storage.enable", "true"),
                override("local.retention.ms", "3600000"),
                override("confluent.placement.constraints", "{}"));

        // When
        TopicSyncPlan plan = TopicPlanner.plan(List.of(payments), Map.of(), TopicSelection.all());

        // Then
        assertThat(plan.actions(CreateTopic.class).get(0).configs()).containsOnlyKeys("cleanup.policy");
        assertThat(plan.adjustments()).hasSize(7).allMatch(a -> a.kind() == Kind.TARGET_OWNED);
    }

    @Test
    void timestampBoundsAreCopiedAsIsWithANote() {
        // Given
        TopicSnapshot events = topic(
                "events",
                1,
                override("message.timestamp.type", "LogAppendTime"),
                override("message.timestamp.before.max.ms", "86400000"),
                override("message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE)));

        // When
        TopicSyncPlan plan = TopicPlanner.plan(List.of(events), Map.of(), TopicSelection.all());

        // Then both are copied; only the finite bound is worth a note, which says the target now enforces it
        assertThat(plan.actions(CreateTopic.class).get(0).configs())
                .containsEntry("message.timestamp.before.max.ms", "86400000")
                .containsEntry("message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
        assertThat(plan.adjustmentsFor("events"))
                .filteredOn(a -> a.kind() == Kind.NOTE)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.config()).isEqualTo("message.timestamp.before.max.ms");
                    assertThat(a.why()).contains("enforces");
                });
    }

    @Test
    void compactedTopicIsCreatedCompacted() {
        TopicSnapshot users = topic("users", 3, override("cleanup.policy", "compact"));

        TopicSyncPlan plan = TopicPlanner.plan(List.of(users), Map.of(), TopicSelection.all());

        assertThat(plan.actions(CreateTopic.class).get(0).configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void sensitiveValuesAreNeverCopied() {
        ConfigEntry secret = new ConfigEntry(
                "some.plugin.secret", null, ConfigSource.DYNAMIC_TOPIC_CONFIG, true, false, List.of(), null, null);
        TopicSnapshot t = topic("t", 1, secret);

        TopicSyncPlan plan = TopicPlanner.plan(List.of(t), Map.of(), TopicSelection.all());

        assertThat(plan.actions(CreateTopic.class).get(0).configs()).doesNotContainKey("some.plugin.secret");
        assertThat(plan.adjustments()).extracting(Adjustment::kind).containsExactly(Kind.SENSITIVE);
    }

    @Test
    void existingTopicFollowsSourceConfigChangesAndUnsetsButKeepsTargetOwnedConfigs() {
        // Given the source changed retention, added compression and dropped its segment.ms override
        TopicSnapshot source =
                topic("orders", 4, override("retention.ms", "1000"), override("compression.type", "zstd"));
        TopicSnapshot target = topic(
                "orders",
                4,
                override("retention.ms", "5000"),
                override("segment.ms", "60000"),
                override("min.insync.replicas", "2"),
                override("cleanup.policy", "delete"));

        // When
        TopicSyncPlan plan = TopicPlanner.plan(List.of(source), Map.of("orders", target), TopicSelection.all());

        // Then the target's own min.insync.replicas (and the explicit cleanup.policy) are left alone
        assertThat(plan.actions())
                .containsExactly(new AlterConfigs(
                        "orders", Map.of("retention.ms", "1000", "compression.type", "zstd"), Set.of("segment.ms")));
    }

    @Test
    void existingTopicThatMatchesIsUnchanged() {
        TopicSnapshot source = topic("orders", 4, override("retention.ms", "1000"));
        TopicSnapshot target =
                topic("orders", 4, override("retention.ms", "1000"), override("cleanup.policy", "delete"));

        TopicSyncPlan plan = TopicPlanner.plan(List.of(source), Map.of("orders", target), TopicSelection.all());

        assertThat(plan.actions()).containsExactly(new Unchanged("orders"));
    }

    @Test
    void sourceGrowthAddsPartitions() {
        TopicSnapshot source = topic("orders", 8);
        TopicSnapshot target = topic("orders", 4);

        TopicSyncPlan plan = TopicPlanner.plan(List.of(source), Map.of("orders", target), TopicSelection.all());

        assertThat(plan.actions()).containsExactly(new AddPartitions("orders", 4, 8));
    }

    @Test
    void moreTargetPartitionsOrAnotherCleanupPolicyIsRefusedAndOthersStillPlanned() {
        // Given
        List<TopicSnapshot> source = List.of(
                topic("wide", 2), topic("compacted", 2, override("cleanup.policy", "compact")), topic("fine", 1));
        Map<String, TopicSnapshot> target = Map.of("wide", topic("wide", 5), "compacted", topic("compacted", 2));

        // When
        TopicSyncPlan plan = TopicPlanner.plan(source, target, TopicSelection.all());

        // Then
        assertThat(plan.actions(Refuse.class))
                .extracting(
                        Refuse::name,
                        r -> r.reason().contains("partitions") || r.reason().contains("cleanup.policy"))
                .containsExactly(tuple("compacted", true), tuple("wide", true));
        assertThat(plan.actions(Refuse.class).get(0).reason()).contains("cleanup.policy is 'delete' on the target");
        assertThat(plan.actions(Refuse.class).get(1).reason()).contains("5 partitions but the source has 2");
        assertThat(plan.actions(CreateTopic.class))
                .extracting(CreateTopic::name)
                .containsExactly("fine");
        assertThat(plan.syncedTopics()).containsExactly("fine");
    }

    @Test
    void cleanupPolicyOrderDoesNotMatter() {
        TopicSnapshot source = topic("t", 1, override("cleanup.policy", "compact,delete"));
        TopicSnapshot target = topic("t", 1, override("cleanup.policy", "delete, compact"));

        TopicSyncPlan plan = TopicPlanner.plan(List.of(source), Map.of("t", target), TopicSelection.all());

        assertThat(plan.actions()).containsExactly(new Unchanged("t"));
    }

    @Test
    void internalAndToolTopicsAreExcludedButStreamsTopicsAreData() {
        // Given
        List<TopicSnapshot> source = new ArrayList<>();
        for (String name : List.of(
                "__consumer_offsets",
                "__transaction_state",
                "__share_group_state",
                "__cutover.link-progress",
                "_schemas",
                "connect-configs",
                "mm2-offset-syncs.target.internal",
                "app-store-changelog",
                "app-KSTREAM-AGGREGATE-repartition")) {
            source.add(topic(name, 1));
        }
        source.add(topic("my-connect-offsets", 25, override("cleanup.policy", "compact")));
        source.add(topic("order-status", 3)); // delete policy: data, whatever the suffix says
        source.add(topic("customer-status", 3, override("cleanup.policy", "compact")));

        // When
        TopicSyncPlan plan =
                TopicPlanner.plan(source, Map.of(), TopicSelection.all().alsoIncluding(Set.of("customer-status")));

        // Then
        assertThat(plan.actions(CreateTopic.class))
                .extracting(CreateTopic::name)
                .containsExactly(
                        "app-KSTREAM-AGGREGATE-repartition", "app-store-changelog", "customer-status", "order-status");
        assertThat(plan.excluded())
                .extracting(TopicSyncPlan.Excluded::name)
                .containsExactlyInAnyOrder(
                        "__consumer_offsets",
                        "__transaction_state",
                        "__share_group_state",
                        "__cutover.link-progress",
                        "_schemas",
                        "connect-configs",
                        "mm2-offset-syncs.target.internal",
                        "my-connect-offsets");
    }

    @Test
    void userPatternsSelectTopics() {
        List<TopicSnapshot> source = List.of(topic("orders", 1), topic("orders-dlq", 1), topic("audit", 1));

        TopicSyncPlan plan = TopicPlanner.plan(
                source, Map.of(), TopicSelection.matching("orders.*").excluding(".*-dlq"));

        assertThat(plan.actions()).extracting(TopicAction::name).containsExactly("orders");
        assertThat(plan.excluded()).isEmpty();
    }

    @Test
    void rulesTableAnswersForEveryKafkaTopicConfig() {
        assertThat(TopicConfigRules.ruleFor("retention.ms").treatment()).isEqualTo(TopicConfigRules.Treatment.COPY);
        assertThat(TopicConfigRules.followed("min.insync.replicas")).isFalse();
        assertThat(TopicConfigRules.followed("cleanup.policy")).isFalse();
        assertThat(TopicConfigRules.followed("message.timestamp.type")).isFalse();
        assertThat(TopicConfigRules.followed("some.future.config")).isTrue();
    }

    private static TopicSnapshot topic(String name, int partitions, ConfigEntry... entries) {
        return new TopicSnapshot(name, partitions, new Config(List.of(entries)));
    }

    private static ConfigEntry override(String name, String value) {
        return entry(name, value, ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }

    private static ConfigEntry byDefault(String name, String value) {
        return entry(name, value, ConfigSource.DEFAULT_CONFIG);
    }

    private static ConfigEntry byBroker(String name, String value) {
        return entry(name, value, ConfigSource.STATIC_BROKER_CONFIG);
    }

    private static ConfigEntry entry(String name, String value, ConfigSource source) {
        return new ConfigEntry(name, value, source, false, false, List.of(), null, null);
    }
}
