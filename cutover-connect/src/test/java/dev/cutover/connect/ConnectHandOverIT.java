package dev.cutover.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.config.LinkConfig;
import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Await;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.Discrepancy;
import dev.cutover.testkit.check.ReplicationReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One link, one state: it runs in-process, then on a Connect worker, then in-process again, each resuming exactly
 * where the other stopped, because both write the same statuses and offset map on the target. While the connector
 * runs, an in-process start is refused, naming the connector. Every record is compared at the end under both
 * isolation levels (nothing crashed, so not even read_uncommitted sees a record twice) with every map entry exact.
 */
@ExtendWith(ClustersExtension.class)
class ConnectHandOverIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aLinkMovesBetweenInProcessAndConnectResumingExactlyFromTheSameState(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path dir)
            throws Exception {
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        String topic = "c2-moves";
        Estate.createTopic(s, topic, 4, Map.of());
        LinkConfig link = new LinkConfig(
                "c2",
                Optional.of("c2-.*"),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.of(false),
                Map.of(),
                Optional.of(Duration.ofSeconds(3)),
                Optional.of(Duration.ofSeconds(5)));
        LinkSettings settings = LinkSettings.of(link);
        try (var plain = Estate.plainProducer(s);
                var tx = Estate.transactionalProducer(s, "c2-writer")) {
            Estate.write(plain, tx, topic, 4, 0, 200);

            // 1. In-process, to the source's end, then a clean stop
            try (LinkHandle handle = LinkService.start(s, t, settings, e -> {})) {
                handle.awaitCoverage(ends(s, topic, 4), TIMEOUT);
                handle.stop();
                assertThat(handle.awaitEnded(TIMEOUT)).isTrue();
            }
            Estate.write(plain, tx, topic, 4, 1, 200);

            // 2. On Connect, from where the in-process run stopped
            try (ConnectWorker worker = ConnectWorker.start(dir, "w1", target.bootstrapServers(), "c2-connect")) {
                Map<String, String> config = ConnectorConfig.of(
                        link,
                        Map.of("bootstrap.servers", source.bootstrapServers()),
                        Map.of("bootstrap.servers", target.bootstrapServers()),
                        2);
                var created = worker.put("/connectors/c2/config", config);
                assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
                awaitCovered(s, t, topic, 4);

                // While the connector runs, the link does not start in-process: its tasks hold the lease
                try (LinkHandle refused = LinkService.start(s, t, settings, e -> {})) {
                    assertThat(refused.awaitEnded(TIMEOUT)).isTrue();
                    assertThat(refused.failure())
                            .hasValueSatisfying(f -> assertThat(f).hasMessageContaining("runs on Kafka Connect"));
                }
                Estate.write(plain, tx, topic, 4, 2, 200);
                awaitCovered(s, t, topic, 4);
                assertThat(worker.delete("/connectors/c2").statusCode()).isIn(200, 204);
                Await.until("the connector to be gone", TIMEOUT, () -> {
                    JsonNode status = worker.status("c2");
                    return status == null;
                });
            }
            Estate.write(plain, tx, topic, 4, 3, 200);

            // 3. In-process again, from where the connector stopped (after its tasks' lease expired)
            try (LinkHandle handle = LinkService.start(s, t, settings, e -> {})) {
                handle.awaitCoverage(ends(s, topic, 4), TIMEOUT);
                handle.stop();
                assertThat(handle.awaitEnded(TIMEOUT)).isTrue();
            }
        }
        ReplicationReport report = ConnectLinkIT.check(s, t, topic, LinkTopics.named("c2"));
        for (Discrepancy.Kind kind : Discrepancy.Kind.values()) {
            assertThat(report.count(IsolationLevel.READ_UNCOMMITTED, kind))
                    .as(kind + " under read_uncommitted: " + report)
                    .isZero();
        }
        assertThat(LinkState.read(t, LinkTopics.named("c2"), TIMEOUT).stopped()).isPresent();
    }

    private static Map<TopicPartition, Long> ends(Map<String, Object> s, String topic, int partitions) {
        Map<String, Object> c = new HashMap<>(s);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = java.util.stream.IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            return consumer.endOffsets(tps, Duration.ofSeconds(30));
        }
    }

    /** The link's stored map covers each partition up to the source's end (its last stable offset). */
    private static void awaitCovered(Map<String, Object> s, Map<String, Object> t, String topic, int partitions)
            throws Exception {
        Map<TopicPartition, Long> ends = ends(s, topic, partitions);
        Await.until(topic + " covered to " + ends, TIMEOUT, () -> {
            var maps = OffsetMapStore.load(t, LinkTopics.named("c2"), Duration.ofSeconds(30))
                    .maps();
            return ends.entrySet().stream()
                    .allMatch(e ->
                            maps.containsKey(e.getKey()) && maps.get(e.getKey()).coveredTo() >= e.getValue());
        });
    }
}
