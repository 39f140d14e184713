package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
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
 * {@code cutover probe} on real brokers (open clusters): a workload whose target topics fit passes every check and
 * writes protocol and topics evidence; a target topic whose max.message.bytes is smaller than the largest record on the
 * source fails, naming the limit. Either way the probe topics are gone afterwards and the real topics, on both sides,
 * hold exactly what they held before.
 */
@ExtendWith(ClustersExtension.class)
class ProbeIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWorkloadWhoseTargetTopicsFitPassesEveryCheckAndWritesEvidence(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a compacted topic with a 200 KB record on the source, the same topic (empty) on the target
        createTopic(source, "orders", Map.of("cleanup.policy", "compact", "max.message.bytes", "1048588"));
        createTopic(target, "orders", Map.of("cleanup.policy", "compact", "max.message.bytes", "1048588"));
        produce(source, "orders", 200_000);
        workspace(source, target, "orders-app", "orders", "roles: [producer, consumer]", "{groupId: orders-app}");
        Map<String, Long> sourceBefore = endOffsets(source, "orders");

        // When
        Cli.Result r = Cli.run("probe", "--workspace", dir.toString(), "--workload", "orders-app", "--output", "json");

        // Then every check passes (the leader move is not exercised on one broker, and says so) but the
        // observability ones: no jmx: URL, no offsets of the group on the target, no link
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        onlyObservabilityDidNotPass(report);
        // (stdout held the JSON alone; the probe's progress went to stderr, its four steps all done)
        assertThat(r.err()).contains("probe orders-app: done, 4 steps in ");
        assertThat(status(report, "observability: target broker metrics readable"))
                .isEqualTo("unknown");
        assertThat(report.get("targetClusterId").asText()).isEqualTo(target.clusterId());
        assertThat(report.get("clientVersion").asText()).isNotBlank();
        assertThat(status(report, "topic orders: largest record (200100 bytes)"))
                .isEqualTo("pass");
        assertThat(check(report, "topic orders: largest record").get("details").asText())
                .contains("the largest record in the source's tail sample");
        assertThat(status(report, "topic orders: shaped records (zstd)")).isEqualTo("pass");
        assertThat(check(report, "topic orders: shaped records (zstd)")
                        .get("details")
                        .asText())
                .contains("no null key: the topic is compacted", "cleanup.policy=compact");
        assertThat(status(report, "producer: idempotent writes")).isEqualTo("pass");
        assertThat(status(report, "producer: transactions (read_committed)")).isEqualTo("pass");
        assertThat(check(report, "producer: retries across a leader move")
                        .get("details")
                        .asText())
                .isEqualTo("not exercised: single broker");
        assertThat(status(report, "consumer: group join")).isEqualTo("pass");
        assertThat(status(report, "consumer: rebalance when a second member joins"))
                .isEqualTo("pass");
        assertThat(status(report, "consumer: manual commit")).isEqualTo("pass");
        assertThat(status(report, "consumer: restart resumes at the committed offset"))
                .isEqualTo("pass");
        assertThat(status(report, "consumer: auto.offset.reset=latest")).isEqualTo("pass");
        assertThat(status(report, "probe topics deleted")).isEqualTo("pass");

        // And it wrote passing protocol and topics evidence, failing observability evidence, and none for identity
        // (no client config)
        Map<String, JsonNode> evidence = evidence();
        assertThat(evidence.keySet()).containsExactlyInAnyOrder("protocol", "topics", "observability");
        assertThat(evidence.remove("observability").get("result").asText()).isEqualTo("fail");
        for (JsonNode e : evidence.values()) {
            assertThat(e.get("kind").asText()).isEqualTo("probe");
            assertThat(e.get("result").asText()).isEqualTo("pass");
            assertThat(e.get("targetClusterId").asText()).isEqualTo(target.clusterId());
            assertThat(e.get("host").asText()).isNotBlank();
            assertThat(e.path("details").get("clientVersion").asText()).startsWith("apache-kafka-java/");
        }

        // And no probe topic is left, nothing was written to the real topics, on either side
        assertThat(probeTopics(target)).isEmpty();
        assertThat(endOffsets(target, "orders").values()).containsOnly(0L);
        assertThat(endOffsets(source, "orders")).isEqualTo(sourceBefore);
        assertThat(probeTopics(source)).isEmpty();
    }

    @Test
    void aTargetTopicSmallerThanTheLargestRecordFailsNamingTheLimit(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a 60 KB record on the source and a target topic that allows 20000 bytes
        createTopic(source, "invoices", Map.of());
        createTopic(target, "invoices", Map.of("max.message.bytes", "20000"));
        produce(source, "invoices", 60_000);
        workspace(source, target, "billing", "invoices", "roles: [producer]", "{clientId: billing}");

        // When
        Cli.Result r = Cli.run("probe", "--workspace", dir.toString(), "--workload", "billing", "--output", "json");

        // Then the largest-record check fails naming the limit; the rest of the traffic still passes
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        JsonNode report = JSON.readTree(r.out());
        JsonNode largest = check(report, "topic invoices: largest record");
        assertThat(largest.get("status").asText()).isEqualTo("fail");
        assertThat(largest.get("details").asText()).contains("max.message.bytes=20000", "RecordTooLarge");
        assertThat(largest.get("fix").asText()).contains("raise max.message.bytes of invoices");
        assertThat(status(report, "topic invoices: shaped records (none)")).isEqualTo("pass");
        assertThat(evidence().get("topics").get("result").asText()).isEqualTo("fail");
        assertThat(evidence().get("protocol").get("result").asText()).isEqualTo("pass");
        assertThat(probeTopics(target)).isEmpty();
        assertThat(endOffsets(target, "invoices").values()).containsOnly(0L);
    }

    /** Every check that failed or is unknown is an observability check: the rest of the probe passed. */
    static void onlyObservabilityDidNotPass(JsonNode report) {
        for (JsonNode c : report.get("checks")) {
            String status = c.get("status").asText();
            if (status.equals("fail") || status.equals("unknown")) {
                assertThat(c.get("area").asText()).as(c.toString()).isEqualTo("observability");
            }
        }
    }

    /** The check of that name; a name without its parenthesised size matches too ("largest record (N bytes)"). */
    static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.get("checks")) {
            String n = c.get("name").asText();
            if (n.equals(name) || (n.startsWith(name + " (") && n.endsWith(" bytes)"))) {
                return c;
            }
        }
        throw new AssertionError("no check '" + name + "' in " + report.toPrettyString());
    }

    static String status(JsonNode report, String name) {
        return check(report, name).get("status").asText();
    }

    /** The probe evidence files of the workspace, by area. */
    Map<String, JsonNode> evidence() throws Exception {
        Map<String, JsonNode> byArea = new HashMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("evidence"))) {
            for (Path f : files.toList()) {
                JsonNode e = JSON.readTree(f.toFile());
                assertThat(byArea.put(e.get("area").asText(), e))
                        .as("one record per area")
                        .isNull();
            }
        }
        return byArea;
    }

    static List<String> probeTopics(EmbeddedCluster cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith("__cutover-probe-"))
                    .toList();
        }
    }

    static void createTopic(EmbeddedCluster cluster, String topic, Map<String, String> configs) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(configs)))
                    .all()
                    .get();
        }
    }

    static void produce(EmbeddedCluster cluster, String topic, int valueBytes) throws Exception {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "small".getBytes(), new byte[10]))
                    .get();
            producer.send(new ProducerRecord<>(topic, "big".getBytes(), new byte[valueBytes]))
                    .get();
        }
    }

    static Map<String, Long> endOffsets(EmbeddedCluster cluster, String topic) throws Exception {
        try (Admin admin = cluster.admin()) {
            var partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> specs = new HashMap<>();
            partitions.forEach(p -> specs.put(
                    new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<String, Long> ends = new HashMap<>();
            admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp.toString(), info.offset()));
            return ends;
        }
    }

    private void workspace(
            EmbeddedCluster source, EmbeddedCluster target, String workload, String topic, String roles, String match)
            throws Exception {
        Files.writeString(
                dir.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  source:
                    properties: {bootstrap.servers: %s}
                    timeout: 20s
                  target:
                    properties: {bootstrap.servers: %s}
                    timeout: 20s
                """
                        .formatted(source.bootstrapServers(), target.bootstrapServers()));
        Files.writeString(
                dir.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: %s
                    owner: team
                    %s
                    topics: [%s]
                    match: %s
                """
                        .formatted(workload, roles, topic, match));
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        StreamSupport.stream(array.spliterator(), false).forEach(all::add);
        return all;
    }
}
