package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover offsets sync --direction reverse} against two real clusters: a group moved to the target, having read
 * further there, goes back to the source exactly where its first unread record is; the evidence is filed as rollback
 * evidence beside (not over) the forward sync's. Topic layout: {@link LinkedTopic}.
 */
@ExtendWith(ClustersExtension.class)
class OffsetsReverseSyncIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path ws;

    @Test
    void aGroupMovedForwardThenBackResumesOnTheSourceAtItsFirstUnreadRecord(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a group stopped on the source and synced to the target
        TwoClusterWorkspace.write(ws, source, target);
        LinkedTopic.create(source, target, "rv-orders");
        try (Admin src = source.admin();
                Admin tgt = target.admin()) {
            LinkedTopic.commit(src, "rv-app", "rv-orders", Map.of(0, 5L, 1, 10L, 2, 23L));
            Cli.Result forward = Cli.run("offsets", "sync", "--workspace", ws.toString(), "--group", "rv-app");
            assertThat(forward.exitCode()).as(forward.all()).isZero();
            assertThat(LinkedTopic.committed(tgt, "rv-app")).containsEntry(tp(2), 18L);

            // And it consumed further on the target: partition 0 through target 11 (source a5-a9, c0-c1), partition 1
            // nothing, partition 2 everything
            LinkedTopic.commit(tgt, "rv-app", "rv-orders", Map.of(0, 12L, 1, 10L, 2, 18L));

            // When it is synced back
            Cli.Result reverse = Cli.run(
                    "offsets",
                    "sync",
                    "--workspace",
                    ws.toString(),
                    "--group",
                    "rv-app",
                    "--direction",
                    "reverse",
                    "--output",
                    "json");

            // Then the source group is committed at the source offset of each first unread record (on partition 1
            // past the aborted transaction and its marker, which a read_committed consumer never sees; on partition 2
            // at the end)
            assertThat(reverse.exitCode()).as(reverse.all()).isZero();
            JsonNode doc = JSON.readTree(reverse.out());
            assertThat(doc.path("direction").asText()).isEqualTo("reverse");
            assertThat(doc.path("from").asText()).isEqualTo("target");
            assertThat(doc.path("to").asText()).isEqualTo("source");
            assertThat(doc.at("/groups/0/status").asText()).isEqualTo("committed");
            assertThat(doc.at("/groups/0/message").asText()).isEqualTo("committed on the source");
            Map<TopicPartition, Long> back = LinkedTopic.committed(src, "rv-app");
            assertThat(back).containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 16L, tp(1), 14L, tp(2), 23L));
            assertThat(LinkedTopic.committed(tgt, "rv-app"))
                    .as("the target, read from, is not written")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(tp(0), 12L, tp(1), 10L, tp(2), 18L));

            // And a consumer of the group on the source reads first exactly the record it had not read on the target
            assertThat(firstRecords(source, back)).containsExactly("rv-orders-0-c2", "rv-orders-1-c0");
            assertThat(firstRecords(target, Map.of(tp(0), 12L, tp(1), 10L)))
                    .containsExactly("rv-orders-0-c2", "rv-orders-1-c0");

            // And the evidence: the reverse sync in area rollback, the forward one still counting in area offsets
            Cli.Result list = Cli.run("evidence", "list", "--workspace", ws.toString(), "--output", "json");
            assertThat(list.exitCode()).as(list.all()).isZero();
            JsonNode records = JSON.readTree(list.out()).path("records");
            List<String> counted = new ArrayList<>();
            for (JsonNode r : records) {
                JsonNode e = r.path("evidence");
                assertThat(r.path("counts").asBoolean()).as(r.toString()).isTrue();
                counted.add(e.path("area").asText() + " " + e.path("kind").asText() + " "
                        + e.at("/details/direction").asText() + " "
                        + e.path("producedBy").asText());
            }
            assertThat(counted)
                    .containsExactlyInAnyOrder(
                            "offsets offsets-sync forward cutover offsets sync",
                            "rollback offsets-sync reverse cutover offsets sync --direction reverse");
        }
    }

    @Test
    void aReverseSyncRefusesToRewindTheSourceGroupOrToMoveAGroupStillActiveOnTheTarget(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a group further along on the source than its target offsets translate to, and a group whose
        // consumer still runs on the target
        TwoClusterWorkspace.write(ws, source, target);
        LinkedTopic.create(source, target, "rv-refused");
        try (Admin src = source.admin();
                Admin tgt = target.admin()) {
            LinkedTopic.commit(src, "rv-ahead", "rv-refused", Map.of(0, 20L));
            LinkedTopic.commit(tgt, "rv-ahead", "rv-refused", Map.of(0, 5L));
            LinkedTopic.commit(tgt, "rv-live", "rv-refused", Map.of(0, 3L));
            Map<String, Object> c = new HashMap<>(target.adminClientProperties());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "rv-live");
            c.put(ConsumerConfig.CLIENT_ID_CONFIG, "live-on-target-3");
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            try (var member = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                member.subscribe(List.of("rv-refused"));
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (member.assignment().isEmpty()) {
                    assertThat(System.nanoTime()).as("the member joins").isLessThan(deadline);
                    member.poll(Duration.ofMillis(100));
                }

                // When both are synced back
                Cli.Result r = Cli.run(
                        "offsets",
                        "sync",
                        "--workspace",
                        ws.toString(),
                        "--group",
                        "rv-ahead",
                        "rv-live",
                        "--direction",
                        "reverse");

                // Then both are refused, saying why with the clusters the right way round, and nothing is written
                assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
                assertThat(r.out())
                        .contains("# Offset sync: target → source")
                        .contains("| `rv-ahead` | refused (`WOULD_REWIND`) |")
                        .contains("source has 20, translation is 5 (15 back)")
                        .contains("| `rv-live` | refused (`ACTIVE_ON_SOURCE`) |")
                        .contains("on the target with 1 member(s)")
                        .contains("client live-on-target-3")
                        .contains("stop the group's consumers on the target");
                assertThat(LinkedTopic.committed(src, "rv-ahead")).containsEntry(tp(0, "rv-refused"), 20L);
                assertThat(LinkedTopic.committed(src, "rv-live")).isEmpty();
            }
        }

        // And each refusal is a failed rollback record, never an offsets one
        try (var files = Files.list(ws.resolve("evidence"))) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names)
                    .hasSize(2)
                    .allSatisfy(n -> assertThat(n).contains("-rollback-rv-").contains("-offsets-sync-"));
            for (String n : names) {
                JsonNode e = JSON.readTree(ws.resolve("evidence").resolve(n).toFile());
                assertThat(e.path("result").asText()).isEqualTo("fail");
                assertThat(e.at("/details/direction").asText()).isEqualTo("reverse");
            }
        }
    }

    private static TopicPartition tp(int partition) {
        return tp(partition, "rv-orders");
    }

    private static TopicPartition tp(int partition, String topic) {
        return new TopicPartition(topic, partition);
    }

    /** The value of the first record a read_committed consumer reads from each position, by partition. */
    private static List<String> firstRecords(EmbeddedCluster cluster, Map<TopicPartition, Long> positions) {
        Map<String, Object> c = new HashMap<>(cluster.adminClientProperties());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            for (TopicPartition tp : positions.keySet().stream()
                    .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                    .toList()) {
                if (positions.get(tp)
                        >= consumer.endOffsets(List.of(tp), TIMEOUT).get(tp)) {
                    continue;
                }
                consumer.assign(List.of(tp));
                consumer.seek(tp, positions.get(tp));
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                List<ConsumerRecord<String, String>> got = List.of();
                while (got.isEmpty()) {
                    assertThat(System.nanoTime()).as("a record at " + tp).isLessThan(deadline);
                    got = consumer.poll(Duration.ofMillis(200)).records(tp);
                }
                out.add(got.get(0).value());
            }
        }
        return out;
    }
}
