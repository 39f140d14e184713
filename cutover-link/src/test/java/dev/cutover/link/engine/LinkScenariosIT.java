package dev.cutover.link.engine;

import static dev.cutover.link.engine.LinkHarness.TIMEOUT;
import static dev.cutover.link.engine.LinkHarness.assertExact;
import static dev.cutover.link.engine.LinkHarness.await;
import static dev.cutover.link.engine.LinkHarness.bytes;
import static dev.cutover.link.engine.LinkHarness.maps;
import static dev.cutover.link.engine.LinkHarness.produce;
import static dev.cutover.link.engine.LinkHarness.produceMixed;
import static dev.cutover.link.engine.LinkHarness.runUntil;
import static dev.cutover.link.engine.LinkHarness.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.groups.GroupOffsets;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.OffsetMaps;
import dev.cutover.link.groups.SyncOptions;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.offsets.Direction;
import dev.cutover.offsets.OffsetTranslation;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.TranslatedGroup;
import dev.cutover.offsets.Translation;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.legacy.LegacyCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.LoggedRecord;
import dev.cutover.testkit.check.PartitionLog;
import dev.cutover.testkit.check.ReplicationReport;
import dev.cutover.testkit.check.TopicLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The link against the awkward cases of real clusters: compaction, retention, LogAppendTime, odd records, an old
 * broker, group resume, too-large records, foreign writes, recreated topics and the wrong cluster. Each test uses its
 * own topics and link name on the shared clusters, and checks every copied record and the offset map.
 */
@ExtendWith(ClustersExtension.class)
class LinkScenariosIT {

    private static LinkSettings settings(String link, String include) {
        return LinkSettings.defaults(link).include(include).lease(Duration.ofMillis(1500), Duration.ofMillis(500));
    }

