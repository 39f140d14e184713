package dev.cutover.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.config.LinkConfig;
import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.engine.HostedCopy;
import dev.cutover.link.groups.GroupOffsets;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.OffsetMaps;
import dev.cutover.link.groups.SyncOptions;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.offsets.Translation;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Await;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.CheckOptions;
import dev.cutover.testkit.check.Discrepancy;
import dev.cutover.testkit.check.PartitionLog;
import dev.cutover.testkit.check.ReplicationAssert;
import dev.cutover.testkit.check.ReplicationCheck;
import dev.cutover.testkit.check.ReplicationReport;
import dev.cutover.testkit.check.TopicLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link on real Kafka Connect workers (distributed mode, each in its own JVM, exactly-once source support on): an
 * awkward estate — aborted source transactions, duplicate and null headers, null keys, tombstones, equal records side
 * by side, a compacted topic the cleaner has worked on, a partition whose head was deleted — copied by three tasks on
 * two workers while a writer keeps going; one worker is killed (SIGKILL) mid-run and another joins, and a task is
 * restarted. Every record is then compared: under read_committed nothing lost, duplicated, reordered or altered, and
 * every offset-map entry exact; a group committed half-way on the source resumes on the target with 0 records replayed
 * and 0 skipped. What read_uncommitted consumers see of the transactions Connect aborted is counted and printed.
 */
