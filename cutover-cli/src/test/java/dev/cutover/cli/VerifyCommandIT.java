package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover verify} end to end: a real link's copy (exit 0, evidence), an altered copy (exit 1), bad input. */
@ExtendWith(ClustersExtension.class)
class VerifyCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aRealLinksCopyPassesAndAnAlteredCopyFailsWithBothOffsets(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a topic copied by the link 'clean', and one copied by a fake link that altered source offset 3
        Path ws = workspace(source, target);
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        produce(s, "vc-orders", 2, 30);
        produce(s, "vc-altered", 1, 10);
        LinkSettings settings = LinkSettings.defaults("clean")
                .include("vc-orders")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        try (LinkHandle link = LinkService.start(s, t, settings, event -> {})) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            link.awaitCoverage(
                    Map.of(new TopicPartition("vc-orders", 0), 30L, new TopicPartition("vc-orders", 1), 30L), TIMEOUT);
            link.stop();
            assertThat(link.awaitEnded(TIMEOUT)).isTrue();
        }
        fakeCopyAltering(s, t, "altering", "vc-altered", 3);

        // When
        Cli.Result clean = Cli.run("verify", "--workspace", ws.toString(), "--name", "clean");
        Cli.Result altered = Cli.run("verify", "--workspace", ws.toString(), "--name", "altering", "--output", "json");

        // Then the real copy has no difference and records passing evidence for the workload that owns the topic
        assertThat(clean.exitCode()).as(clean.all()).isZero();
        assertThat(clean.out())
                .contains("Result: **no-difference**. 60 record pairs compared, 0 differing, 0 missing, 0 extra")
                .contains("| `vc-orders` | no difference | 60 | 0 | 0 | 0 | 0 |");
        assertThat(clean.err()).contains("evidence: evidence/");
        List<String> evidence = evidenceTexts(ws);
        assertThat(evidence).anySatisfy(e -> assertThat(e)
                .contains(
                        "\"kind\" : \"verify\"",
                        "\"workload\" : \"orders-app\"",
                        "\"area\" : \"topics\"",
                        "\"result\" : \"pass\"",
                        "\"compared\" : \"60\""));

        // And the altered copy is one differing record, with both offsets (the fake link's copy i is at target 2i)
        assertThat(altered.exitCode()).as(altered.all()).isEqualTo(1);
        JsonNode doc = JSON.readTree(altered.out());
        assertThat(doc.path("kind").asText()).isEqualTo("verify");
        assertThat(doc.path("verdict").asText()).isEqualTo("differences");
        assertThat(doc.at("/summary/differing").asLong()).isEqualTo(1);
        assertThat(doc.at("/summary/compared").asLong()).isEqualTo(10);
        assertThat(doc.at("/topics/0/partitions/0/firstMismatch/kind").asText()).isEqualTo("differing");
        assertThat(doc.at("/topics/0/partitions/0/firstMismatch/sourceOffset").asLong())
                .isEqualTo(3);
        assertThat(doc.at("/topics/0/partitions/0/firstMismatch/targetOffset").asLong())
                .isEqualTo(6);
        assertThat(doc.at("/topics/0/partitions/0/firstMismatch/detail").asText())
                .isEqualTo("value differs");
        assertThat(evidenceTexts(ws))
                .anySatisfy(e -> assertThat(e).contains("\"workload\" : \"vc-altered\"", "\"result\" : \"fail\""));

        // And nothing to verify is exit 1 with the reason
        Cli.Result none = Cli.run("verify", "--workspace", ws.toString(), "--name", "clean", "--topics", "nope.*");
        assertThat(none.exitCode()).as(none.all()).isEqualTo(1);
        assertThat(none.err()).contains("nothing verified: no topic the link copies matches --topics nope.*");
    }

    @Test
    void byContentComparesDualWrittenTopicsAndFindsARecordOneSideLacks(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given the same 40 records written to vc-dual on both clusters (no link), and vc-solo on the source only
        Path ws = workspace(source, target);
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        produce(s, "vc-dual", 2, 20);
        produce(t, "vc-dual", 2, 20);
        produce(s, "vc-solo", 1, 1);
        String[] byContent = {
            "verify",
            "--workspace",
            ws.toString(),
            "--by-content",
            "--topics",
            "vc-dual",
            "--window",
            "5m",
            "--settle",
            "10ms"
        };

        // When they are compared by content, Then every record matches
        Cli.Result same = Cli.run(byContent);
        assertThat(same.exitCode()).as(same.all()).isZero();
        assertThat(same.out())
                .contains("Result: **no difference**")
                .contains("| `vc-dual` | 40 | 40 | 40 | 0 | 0 | 0 | 0 |");
        assertThat(same.err()).contains("evidence: evidence/");

        // When the target gets a record the source never had, Then it is found, with where it is
        Map<String, Object> p = new HashMap<>(t);
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("vc-dual", 1, bytes("k1"), bytes("only here")))
                    .get();
        }
        Cli.Result diverged = Cli.run(byContent);
        assertThat(diverged.exitCode()).as(diverged.all()).isEqualTo(1);
        assertThat(diverged.out())
                .contains("Result: **DIFFERENCES**", "| `vc-dual` | 40 | 41 | 40 | 0 | 1 | 0 | 0 |")
                .contains("only on the target: 1/20 @ ");

        // And a topic on one side only, or --sample with --by-content, is the user's mistake
        Cli.Result solo =
                Cli.run("verify", "--workspace", ws.toString(), "--by-content", "--topics", "vc-solo|vc-dual");
        assertThat(solo.exitCode()).as(solo.all()).isEqualTo(2);
        assertThat(solo.err()).contains("[vc-solo] match --topics 'vc-solo|vc-dual' on one cluster only");
        assertThat(Cli.run("verify", "--workspace", ws.toString(), "--by-content", "--sample", "5")
                        .exitCode())
                .isEqualTo(2);
    }

    @Test
    void badInputIsExitTwoAndAnUnreachableClusterExitThree() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String profile = "    properties:\n      bootstrap.servers: 127.0.0.1:" + port + "\n    timeout: 2s\n";
        Files.writeString(
                dir.resolve("cutover.yaml"), "version: 1\nclusters:\n  source:\n" + profile + "  target:\n" + profile);
        String ws = dir.toString();
        assertThat(Cli.run("verify", "--workspace", ws, "--topics", "(").exitCode())
                .isEqualTo(2);
        assertThat(Cli.run("verify", "--workspace", ws, "--from-time", "yesterday")
                        .exitCode())
                .isEqualTo(2);
        assertThat(Cli.run("verify", "--workspace", ws, "--sample", "0").exitCode())
                .isEqualTo(2);
        assertThat(Cli.run("verify", "--workspace", ws, "--name", "a/b").exitCode())
                .isEqualTo(2);
        Cli.Result unreachable = Cli.run("verify", "--workspace", ws);
        assertThat(unreachable.exitCode()).as(unreachable.all()).isEqualTo(3);
        assertThat(unreachable.err()).contains("what to do");
        assertThat(Cli.run("verify", "--help").out())
                .contains("Exit codes: 0 no difference", "rule of three", "LogAppendTime", "COMMITTED");
    }

    private Path workspace(EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        TwoClusterWorkspace.write(dir, source, target);
        Files.writeString(
                dir.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: orders-app
                    owner: team-orders
                    roles: [consumer]
                    topics: [vc-orders]
                    match: {groupId: orders-app}
                """);
        return dir;
    }

    private static List<String> evidenceTexts(Path ws) throws Exception {
        try (var files = Files.list(ws.resolve("evidence"))) {
            return files.map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    private static void produce(Map<String, Object> props, String topic, int partitions, int perPartition)
            throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < perPartition; i++) {
                for (int partition = 0; partition < partitions; partition++) {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add("h", bytes("h" + i));
                    producer.send(new ProducerRecord<>(
                            topic, partition, null, i % 4 == 0 ? null : bytes("k" + i), bytes("v" + i), headers));
                }
            }
        }
    }

    /**
     * A fake link for one partition: copies each record in a transaction of its own (copy i at target offset 2i, its
     * marker at 2i+1), with source offset {@code alter}'s value changed, and stores the map as the link does.
     */
    private static void fakeCopyAltering(
            Map<String, Object> s, Map<String, Object> t, String link, String topic, long alter) throws Exception {
        LinkTopics names = LinkTopics.named(link);
        try (Admin admin = Admin.create(t)) {
            admin.createTopics(List.of(
                            new NewTopic(topic, 1, (short) 1),
                            new NewTopic(names.offsets(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();
        }
        Map<String, Object> c = new HashMap<>(s);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> p = new HashMap<>(t);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fake-" + link);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
            PartitionOffsetMap base = PartitionOffsetMap.builder(0, 0)
                    .sourceLogStart(0)
                    .targetLogStart(0)
                    .build();
            PartitionOffsetMap.Builder map = base.toBuilder();
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    byte[] value = r.offset() == alter ? bytes("altered") : r.value();
                    producer.beginTransaction();
                    long offset = producer.send(
                                    new ProducerRecord<>(topic, 0, r.timestamp(), r.key(), value, r.headers()))
                            .get()
                            .offset();
                    producer.commitTransaction();
                    map.copied(r.offset(), offset).writesNextAt(offset + 2);
                }
            }
            map.readUpTo(consumer.position(tp));
            producer.beginTransaction();
            for (var r : OffsetMapStore.Writer.fresh(names, tp, base, OffsetMapStore.CHUNK_BYTES)
                    .recordsFor(map.build(), base)) {
                producer.send(r);
            }
            producer.commitTransaction();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
