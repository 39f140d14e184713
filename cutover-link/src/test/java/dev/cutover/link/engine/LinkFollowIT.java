package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.assertExact;
import static dev.cutover.link.engine.LinkHarness.maps;
import static dev.cutover.link.engine.LinkHarness.produce;
import static dev.cutover.link.engine.LinkHarness.produceMixed;
import static dev.cutover.link.engine.LinkHarness.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.link.sync.SyncReport;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.CheckOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running link follows the source: partitions added, configs changed, new matching topics, and a target topic that
 * stops fitting. The link refreshes its metadata every second here (30 s by default). Each test has its own topics and
 * link name on the shared clusters, and checks every copied record and the offset map.
 */
@ExtendWith(ClustersExtension.class)
class LinkFollowIT {

    private static LinkSettings settings(String link, String include) {
        return LinkSettings.defaults(link)
                .include(include)
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500))
                .metadataRefresh(Duration.ofSeconds(1));
    }

    private static void createTopic(Map<String, Object> props, String topic, int partitions, Map<String, String> cfg)
            throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(cfg)))
                    .all()
                    .get();
        }
    }

    private static void growTo(Map<String, Object> props, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
                    .all()
                    .get();
        }
    }

    private static void alter(Map<String, Object> props, String topic, List<AlterConfigOp> ops) throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops))
                    .all()
                    .get();
        }
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    private static AlterConfigOp unset(String name) {
        return new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE);
    }

    /** The topic's own overrides (what the sync compares). */
    private static Map<String, String> overrides(Map<String, Object> props, String topic) throws Exception {
        try (Admin admin = Admin.create(props)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            Map<String, String> out = new HashMap<>();
            config.entries().stream()
                    .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .forEach(e -> out.put(e.name(), e.value()));
            return out;
        }
    }

    private static int partitionCount(Map<String, Object> props, String topic) throws Exception {
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    /** {@code count} records of {@code size} bytes in one transaction: a read_committed reader gets them at once. */
    private static void produceAtOnce(Map<String, Object> clientProps, String topic, int count, int size) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "at-once-" + topic);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < count; i++) {
                byte[] value = new byte[size];
                value[0] = (byte) i;
                producer.send(new ProducerRecord<>(topic, 0, LinkHarness.bytes("big" + i), value));
            }
            producer.commitTransaction();
        }
    }

    // ---- partitions --------------------------------------------------------------------------------------------

    @Test
    void partitionsAddedToASourceTopicAreCopiedWholeToTheSamePartitionNumbersEvenFromLatest(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a topic of 2 partitions with data the link will not copy (it starts from latest)
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "f1-grow";
        createTopic(s, topic, 2, Map.of());
        produceMixed(s, topic, 2, 0, 60);
        LinkSettings settings = settings("f1", topic).from(new StartFrom.Latest());
        try (RunningLink link = RunningLink.start(s, t, settings)) {
            int first = produceMixed(s, topic, 2, 100, 100);
            link.await(() -> link.handle.copied() >= first);

            // When the source topic grows to 4 partitions and records go to all of them, at once
            growTo(s, topic, 4);
            int second = produceMixed(s, topic, 4, 300, 200);

            // Then the target grows, and every record lands in its own partition number
            link.await(() -> link.handle.copied() >= first + second);
            assertThat(partitionCount(t, topic)).isEqualTo(4);
            assertThat(link.told("now also copying 2 partition(s) [f1-grow-2, f1-grow-3]"))
                    .as("told: %s", link.infos)
                    .isTrue();
            assertThat(link.topicItems).anySatisfy(i -> assertThat(i)
                    .isEqualTo(new SyncReport.Item(topic, SyncReport.Outcome.PARTITIONS_ADDED, "2 -> 4 partitions")));
        }
        Map<TopicPartition, PartitionOffsetMap> maps = maps(t, settings.topics());
        assertThat(maps.get(new TopicPartition(topic, 2)).coveredFrom())
                .as("a new partition is copied from its log start, whatever --from says")
                .isZero();
        assertExact(s, t, topic, settings.topics(), o -> fromLinkStart(o, maps, topic, 2));

        // And partitions added while the link is stopped are copied whole when it starts again
        growTo(s, topic, 6);
        int third = produceMixed(s, topic, 6, 600, 120);
        try (RunningLink link = RunningLink.start(s, t, settings)) {
            link.await(() -> link.handle.copied() >= third);
        }
        Map<TopicPartition, PartitionOffsetMap> after = maps(t, settings.topics());
        assertThat(after.get(new TopicPartition(topic, 5)).coveredFrom()).isZero();
        assertExact(s, t, topic, settings.topics(), o -> fromLinkStart(o, after, topic, 2));
        assertThat(state(t, settings.topics()).partitions()).hasSize(6).allSatisfy((tp, st) -> assertThat(st.state())
                .isEqualTo(PartitionState.CAUGHT_UP));
    }

    /** The first {@code started} partitions were taken on from latest: compare from where the link began. */
    private static CheckOptions fromLinkStart(
            CheckOptions options, Map<TopicPartition, PartitionOffsetMap> maps, String topic, int started) {
        CheckOptions o = options;
        for (int p = 0; p < started; p++) {
            PartitionOffsetMap map = maps.get(new TopicPartition(topic, p));
            o = o.from(p, map.coveredFrom(), map.targetFrom());
        }
        return o;
    }

    // ---- configs -----------------------------------------------------------------------------------------------

    @Test
    void sourceConfigChangesAreFollowedAndASmallerMessageLimitStillCopiesEveryRecord(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a linked topic with some overrides
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "f2-configs";
        createTopic(s, topic, 1, Map.of("retention.ms", "3600000", "segment.ms", "600000"));
        produce(s, topic, 0, "a", 50);
        LinkSettings settings = settings("f2", topic);
        try (RunningLink link = RunningLink.start(s, t, settings)) {
            link.await(() -> link.handle.copied() >= 50);
            assertThat(overrides(t, topic)).containsEntry("retention.ms", "3600000");

            // When the source's owners change retention, drop an override and lower max.message.bytes
            alter(
                    s,
                    topic,
                    List.of(set("retention.ms", "7200000"), unset("segment.ms"), set("max.message.bytes", "60000")));

            // Then the target follows, the change is reported, and the producer is renewed for the smaller limit
            link.await(() -> {
                try {
                    Map<String, String> o = overrides(t, topic);
                    return "7200000".equals(o.get("retention.ms"))
                            && "60000".equals(o.get("max.message.bytes"))
                            && !o.containsKey("segment.ms");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            link.await(() -> link.told("renewing the producer with batch.size")
                    && link.told("max.message.bytes of the linked topics is 60000"));
            assertThat(link.topicItems).anySatisfy(i -> {
                assertThat(i.subject()).isEqualTo(topic);
                assertThat(i.outcome()).isEqualTo(SyncReport.Outcome.ALTERED);
                assertThat(i.detail()).contains("retention.ms=7200000").contains("unset [segment.ms]");
            });

            // And 4 MB of records that become readable at once (one source transaction) are all copied: the
            // link's batches fit the new limit (a batch over it would make the producer split and retry forever)
            produceAtOnce(s, topic, 200, 20_000);
            link.await(() -> link.handle.copied() >= 250);
            assertThat(link.errors).isEmpty();
        }
        assertExact(s, t, topic, settings.topics());
    }

    // ---- new topics ----------------------------------------------------------------------------------------------

    @Test
    void aNewSourceTopicMatchingTheSelectionIsCreatedAndLinkedWhileRunning(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a link over f3-.* with one topic, started from latest
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        createTopic(s, "f3-old", 1, Map.of());
        LinkSettings settings = settings("f3", "f3-.*").from(new StartFrom.Latest());
        try (RunningLink link = RunningLink.start(s, t, settings)) {
            // When a matching topic and one that does not match appear, and get records at once
            createTopic(s, "f3-new", 3, Map.of("retention.ms", "5400000", "min.insync.replicas", "1"));
            createTopic(s, "g3-other", 1, Map.of());
            int committed = produceMixed(s, "f3-new", 3, 0, 150);
            produce(s, "g3-other", 0, "x", 10);

            // Then the matching one is created on the target with its configs and copied whole
            link.await(() -> link.handle.copied() >= committed);
            assertThat(link.topicItems)
                    .anySatisfy(i -> {
                        assertThat(i.subject()).isEqualTo("f3-new");
                        assertThat(i.outcome()).isEqualTo(SyncReport.Outcome.CREATED);
                    })
                    .anySatisfy(i -> {
                        assertThat(i.subject()).isEqualTo("f3-new");
                        assertThat(i.outcome()).isEqualTo(SyncReport.Outcome.ADJUSTED);
                        assertThat(i.detail()).contains("min.insync.replicas");
                    });
        }
        assertThat(overrides(t, "f3-new")).containsEntry("retention.ms", "5400000");
        assertExact(s, t, "f3-new", settings.topics());
        try (Admin admin = Admin.create(t)) {
            assertThat(admin.listTopics().names().get()).doesNotContain("g3-other");
        }
        assertThat(state(t, settings.topics()).partitions().keySet())
                .extracting(TopicPartition::topic)
                .containsOnly("f3-old", "f3-new");
    }

    // ---- conflicts -----------------------------------------------------------------------------------------------

    @Test
    void aTargetTopicThatNoLongerFitsStopsAloneWithTheReasonInItsStatus(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given two linked topics
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        createTopic(s, "f4-a", 1, Map.of());
        createTopic(s, "f4-b", 2, Map.of());
        produce(s, "f4-a", 0, "a", 30);
        produce(s, "f4-b", 0, "b", 30);
        LinkSettings settings = settings("f4", "f4-.*");
        List<String> reasons = new ArrayList<>();
        try (RunningLink link = RunningLink.start(s, t, settings)) {
            link.await(() -> link.handle.copied() >= 60);

            // When someone makes one target topic compacted
            alter(t, "f4-b", List.of(set("cleanup.policy", "compact")));

            // Then its partitions stop with the reason, and the other topic goes on
            link.await(() -> link.errors.size() == 2);
            produce(s, "f4-a", 0, "more", 40);
            link.await(() -> link.handle.copied() >= 100);
            reasons.addAll(link.errors.values());
            assertThat(link.errors.keySet())
                    .containsExactlyInAnyOrder(new TopicPartition("f4-b", 0), new TopicPartition("f4-b", 1));
        }
        assertThat(reasons)
                .allSatisfy(r -> assertThat(r).contains("f4-b").contains("cleanup.policy is 'compact' on the target"));
        Map<TopicPartition, LinkState.PartitionStatus> statuses =
                state(t, settings.topics()).partitions();
        assertThat(statuses.get(new TopicPartition("f4-b", 1)).state()).isEqualTo(PartitionState.ERROR);
        assertThat(statuses.get(new TopicPartition("f4-b", 1)).reason()).contains("cleanup.policy");
        assertThat(statuses.get(new TopicPartition("f4-a", 0)).state()).isEqualTo(PartitionState.CAUGHT_UP);
        assertExact(s, t, "f4-a", settings.topics());
        assertThat(Optional.ofNullable(overrides(t, "f4-b").get("cleanup.policy")))
                .as("the sync never alters a refused topic")
                .contains("compact");
    }
}