@ExtendWith(ClustersExtension.class)
class ConnectLinkIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aLinkOnConnectWorkersKeepsEveryRecordOnceThroughAWorkerLossAJoinAndATaskRestart(
            @Cluster("target") EmbeddedCluster target, @TempDir Path dir) throws Exception {
        try (EmbeddedCluster source = EmbeddedCluster.start(EmbeddedCluster.Options.named("connect-source")
                .brokerConfig(Map.of("log.cleaner.backoff.ms", "100", "log.retention.check.interval.ms", "500")))) {
            var s = source.adminClientProperties();
            var t = target.adminClientProperties();
            String orders = "c1-orders";
            String accounts = "c1-accounts";
            String events = "c1-events";
            String late = "c1-late";
            Estate.createTopic(s, orders, 6, Map.of());
            Estate.createTopic(
                    s,
                    accounts,
                    2,
                    Map.of(
                            "cleanup.policy", "compact",
                            "segment.ms", "100",
                            "min.cleanable.dirty.ratio", "0.01",
                            "min.compaction.lag.ms", "0",
                            "delete.retention.ms", "3600000"));
            Estate.createTopic(s, events, 3, Map.of());
            writeCompacted(s, accounts);
            try (var plain = Estate.plainProducer(s);
                    var tx = Estate.transactionalProducer(s, "c1-initial")) {
                for (int round = 0; round < 4; round++) {
                    Estate.write(plain, tx, orders, 6, round, 150);
                    Estate.write(plain, tx, events, 3, round, 60);
                }
            }
            // The head of one partition is gone before the link starts (retention or deleteRecords)
            try (Admin admin = Admin.create(s)) {
                admin.deleteRecords(Map.of(new TopicPartition(events, 0), RecordsToDelete.beforeOffset(40)))
                        .all()
                        .get();
            }

            LinkConfig link = new LinkConfig(
                    "c1",
                    Optional.of("c1-.*"),
                    Optional.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    Optional.of(false),
                    Map.of(),
                    Optional.of(Duration.ofSeconds(3)),
                    Optional.of(Duration.ofSeconds(5)));
            Map<String, String> config = ConnectorConfig.of(
                    link,
                    Map.of("bootstrap.servers", source.bootstrapServers()),
                    Map.of("bootstrap.servers", target.bootstrapServers()),
                    3);
            ConnectWorker w1 = ConnectWorker.start(dir, "w1", target.bootstrapServers(), "c1-connect");
            ConnectWorker w2 = ConnectWorker.start(dir, "w2", target.bootstrapServers(), "c1-connect");
            ConnectWorker w3 = null;
            try (Estate.Writer writer = new Estate.Writer(s, orders, 6)) {
                var created = w2.put("/connectors/c1/config", config);
                assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
                awaitRunning(w2, "c1", 3);
                LinkTopics topics = LinkTopics.named("c1");
                Await.until("the tasks to copy 2,000 records", TIMEOUT, () -> copied(t, topics) >= 2_000);

                // A worker is lost abruptly, with a transaction of its tasks open when it can be caught so; another
                // joins
                killWithATransactionOpen(w1, w2, t, "c1-connect-c1-");
                w3 = ConnectWorker.start(dir, "w3", target.bootstrapServers(), "c1-connect");
                awaitRunningOn(w2, "c1", 3, List.of(w2, w3));
                long before = copied(t, topics);
                Await.until("the tasks to go on copying", TIMEOUT, () -> copied(t, topics) >= before + 1_000);

                // A task restarted through the REST API
                assertThat(w3.post("/connectors/c1/tasks/1/restart").statusCode())
                        .isIn(200, 202, 204);
                awaitRunningOn(w2, "c1", 3, List.of(w2, w3));
                long after = copied(t, topics);
                Await.until("the tasks to go on after the restart", TIMEOUT, () -> copied(t, topics) >= after + 500);
                System.out.println("the writer wrote " + writer.committed() + " committed record(s) during the run");

                // The connector follows the source: a new matching topic and a partition added to a linked one are
                // synced once and shared out to the tasks anew (a new task generation, which Connect fences)
                Estate.createTopic(s, late, 2, Map.of());
                try (Admin admin = Admin.create(s)) {
                    admin.createPartitions(Map.of(events, NewPartitions.increaseTo(4)))
                            .all()
                            .get();
                }
                try (var plain = Estate.plainProducer(s);
                        var tx = Estate.transactionalProducer(s, "c1-late")) {
                    Estate.write(plain, tx, late, 2, 0, 100);
                    Estate.write(plain, tx, events, 4, 9, 80);
                }
            }
            // The writer stopped: the link catches up with every partition
            for (String topic : List.of(orders, accounts, events, late)) {
                awaitCaughtUp(s, t, LinkTopics.named("c1"), topic);
            }
            LinkState.Snapshot state = LinkState.read(t, LinkTopics.named("c1"), TIMEOUT);
            assertThat(state.lease()).hasValueSatisfying(lease -> assertThat(lease.instance())
                    .startsWith(HostedCopy.CONNECT_INSTANCE + "c1/"));
            assertThat(state.unlinkedTopics()).isEmpty();

            long abortedCopiesSeen = 0;
            for (String topic : List.of(orders, accounts, events, late)) {
                ReplicationReport report = check(s, t, topic, LinkTopics.named("c1"));
                abortedCopiesSeen += report.count(IsolationLevel.READ_UNCOMMITTED, Discrepancy.Kind.DUPLICATED)
                        + report.count(IsolationLevel.READ_UNCOMMITTED, Discrepancy.Kind.PHANTOM);
            }
            System.out.println("read_uncommitted on the target after a worker loss and a task restart: "
                    + abortedCopiesSeen + " record(s) of transactions Connect aborted (duplicates or phantoms);"
                    + " read_committed: none");

            groupResumesExactly(s, t, orders);
            w2.close();
            if (w3 != null) {
                w3.close();
            }
        }
    }

    /**
     * A compacted topic with tombstones, once the cleaner has removed records from it; then its cleaning stops (a long
     * min.compaction.lag.ms, which the link's topic sync carries to the target), so that both logs stay as compared.
     */
    private static void writeCompacted(Map<String, Object> s, String topic) throws Exception {
        try (var producer = Estate.plainProducer(s)) {
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 20; i++) {
                    int k = (round * 7 + i) % 10;
                    byte[] value = (round + i) % 6 == 0 ? null : Estate.bytes("v" + round + "-" + i);
                    producer.send(new ProducerRecord<>(topic, i % 2, Estate.bytes("key" + k), value));
                }
                producer.flush();
            }
            // Each append after segment.ms (100 ms) rolls a segment, which the cleaner may then compact
            Await.until("the cleaner to compact " + topic, Duration.ofSeconds(60), () -> {
                for (int p = 0; p < 2; p++) {
                    producer.send(new ProducerRecord<>(topic, p, Estate.bytes("tick"), Estate.bytes("t")))
                            .get();
                }
                PartitionLog l = PartitionLog.read(
                        s, new TopicPartition(topic, 0), IsolationLevel.READ_UNCOMMITTED, Duration.ofSeconds(30));
                return l.size() < l.endOffset() - l.startOffset() - 20;
            });
        }
        try (Admin admin = Admin.create(s)) {
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, topic),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("min.compaction.lag.ms", "3600000"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
    }

    private static long endOffset(Map<String, Object> props, TopicPartition tp, IsolationLevel level) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, level.toString());
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
        }
    }

    /**
     * Kills {@code victim} (SIGKILL) as soon as the target shows a transaction of one of its tasks open (their
     * transactional ids are {@code <group>-<connector>-<task>}), or after 10 s of looking; says which.
     */
    private static void killWithATransactionOpen(
            ConnectWorker victim, ConnectWorker asked, Map<String, Object> t, String idPrefix) throws Exception {
        String where = "127.0.0.1:" + victim.port;
        boolean open = false;
        try (Admin admin = Admin.create(t)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!open && System.nanoTime() < deadline) {
                JsonNode status = asked.status("c1");
                List<String> mine = new ArrayList<>();
                for (JsonNode task : status.path("tasks")) {
                    if (task.path("worker_id").asText().equals(where)) {
                        mine.add(idPrefix + task.path("id").asInt());
                    }
                }
                var listing = admin.listTransactions(new org.apache.kafka.clients.admin.ListTransactionsOptions()
                                .filterStates(List.of(org.apache.kafka.clients.admin.TransactionState.ONGOING)))
                        .all()
                        .get();
                open = listing.stream().anyMatch(l -> mine.contains(l.transactionalId()));
            }
        }
        victim.kill();
        System.out.println("worker " + victim.name + " killed "
                + (open ? "while a transaction of its tasks was open" : "(no open transaction of its tasks seen)"));
    }

    /** Records the link's stored statuses say are copied, over all partitions. */
    private static long copied(Map<String, Object> t, LinkTopics topics) {
        return LinkState.read(t, topics, Duration.ofSeconds(30)).partitions().values().stream()
                .mapToLong(LinkState.PartitionStatus::replicatedTo)
                .sum();
    }

    private static void awaitCaughtUp(Map<String, Object> s, Map<String, Object> t, LinkTopics topics, String topic)
            throws Exception {
        Await.until(topic + " copied to the source's end", TIMEOUT, () -> {
            var statuses = LinkState.read(t, topics, Duration.ofSeconds(30)).partitions();
            var maps = OffsetMapStore.load(t, topics, Duration.ofSeconds(30)).maps();
            for (int p = 0; p < partitionCount(s, topic); p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                long end = endOffset(s, tp, IsolationLevel.READ_COMMITTED);
                var status = statuses.get(tp);
                PartitionOffsetMap map = maps.get(tp);
                if (status == null || status.replicatedTo() < end || map == null || map.coveredTo() < end) {
                    return false;
                }
            }
            return true;
        });
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

    /**
     * Every record compared: clean under read_committed with every map entry exact; under read_uncommitted only copies
     * that Connect aborted may show (duplicates or phantoms), never a lost, reordered or altered record.
     */
    static ReplicationReport check(Map<String, Object> s, Map<String, Object> t, String topic, LinkTopics topics) {
        Map<TopicPartition, PartitionOffsetMap> maps =
                OffsetMapStore.load(t, topics, TIMEOUT).maps();
        CheckOptions options = CheckOptions.defaults().offsetMapping((tp, offset) -> {
            PartitionOffsetMap map = maps.get(tp);
            return map != null && map.translate(offset) instanceof Translation.Exact e
                    ? OptionalLong.of(e.offset())
                    : OptionalLong.empty();
        });
        ReplicationReport report = ReplicationCheck.compare(
                TopicLogs.read(s, topic, IsolationLevel.READ_COMMITTED, TIMEOUT),
                TopicLogs.read(t, topic, IsolationLevel.READ_COMMITTED, TIMEOUT),
                TopicLogs.read(t, topic, IsolationLevel.READ_UNCOMMITTED, TIMEOUT),
                options);
        ReplicationAssert.assertThat(report).isCleanUnder(IsolationLevel.READ_COMMITTED);
        assertThat(report.offsetMapMismatches()).as(report.toString()).isZero();
        for (Discrepancy.Kind kind :
                List.of(Discrepancy.Kind.LOST, Discrepancy.Kind.REORDERED, Discrepancy.Kind.ALTERED)) {
            assertThat(report.count(IsolationLevel.READ_UNCOMMITTED, kind))
                    .as(kind + " under read_uncommitted: " + report)
                    .isZero();
        }
        return report;
    }

    /** A group committed half-way on the source, synced by the stored maps: it resumes on the target exactly. */
    private static void groupResumesExactly(Map<String, Object> s, Map<String, Object> t, String topic)
            throws Exception {
        String group = "c1-readers";
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        for (int p = 0; p < 6; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            committed.put(tp, new OffsetAndMetadata(endOffset(s, tp, IsolationLevel.READ_COMMITTED) / 2));
        }
        try (Admin admin = Admin.create(s)) {
            admin.alterConsumerGroupOffsets(group, committed).all().get();
        }
        LinkTopics topics = LinkTopics.named("c1");
        ReplicationReport report = check(s, t, topic, topics);
        List<GroupSync> synced;
        try (Admin sa = Admin.create(s);
                Admin ta = Admin.create(t)) {
            synced = new GroupOffsets(sa, ta, OffsetMaps.stored(t, topics, TIMEOUT), TIMEOUT)
                    .sync(List.of(group), SyncOptions.defaults().withWaitTimeout(Duration.ofSeconds(10)));
        }
        assertThat(synced).singleElement().isInstanceOf(GroupSync.Committed.class);
        List<String> inexact = new ArrayList<>();
        for (GroupSync.PartitionChange change : ((GroupSync.Committed) synced.get(0)).changes()) {
            var resume = report.resume(change.partition().partition(), change.committed(), change.after());
            if (!resume.isExact()) {
                inexact.add(resume.toString());
            }
        }
        assertThat(inexact).as("partitions that would replay or skip records").isEmpty();
    }

    private static void awaitRunning(ConnectWorker worker, String connector, int tasks) throws Exception {
        awaitRunningOn(worker, connector, tasks, List.of());
    }

    /** The connector and its tasks RUNNING (on these workers, when given); a FAILED task fails the test at once. */
    private static void awaitRunningOn(ConnectWorker worker, String connector, int tasks, List<ConnectWorker> on)
            throws Exception {
        List<String> urls = on.stream().map(w -> "127.0.0.1:" + w.port).toList();
        Await.until(
                connector + " and " + tasks + " task(s) running" + (on.isEmpty() ? "" : " on " + urls), TIMEOUT, () -> {
                    JsonNode status = worker.status(connector);
                    if (status == null) {
                        return false;
                    }
                    for (JsonNode task : status.path("tasks")) {
                        if (task.path("state").asText().equals("FAILED")) {
                            throw new IllegalStateException(
                                    "task " + task.path("id").asInt() + " failed: "
                                            + task.path("trace").asText());
                        }
                    }
                    if (status.path("connector").path("state").asText().equals("FAILED")) {
                        throw new IllegalStateException("connector failed: "
                                + status.path("connector").path("trace").asText());
                    }
                    boolean running =
                            status.path("connector").path("state").asText().equals("RUNNING")
                                    && status.path("tasks").size() == tasks;
                    for (JsonNode task : status.path("tasks")) {
                        running &= task.path("state").asText().equals("RUNNING")
                                && (urls.isEmpty()
                                        || urls.contains(task.path("worker_id").asText()));
                    }
                    return running;
                });
    }
}