    private static void createTopic(Map<String, Object> props, String topic, int partitions, Map<String, String> cfg)
            throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(cfg)))
                    .all()
                    .get();
        }
    }

    private static void deleteRecords(Map<String, Object> props, TopicPartition tp, long before) throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(before)))
                    .all()
                    .get();
        }
    }

    private static long endOffset(Map<String, Object> props, TopicPartition tp) {
        try (var c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return c.endOffsets(List.of(tp), TIMEOUT).get(tp);
        }
    }

    private static PartitionLog log(Map<String, Object> props, TopicPartition tp, IsolationLevel level) {
        return PartitionLog.read(props, tp, level, TIMEOUT);
    }

    // ---- 1 -------------------------------------------------------------------------------------------------------

    @Test
    void compactedTopicWithTombstonesCopiesTheSurvivorsAndGapsTranslateToTheNextSurvivor(
            @Cluster("target") EmbeddedCluster target) throws Exception {
        try (EmbeddedCluster compacting = EmbeddedCluster.start(EmbeddedCluster.Options.named("compacting")
                .brokerConfig(Map.of("log.cleaner.backoff.ms", "100", "log.retention.check.interval.ms", "500")))) {
            var s = compacting.adminClientProperties();
            var t = target.adminClientProperties();
            String topic = "s1-compacted";
            TopicPartition tp = new TopicPartition(topic, 0);
            createTopic(
                    s,
                    topic,
                    1,
                    Map.of(
                            "cleanup.policy", "compact",
                            "segment.ms", "100",
                            "min.cleanable.dirty.ratio", "0.01",
                            "min.compaction.lag.ms", "0",
                            "delete.retention.ms", "3600000"));
            Map<String, Object> props = new HashMap<>(s);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int round = 0; round < 6; round++) {
                    for (int i = 0; i < 20; i++) {
                        int k = (round * 7 + i) % 10;
                        byte[] value = (round + i) % 6 == 0 ? null : bytes("v" + round + "-" + i); // tombstones
                        producer.send(new ProducerRecord<>(topic, 0, bytes("key" + k), value));
                    }
                    producer.flush();
                    Thread.sleep(250); // segment.ms passes: the next append rolls a segment
                }
                producer.send(new ProducerRecord<>(topic, 0, bytes("last"), bytes("roll")));
                producer.flush();
            }
            // Wait until the cleaner has run: fewer records than offsets
            await(() -> {
                PartitionLog l = log(s, tp, IsolationLevel.READ_UNCOMMITTED);
                return l.size() < (l.endOffset() - l.startOffset()) - 40;
            });
            // Stop further cleaning on both sides (the lag is copied to the target), so the check sees stable logs
            try (Admin admin = Admin.create(s)) {
                admin.incrementalAlterConfigs(Map.of(
                                new ConfigResource(ConfigResource.Type.TOPIC, topic),
                                List.of(new AlterConfigOp(
                                        new ConfigEntry("min.compaction.lag.ms", "3600000"),
                                        AlterConfigOp.OpType.SET))))
                        .all()
                        .get();
            }
            PartitionLog sourceLog = log(s, tp, IsolationLevel.READ_COMMITTED);
            assertThat(sourceLog.records().stream().anyMatch(r -> r.value() == null))
                    .as("tombstones survive the first compaction")
                    .isTrue();

            LinkSettings settings = settings("s1", topic);
            runUntil(s, t, settings, e -> e.copied() >= sourceLog.size());

            assertExact(s, t, topic, settings.topics());
            PartitionOffsetMap map = maps(t, settings.topics()).get(tp);
            // Every offset compacted away translates to the copy of the next surviving record
            List<Long> survivors =
                    sourceLog.records().stream().map(LoggedRecord::offset).toList();
            int gaps = 0;
            int next = 0;
            for (long o = sourceLog.startOffset(); o < map.coveredTo(); o++) {
                while (next < survivors.size() && survivors.get(next) < o) {
                    next++;
                }
                long expected = next < survivors.size()
                        ? ((Translation.Exact) map.translate(survivors.get(next))).offset()
                        : map.targetNext();
                assertThat(map.translate(o)).as("translate(" + o + ")").isEqualTo(new Translation.Exact(expected));
                if (next < survivors.size() && survivors.get(next) != o) {
                    gaps++;
                }
            }
            assertThat(gaps).as("offsets inside compacted-away gaps").isGreaterThan(40);
        }
    }

    // ---- 2 -------------------------------------------------------------------------------------------------------

    @Test
    void retentionTruncatedHeadCopiesFromTheLogStartAndAGroupBelowItResumesAtTheFirstCopy(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s2-truncated";
        createTopic(s, topic, 2, Map.of());
        produce(s, topic, 0, "a", 200);
        produce(s, topic, 1, "b", 200);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        deleteRecords(s, p0, 100);
        String group = "s2-group";
        try (Admin admin = Admin.create(s)) {
            admin.alterConsumerGroupOffsets(
                            group, Map.of(p0, new OffsetAndMetadata(50), p1, new OffsetAndMetadata(150)))
                    .all()
                    .get();
        }

        LinkSettings settings = settings("s2", topic);
        runUntil(s, t, settings, e -> e.copied() >= 300);

        ReplicationReport report = assertExact(s, t, topic, settings.topics(), o -> o.from(0, 100, 0));
        assertThat(log(t, p0, IsolationLevel.READ_COMMITTED).records()).hasSize(100);
        assertThat(log(t, p0, IsolationLevel.READ_COMMITTED).records().get(0).value())
                .isEqualTo(bytes("a-100"));
        try (Admin sa = Admin.create(s);
                Admin ta = Admin.create(t)) {
            TranslatedGroup translated = new GroupOffsets(
                            sa, ta, OffsetMaps.stored(t, settings.topics(), TIMEOUT), TIMEOUT)
                    .translate(group, Direction.FORWARD);
            assertThat(translated.complete()).as(translated.toString()).isTrue();
            assertThat(translated.partitions())
                    .containsExactly(new OffsetTranslation.Exact(p0, 50, 0), new OffsetTranslation.Exact(p1, 150, 150));
        }
        assertThat(report.resume(0, 50, 0).isExact()).isTrue();
        assertThat(report.resume(1, 150, 150).isExact()).isTrue();
    }

    // ---- 3 -------------------------------------------------------------------------------------------------------

    @Test
    void retentionGapWhileTheLinkIsBehindStopsThatPartitionAloneNamingTheLostRange(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s3-gap";
        createTopic(s, topic, 2, Map.of());
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        produce(s, topic, 0, "a", 100);
        produce(s, topic, 1, "b", 100);
        LinkSettings settings = settings("s3", topic);
        runUntil(s, t, settings, e -> e.copied() >= 200);
        assertExact(s, t, topic, settings.topics());
        List<LoggedRecord> targetP0Before =
                log(t, p0, IsolationLevel.READ_UNCOMMITTED).records();

        // While the link is stopped, more arrives and retention deletes past the link's position on p0
        produce(s, topic, 0, "a2", 100);
        produce(s, topic, 1, "b2", 100);
        deleteRecords(s, p0, 150);

        LinkHarness.Errors errors = new LinkHarness.Errors();
        runUntil(s, t, settings, errors, e -> e.copied() >= 100 && errors.reasons.containsKey(p0));

        assertThat(errors.reasons).containsOnlyKeys(p0);
        Map<TopicPartition, LinkState.PartitionStatus> statuses =
                state(t, settings.topics()).partitions();
        assertThat(statuses.get(p0).state()).isEqualTo(PartitionState.ERROR);
        assertThat(statuses.get(p0).reason()).contains("offsets 100 to 149");
        assertThat(statuses.get(p1).state()).isEqualTo(PartitionState.CAUGHT_UP);
        assertThat(statuses.get(p1).replicatedTo()).isEqualTo(200);
        // p0 on the target is as before; p1 is exact
        assertThat(log(t, p0, IsolationLevel.READ_UNCOMMITTED).records()).isEqualTo(targetP0Before);
        long t0 = endOffset(t, p0);
        assertExact(s, t, topic, settings.topics(), o -> o.from(0, 200, t0));
    }

    // ---- 4 -------------------------------------------------------------------------------------------------------

    @Test
    void logAppendTimeSourceTimestampsAreCopiedAsCreateTime(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s4-append-time";
        createTopic(s, topic, 2, Map.of("message.timestamp.type", "LogAppendTime"));
        Map<String, Object> props = new HashMap<>(s);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 40; i++) {
                // a CreateTime the source overrides with its append time
                producer.send(new ProducerRecord<>(topic, i % 2, 1_000L + i, bytes("k" + i), bytes("v" + i)));
                if (i % 10 == 9) {
                    producer.flush();
                    Thread.sleep(20);
                }
            }
        }
        LinkSettings settings = settings("s4", topic);
        runUntil(s, t, settings, e -> e.copied() >= 40);

        try (Admin admin = Admin.create(t)) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(r))
                            .all()
                            .get()
                            .get(r)
                            .get("message.timestamp.type")
                            .value())
                    .isEqualTo("CreateTime");
        }
        Map<TopicPartition, PartitionOffsetMap> maps = maps(t, settings.topics());
        for (int p = 0; p < 2; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            List<LoggedRecord> src = log(s, tp, IsolationLevel.READ_COMMITTED).records();
            List<LoggedRecord> dst = log(t, tp, IsolationLevel.READ_UNCOMMITTED).records();
            assertThat(dst).hasSize(src.size()).hasSize(20);
            for (int i = 0; i < src.size(); i++) {
                LoggedRecord a = src.get(i);
                LoggedRecord b = dst.get(i);
                assertThat(a.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
                assertThat(a.timestamp()).isGreaterThan(1_600_000_000_000L);
                assertThat(b.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
                assertThat(b.timestamp())
                        .as("timestamp of " + tp + "@" + a.offset())
                        .isEqualTo(a.timestamp());
                assertThat(b.key()).isEqualTo(a.key());
                assertThat(b.value()).isEqualTo(a.value());
                assertThat(b.headers()).isEqualTo(a.headers());
                assertThat(maps.get(tp).translate(a.offset())).isEqualTo(new Translation.Exact(b.offset()));
            }
            assertThat(log(t, tp, IsolationLevel.READ_COMMITTED).records()).isEqualTo(dst);
        }
    }

    // ---- 5 -------------------------------------------------------------------------------------------------------

    @Test
    void oddRecordsAreCopiedByteForByte(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s5-odd";
        createTopic(s, topic, 2, Map.of());
        int count = 0;
        long base = System.currentTimeMillis() - 60_000;
        try (var producer = new KafkaProducer<>(s, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 60; i++) {
                RecordHeaders h = new RecordHeaders();
                switch (i % 6) {
                    case 0 -> {
                        h.add("dup", bytes("1"));
                        h.add("dup", bytes("2"));
                        h.add("dup", new byte[0]);
                    }
                    case 1 -> h.add("null", null);
                    case 2 -> h.add("empty", new byte[0]);
                    case 3 -> {
                        h.add("", bytes("empty-key"));
                        h.add("bin", new byte[] {0, (byte) 0xff, 0, 1});
                    }
                    default -> {}
                }
                byte[] key = i % 5 == 0 ? null : i % 5 == 1 ? new byte[0] : bytes("k" + i);
                byte[] value = i % 4 == 0 ? null : i % 4 == 1 ? new byte[0] : bytes("v" + i);
                producer.send(new ProducerRecord<>(topic, i % 2, i % 3 == 0 ? base : base + i, key, value, h));
                count++;
            }
        }
        LinkSettings settings = settings("s5", topic);
        int all = count;
        runUntil(s, t, settings, e -> e.copied() >= all);
        assertExact(s, t, topic, settings.topics());
        // The empty values and empty header values are empty on the target, not null
        List<LoggedRecord> copied =
                TopicLogs.read(t, topic, IsolationLevel.READ_COMMITTED, TIMEOUT).partitions().values().stream()
                        .flatMap(l -> l.records().stream())
                        .toList();
        assertThat(copied.stream().filter(r -> r.value() != null && r.value().length == 0))
                .isNotEmpty();
        assertThat(copied.stream()
                        .flatMap(r -> r.headers().stream())
                        .filter(h -> h.value() != null && h.value().length == 0))
                .isNotEmpty();
    }

    // ---- 6 -------------------------------------------------------------------------------------------------------

    @Test
    void oldSourceBrokerWithTransactionsAndAbortsIsCopiedExactly(@Cluster("target") EmbeddedCluster target)
            throws Exception {
        try (LegacyCluster legacy = LegacyCluster.start("legacy")) {
            var s = legacy.adminClientProperties();
            var t = target.adminClientProperties();
            String topic = "s6-legacy";
            createTopic(s, topic, 3, Map.of());
            int committed = produceMixed(s, topic, 3, 0, 150);
            LinkSettings settings = settings("s6", topic);
            runUntil(s, t, settings, e -> e.copied() >= committed);
            assertExact(s, t, topic, settings.topics());
            assertThat(TopicLogs.read(t, topic, IsolationLevel.READ_COMMITTED, TIMEOUT)
                            .recordCount())
                    .isEqualTo(committed);
            assertThat(state(t, settings.topics()).identity().orElseThrow().sourceClusterId())
                    .isEqualTo(legacy.clusterId());
        }
    }

    // ---- 7 -------------------------------------------------------------------------------------------------------

    @Test
    void aGroupCommittedMidStreamResumesOnTheTargetWithNothingReplayedOrSkipped(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s7-group";
        String group = "s7-consumers";
        createTopic(s, topic, 3, Map.of());
        int committed = produceMixed(s, topic, 3, 0, 150);
        List<TopicPartition> tps = LinkHarness.partitions(topic, 3);

        // The group reads part of the data on the source and commits
        Map<TopicPartition, List<String>> readOnSource = new HashMap<>();
        Map<TopicPartition, Long> sourceCommitted = new HashMap<>();
        try (var c = consumer(s, group, 40)) {
            c.assign(tps);
            c.seekToBeginning(tps);
            int read = 0;
            while (read < 90) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    readOnSource
                            .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), x -> new ArrayList<>())
                            .add(text(r.value()));
                    read++;
                }
            }
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition tp : tps) {
                long position = c.position(tp);
                positions.put(tp, new OffsetAndMetadata(position));
                sourceCommitted.put(tp, position);
            }
            c.commitSync(positions);
        }
        // More arrives after the commit, then the link copies everything
        int more = produceMixed(s, topic, 3, 150, 90);
        LinkSettings settings = settings("s7", topic);
        runUntil(s, t, settings, e -> e.copied() >= committed + more);
        ReplicationReport report = assertExact(s, t, topic, settings.topics());

        // Translate with the real link's stored maps and sync to the target
        List<GroupSync> synced;
        try (Admin sa = Admin.create(s);
                Admin ta = Admin.create(t)) {
            synced = new GroupOffsets(sa, ta, OffsetMaps.stored(t, settings.topics(), TIMEOUT), TIMEOUT)
                    .sync(List.of(group), SyncOptions.defaults().withWaitTimeout(Duration.ofSeconds(10)));
        }
        assertThat(synced).singleElement().isInstanceOf(GroupSync.Committed.class);
        GroupSync.Committed done = (GroupSync.Committed) synced.get(0);
        for (GroupSync.PartitionChange change : done.changes()) {
            int p = change.partition().partition();
            assertThat(change.committed()).isEqualTo(sourceCommitted.get(change.partition()));
            assertThat(report.resume(p, change.committed(), change.after()).isExact())
                    .as(report.resume(p, change.committed(), change.after()).toString())
                    .isTrue();
        }

        // The group resumes on the target and reads exactly what it had not read on the source
        Map<TopicPartition, List<String>> readOnTarget = new HashMap<>();
        try (var c = consumer(t, group, 500)) {
            c.assign(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("reading the target in time").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    readOnTarget
                            .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), x -> new ArrayList<>())
                            .add(text(r.value()));
                }
            }
        }
        for (TopicPartition tp : tps) {
            List<String> all = log(s, tp, IsolationLevel.READ_COMMITTED).records().stream()
                    .map(r -> text(r.value()))
                    .toList();
            List<String> before = readOnSource.getOrDefault(tp, List.of());
            List<String> after = readOnTarget.getOrDefault(tp, List.of());
            assertThat(before).as("read on the source, " + tp).isEqualTo(all.subList(0, before.size()));
            assertThat(after)
                    .as("read on the target after the move, " + tp)
                    .isEqualTo(all.subList(before.size(), all.size()));
        }
        assertThat(readOnSource.values().stream().mapToInt(List::size).sum()).isBetween(90, committed - 1);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> props, String group, int maxPoll) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPoll);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String text(byte[] value) {
        return value == null ? "<tombstone>" : new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- 8 -------------------------------------------------------------------------------------------------------

    @Test
    void aRecordTooLargeForTheTargetStopsItsPartitionBeforeAnythingIsAborted(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s8-large";
        // max.message.bytes=2000 is copied to the target by the sync rules; the source holds a 5000-byte record in
        // a compressed batch that fits its limit, the link copies uncompressed
        createTopic(s, topic, 3, Map.of("max.message.bytes", "2000"));
        Map<String, Object> props = new HashMap<>(s);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, bytes("k" + i), bytes("small-" + i)))
                        .get();
            }
            producer.send(new ProducerRecord<>(topic, 0, bytes("big"), new byte[5000]))
                    .get(); // offset 5
            for (int i = 6; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, bytes("k" + i), bytes("small-" + i)))
                        .get();
            }
            // the other partitions: many small records, whose batches on the target exceed 2000 bytes together
            for (int i = 0; i < 60; i++) {
                String v = "x".repeat(100) + i;
                producer.send(new ProducerRecord<>(topic, 1 + i % 2, bytes("k" + i), bytes(v)));
            }
            producer.flush();
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        LinkHarness.Errors errors = new LinkHarness.Errors();
        LinkSettings settings = settings("s8", topic);
        runUntil(s, t, settings, errors, e -> e.copied() >= 65 && errors.reasons.containsKey(p0));

        assertThat(errors.reasons).containsOnlyKeys(p0);
        LinkState.PartitionStatus status =
                state(t, settings.topics()).partitions().get(p0);
        assertThat(status.topic()).isEqualTo(topic);
        assertThat(status.partition()).isZero();
        assertThat(status.state()).isEqualTo(PartitionState.ERROR);
        assertThat(status.reason()).contains("source offset 5").contains("5").contains("max.message.bytes 2000");
        assertThat(status.replicatedTo()).isEqualTo(5);
        // p0 holds exactly source offsets 0..4, nothing aborted anywhere
        List<LoggedRecord> src0 = log(s, p0, IsolationLevel.READ_COMMITTED).records();
        List<LoggedRecord> dst0 = log(t, p0, IsolationLevel.READ_COMMITTED).records();
        assertThat(dst0).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(dst0.get(i).sameContent(src0.get(i)))
                    .as("p0 record " + i)
                    .isTrue();
        }
        for (int p = 0; p < 3; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            assertThat(log(t, tp, IsolationLevel.READ_UNCOMMITTED).records())
                    .as("read_uncommitted == read_committed on " + tp)
                    .isEqualTo(log(t, tp, IsolationLevel.READ_COMMITTED).records());
        }
        long s0 = endOffset(s, p0);
        long t0 = endOffset(t, p0);
        assertExact(s, t, topic, settings.topics(), o -> o.from(0, s0, t0));
        assertThat(state(t, settings.topics())
                        .partitions()
                        .get(new TopicPartition(topic, 1))
                        .state())
                .isEqualTo(PartitionState.CAUGHT_UP);
    }

    @Test
    void aRecordUnderTheSizeEstimateButOverTheLimitWithItsHeadersStopsItsPartitionAlone(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s8b-headers";
        createTopic(s, topic, 2, Map.of("max.message.bytes", "2000"));
        Map<String, Object> props = new HashMap<>(s);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, bytes("k0"), bytes("small")))
                    .get();
            // key + value + header keys = 3 + 1700 + 100 bytes: the engine's estimate (+64) is 1867 <= 2000, but
            // uncompressed on the wire (batch header, varints, 3 bytes per header) the batch is about 2070 bytes
            RecordHeaders headers = new RecordHeaders();
            for (int i = 0; i < 100; i++) {
                headers.add("h", new byte[0]);
            }
            producer.send(new ProducerRecord<>(topic, 0, null, bytes("big"), new byte[1700], headers))
                    .get(); // offset 1
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, 1, bytes("k" + i), bytes("v" + i)));
            }
            producer.flush();
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        LinkHarness.Errors errors = new LinkHarness.Errors();
        LinkSettings settings = settings("s8b", topic);
        runUntil(s, t, settings, errors, e -> e.copied() >= 21 && errors.reasons.containsKey(p0));

        assertThat(errors.reasons).containsOnlyKeys(p0);
        LinkState.PartitionStatus status =
                state(t, settings.topics()).partitions().get(p0);
        assertThat(status.state()).isEqualTo(PartitionState.ERROR);
        assertThat(status.reason()).contains("source offset 1").contains("max.message.bytes 2000");
        for (int p = 0; p < 2; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            assertThat(log(t, tp, IsolationLevel.READ_UNCOMMITTED).records())
                    .isEqualTo(log(t, tp, IsolationLevel.READ_COMMITTED).records());
        }
        long s0 = endOffset(s, p0);
        long t0 = endOffset(t, p0);
        assertExact(s, t, topic, settings.topics(), o -> o.from(0, s0, t0));
    }

    // ---- 9 -------------------------------------------------------------------------------------------------------

    @Test
    void aForeignWriteToATargetPartitionStopsThatPartitionAlone(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s9-foreign";
        createTopic(s, topic, 2, Map.of());
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        produce(s, topic, 0, "a", 50);
        produce(s, topic, 1, "b", 50);
        LinkSettings settings = settings("s9", topic);
        runUntil(s, t, settings, e -> e.copied() >= 100);
        assertExact(s, t, topic, settings.topics());

        produce(t, topic, 0, "intruder", 1);
        produce(s, topic, 0, "a2", 20);
        produce(s, topic, 1, "b2", 20);
        LinkHarness.Errors errors = new LinkHarness.Errors();
        runUntil(s, t, settings, errors, e -> e.copied() >= 20 && errors.reasons.containsKey(p0));

        assertThat(errors.reasons).containsOnlyKeys(p0);
        Map<TopicPartition, LinkState.PartitionStatus> statuses =
                state(t, settings.topics()).partitions();
        assertThat(statuses.get(p0).state()).isEqualTo(PartitionState.ERROR);
        assertThat(statuses.get(p0).reason()).contains("something else wrote");
        assertThat(statuses.get(p1).state()).isEqualTo(PartitionState.CAUGHT_UP);
        long s0 = endOffset(s, p0);
        long t0 = endOffset(t, p0);
        assertExact(s, t, topic, settings.topics(), o -> o.from(0, s0, t0));
        // nothing was copied to p0 after the intruder
        List<LoggedRecord> dst0 = log(t, p0, IsolationLevel.READ_UNCOMMITTED).records();
        assertThat(text(dst0.get(dst0.size() - 1).value())).isEqualTo("intruder-0");
    }

    // ---- 10 ------------------------------------------------------------------------------------------------------

    @Test
    void aSourceTopicRecreatedWhileStoppedStopsItsPartitionsAndNamesIt(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s10-recreated";
        String stable = "s10-stable";
        createTopic(s, topic, 2, Map.of());
        createTopic(s, stable, 1, Map.of());
        produce(s, topic, 0, "a", 30);
        produce(s, topic, 1, "b", 30);
        produce(s, stable, 0, "c", 30);
        LinkSettings settings = settings("s10", "s10-.*");
        runUntil(s, t, settings, e -> e.copied() >= 90);
        assertExact(s, t, topic, settings.topics());

        try (Admin admin = Admin.create(s)) {
            admin.deleteTopics(List.of(topic)).all().get();
            await(() -> {
                try {
                    return !admin.listTopics().names().get().contains(topic);
                } catch (Exception e) {
                    return false;
                }
            });
        }
        await(() -> {
            try {
                createTopic(s, topic, 2, Map.of());
                return true;
            } catch (Exception e) {
                return false; // deletion still in progress
            }
        });
        produce(s, topic, 0, "new", 10);
        produce(s, stable, 0, "c2", 10);
        LinkHarness.Errors errors = new LinkHarness.Errors();
        runUntil(s, t, settings, errors, e -> e.copied() >= 10 && errors.reasons.size() >= 2);

        Map<TopicPartition, LinkState.PartitionStatus> statuses =
                state(t, settings.topics()).partitions();
        assertThat(errors.reasons).containsOnlyKeys(LinkHarness.partitions(topic, 2));
        for (TopicPartition tp : LinkHarness.partitions(topic, 2)) {
            assertThat(statuses.get(tp).state()).isEqualTo(PartitionState.ERROR);
            assertThat(statuses.get(tp).reason()).contains(topic).contains("recreated");
        }
        assertThat(statuses.get(new TopicPartition(stable, 0)).state()).isEqualTo(PartitionState.CAUGHT_UP);
        assertExact(s, t, stable, settings.topics());
    }

    // ---- 11 ------------------------------------------------------------------------------------------------------

    @Test
    void theSameLinkNameWithAnotherSourceClusterIsRefused(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "s11-ident";
        createTopic(s, topic, 1, Map.of());
        produce(s, topic, 0, "a", 5);
        LinkSettings settings = settings("s11", topic);
        runUntil(s, t, settings, e -> e.copied() >= 5);

        try (EmbeddedCluster other = EmbeddedCluster.start("other")) {
            try (LinkHandle link = LinkHarness.start(other.adminClientProperties(), t, settings, event -> {})) {
                assertThat(link.awaitEnded(TIMEOUT)).isTrue();
                assertThat(link.state()).isEqualTo(LinkHandle.State.FAILED);
                assertThat(link.failure())
                        .get()
                        .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.reason())
                                .isEqualTo(Reason.CONFIG_INVALID))
                        .extracting(Throwable::getMessage, org.assertj.core.api.InstanceOfAssertFactories.STRING)
                        .contains(source.clusterId(), other.clusterId(), target.clusterId());
            }
        }
        assertThat(state(t, settings.topics()).identity().orElseThrow().sourceClusterId())
                .isEqualTo(source.clusterId());
    }
}
