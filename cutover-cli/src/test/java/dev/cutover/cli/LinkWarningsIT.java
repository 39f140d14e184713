package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.link.engine.LinkEvent;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.engine.RestartPolicy;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compacted topic whose link lags beyond its {@code delete.retention.ms} is flagged — tombstones may have been removed
 * on the source before the link copied them — in the link's status, for good, and {@code link status} shows it without
 * failing. A compacted topic with a longer {@code delete.retention.ms} and a delete-policy topic, equally behind, are
 * not flagged.
 */
@ExtendWith(ClustersExtension.class)
class LinkWarningsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int RECORDS = 60;

    @TempDir
    Path dir;

    @Test
    void aCompactedTopicLaggingBeyondDeleteRetentionIsFlaggedInLinkStatus(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given three topics holding the same five-minute-old records: compacted with a 10 s delete.retention.ms,
        // compacted with a day, and delete-policy
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(
                            new NewTopic("warn-kv-short", 1, (short) 1)
                                    .configs(Map.of("cleanup.policy", "compact", "delete.retention.ms", "10000")),
                            new NewTopic("warn-kv-long", 1, (short) 1)
                                    .configs(Map.of("cleanup.policy", "compact", "delete.retention.ms", "86400000")),
                            new NewTopic("warn-events", 1, (short) 1)))
                    .all()
                    .get();
        }
        long fiveMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(5).toMillis();
        for (String topic : List.of("warn-kv-short", "warn-kv-long", "warn-events")) {
            produce(s, topic, fiveMinutesAgo);
        }

        // When a link throttled to 60 KB/s copies them (180 KB: a few seconds behind, in transactions of ~16 KB)
        LinkSettings settings = LinkSettings.defaults("warn")
                .include("warn-.*")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500))
                .maxBytesPerSecond(60_000);
        Map<TopicPartition, String> warnings = new ConcurrentHashMap<>();
        Consumer<LinkEvent> listener = event -> {
            if (event instanceof LinkEvent.PartitionWarning w) {
                warnings.put(w.partition(), w.warning());
            }
        };
        run(s, t, settings, listener, e -> e.copied() >= 3 * RECORDS);

        // Then only the short-retention compacted partition is flagged, saying why and what it means
        TopicPartition shortKv = new TopicPartition("warn-kv-short", 0);
        assertThat(warnings).containsOnlyKeys(shortKv);
        LinkState.Snapshot state = LinkState.read(t, settings.topics(), TIMEOUT);
        assertThat(state.partitions()).hasSize(3);
        state.partitions().forEach((tp, status) -> {
            assertThat(status.state()).as(tp.toString()).isEqualTo(PartitionState.CAUGHT_UP);
            assertThat(status.warning()).as(tp.toString()).isEqualTo(tp.equals(shortKv) ? warnings.get(tp) : null);
        });
        assertThat(warnings.get(shortKv))
                .contains("delete.retention.ms (10000 ms)")
                .contains("tombstones")
                .contains("keys the source deleted");

        // And the flag stays after a restart that finds nothing to copy
        warnings.clear();
        run(s, t, settings, listener, e -> true);
        assertThat(LinkState.read(t, settings.topics(), TIMEOUT)
                        .partitions()
                        .get(shortKv)
                        .warning())
                .contains("delete.retention.ms (10000 ms)");

        // And `link status` shows it, in both formats, and exits 0 (a warning is not an error)
        Path ws = workspace(source, target);
        Cli.Result md = Cli.run("link", "status", "--workspace", ws.toString(), "--name", "warn");
        assertThat(md.exitCode()).as(md.all()).isZero();
        assertThat(md.out())
                .containsPattern(
                        "\\| `warn-kv-short` \\| 0 \\| caught-up \\|.*\\| warning: compacted topic lagged up to"
                                + " \\d+ ms behind the source")
                .containsPattern("\\| `warn-kv-long` \\| 0 \\| caught-up \\|( [^|]* \\|){4}   \\|")
                .containsPattern("\\| `warn-events` \\| 0 \\| caught-up \\|( [^|]* \\|){4}   \\|");
        Cli.Result json = Cli.run("link", "status", "--workspace", ws.toString(), "--name", "warn", "--output", "json");
        assertThat(json.exitCode()).as(json.all()).isZero();
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.path("version").asInt()).isEqualTo(1);
        assertThat(doc.path("running").asBoolean()).isFalse();
        assertThat(doc.at("/identity/sourceClusterId").asText()).isEqualTo(source.clusterId());
        JsonNode partitions = doc.path("partitions");
        assertThat(partitions).hasSize(3);
        assertThat(partitions.get(0).path("topic").asText()).isEqualTo("warn-events");
        assertThat(partitions.get(0).path("warning").isNull()).isTrue();
        assertThat(partitions.get(1).path("topic").asText()).isEqualTo("warn-kv-long");
        assertThat(partitions.get(1).path("warning").isNull()).isTrue();
        assertThat(partitions.get(2).path("topic").asText()).isEqualTo("warn-kv-short");
        assertThat(partitions.get(2).path("state").asText()).isEqualTo("caught-up");
        assertThat(partitions.get(2).path("warning").asText()).contains("delete.retention.ms (10000 ms)");
        assertThat(doc.path("openSourceTransactions")).isEmpty();
        assertThat(md.out()).contains("## Source transactions open on linked partitions", "None:");

        // And a transaction left open on a linked partition of the source is reported, in both formats, until it ends
        Map<String, Object> txProps = new HashMap<>(s);
        txProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "warn-open-tx");
        try (var producer = new KafkaProducer<>(txProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("warn-events", 0, null, new byte[10]))
                    .get();
            Cli.Result withOpen = Cli.run("link", "status", "--workspace", ws.toString(), "--name", "warn");
            assertThat(withOpen.exitCode()).as(withOpen.all()).isZero();
            assertThat(withOpen.out())
                    .containsPattern("\\| `warn-open-tx` \\| [^|]+ \\| \\d+ s \\| `warn-events-0` \\|");
            JsonNode open = JSON.readTree(Cli.run(
                                    "link",
                                    "status",
                                    "--workspace",
                                    ws.toString(),
                                    "--name",
                                    "warn",
                                    "--output",
                                    "json")
                            .out())
                    .path("openSourceTransactions");
            assertThat(open).hasSize(1);
            assertThat(open.get(0).path("transactionalId").asText()).isEqualTo("warn-open-tx");
            assertThat(open.get(0).path("partitions").get(0).asText()).isEqualTo("warn-events-0");
            producer.abortTransaction();
        }
    }

    /** Runs the link until {@code done} and a checkpoint finds it caught up, then stops it cleanly. */
    private static void run(
            Map<String, Object> s,
            Map<String, Object> t,
            LinkSettings settings,
            Consumer<LinkEvent> listener,
            Predicate<LinkHandle> done)
            throws Exception {
        java.util.concurrent.CountDownLatch caughtUp = new java.util.concurrent.CountDownLatch(1);
        try (LinkHandle link = LinkService.start(
                s,
                t,
                settings,
                event -> {
                    listener.accept(event);
                    if (event instanceof LinkEvent.CaughtUp) {
                        caughtUp.countDown();
                    }
                },
                (props, id, timeout) -> "no takeover in this test",
                RestartPolicy.never())) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(done.test(link) && caughtUp.getCount() == 0)
                    && link.failure().isEmpty()
                    && System.nanoTime() < deadline) {
                caughtUp.await(100, TimeUnit.MILLISECONDS);
            }
            assertThat(link.failure()).as("link failure").isEmpty();
            assertThat(done.test(link)).as("copied in time").isTrue();
            assertThat(caughtUp.getCount()).as("caught up in time").isZero();
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).isTrue();
            assertThat(link.failure()).as("link failure").isEmpty();
        }
    }

    /** {@value #RECORDS} records of 1000 bytes with distinct keys, each in its own batch, stamped {@code ts}. */
    private static void produce(Map<String, Object> clientProps, String topic, long ts) throws Exception {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(
                                topic, 0, ts + i, ("key-" + i).getBytes(StandardCharsets.UTF_8), new byte[1000]))
                        .get();
            }
        }
    }

    private Path workspace(EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        return TwoClusterWorkspace.write(dir, source, target);
    }
}
