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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover offsets translate|sync} against two real clusters and a hand-written workspace. Topics hold, per
 * partition: 10 plain records (0-9), an aborted transaction (10-12, marker 13), a committed one (14-16, marker 17) and
 * 5 plain records (18-22); a fake link copies them (target offsets 0-17) and stores its offset maps.
 */
@ExtendWith(ClustersExtension.class)
class OffsetsCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    @Test
    void dryRunWritesNothingThenSyncCommitsExactOffsets(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a linked topic and a group stopped mid-stream on the source
        Path ws = workspace(source, target);
        linkedTopic(source, target, "cli-orders");
        try (Admin src = source.admin();
                Admin tgt = target.admin()) {
            commit(src, "cli-app", "cli-orders", Map.of(0, 5L, 1, 10L, 2, 23L));

            // When a dry run
            Cli.Result dry =
                    Cli.run("offsets", "sync", "--workspace", ws.toString(), "--group", "cli-app", "--dry-run");

            // Then it reports the plan and writes nothing
            assertThat(dry.exitCode()).as(dry.all()).isZero();
            assertThat(dry.out())
                    .contains("dry run: nothing written")
                    .contains("| `cli-app` | would-commit |")
                    .contains("| `cli-app` | `cli-orders` | 1 | 10 | — | 10 |")
                    .contains("| `cli-app` | `cli-orders` | 2 | 23 | — | 18 |");
            assertThat(committed(tgt, "cli-app")).isEmpty();

            // When synced for real
            Cli.Result sync =
                    Cli.run("offsets", "sync", "--workspace", ws.toString(), "--group", "cli-app", "--output", "json");

            // Then the exact offsets are committed on the target, and the JSON says so
            assertThat(sync.exitCode()).as(sync.all()).isZero();
            JsonNode doc = JSON.readTree(sync.out());
            assertThat(doc.path("version").asInt()).isEqualTo(1);
            assertThat(doc.path("kind").asText()).isEqualTo("offsets-sync");
            assertThat(doc.at("/groups/0/status").asText()).isEqualTo("committed");
            assertThat(doc.at("/summary/committed").asInt()).isEqualTo(1);
            assertThat(committed(tgt, "cli-app"))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            new TopicPartition("cli-orders", 0), 5L,
                            new TopicPartition("cli-orders", 1), 10L,
                            new TopicPartition("cli-orders", 2), 18L));
            assertThat(committed(src, "cli-app"))
                    .as("the source is never written")
                    .containsEntry(new TopicPartition("cli-orders", 2), 23L);

            // And translate shows the same offsets, both ways
            Cli.Result forward = Cli.run("offsets", "translate", "--workspace", ws.toString(), "--group", "cli-app");
            assertThat(forward.exitCode()).as(forward.all()).isZero();
            assertThat(forward.out()).contains("| `cli-orders` | 1 | 10 | 10 | exact |");

            // And sync, dry run and translate recorded readiness evidence for the group (no workloads.yaml claims
            // it, so under its own name), with the target's cluster id
            try (var files = java.nio.file.Files.list(ws.resolve("evidence"))) {
                List<String> evidence =
                        files.map(p -> p.getFileName().toString()).toList();
                assertThat(evidence)
                        .anyMatch(n -> n.contains("-offsets-cli-app-offsets-sync-"))
                        .anyMatch(n -> n.contains("-offsets-cli-app-offsets-translate-"));
            }
            assertThat(sync.err()).contains("evidence: evidence/");
            // And only the real sync's record is evidence; the dry run's and the translation's are previews
            try (var files = java.nio.file.Files.list(ws.resolve("evidence"))) {
                for (Path f : files.toList()) {
                    String text = Files.readString(f);
                    boolean real = text.contains("\"producedBy\" : \"cutover offsets sync\"");
                    assertThat(text)
                            .as(f.getFileName().toString())
                            .contains(real ? "\"preview\" : false" : "\"preview\" : true");
                }
            }
            Cli.Result reverse = Cli.run(
                    "offsets",
                    "translate",
                    "--workspace",
                    ws.toString(),
                    "--group",
                    "cli-app",
                    "--direction",
                    "reverse",
                    "--output",
                    "json");
            assertThat(reverse.exitCode()).as(reverse.all()).isZero();
            JsonNode back = JSON.readTree(reverse.out());
            assertThat(back.path("direction").asText()).isEqualTo("reverse");
            assertThat(back.at("/partitions/1/committed").asLong()).isEqualTo(10L);
            assertThat(back.at("/partitions/1/translated").asLong()).isEqualTo(14L);
        }
    }

    @Test
    void refusedGroupsAndUntranslatablePartitionsExitOne(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a group that is ahead on the target, and a group that also reads an unlinked topic
        Path ws = workspace(source, target);
        linkedTopic(source, target, "cli-payments");
        try (Admin src = source.admin();
                Admin tgt = target.admin()) {
            src.createTopics(List.of(new NewTopic("cli-unlinked", 1, (short) 1)))
                    .all()
                    .get();
            commit(src, "cli-ahead", "cli-payments", Map.of(0, 4L));
            commit(tgt, "cli-ahead", "cli-payments", Map.of(0, 9L));
            commit(src, "cli-partial", "cli-payments", Map.of(0, 4L));
            commit(src, "cli-partial", "cli-unlinked", Map.of(0, 0L));

            // When
            Cli.Result sync = Cli.run(
                    "offsets",
                    "sync",
                    "--workspace",
                    ws.toString(),
                    "--group",
                    "cli-ahead",
                    "cli-partial",
                    "--wait",
                    "1s");
            Cli.Result translate =
                    Cli.run("offsets", "translate", "--workspace", ws.toString(), "--group", "cli-partial");

            // Then
            assertThat(sync.exitCode()).as(sync.all()).isEqualTo(1);
            assertThat(sync.out())
                    .contains("| `cli-ahead` | refused (`WOULD_REWIND`) |")
                    .contains("| `cli-partial` | refused (`UNTRANSLATABLE`) |")
                    .contains("target has 9, translation is 4 (5 back)")
                    .contains("--allow-rewind");
            assertThat(committed(tgt, "cli-ahead")).containsEntry(new TopicPartition("cli-payments", 0), 9L);
            assertThat(committed(tgt, "cli-partial"))
                    .as("a group is written whole or not at all")
                    .isEmpty();
            assertThat(translate.exitCode()).as(translate.all()).isEqualTo(1);
            assertThat(translate.out())
                    .contains("| `cli-payments` | 0 | 4 | 4 | exact |")
                    .contains("| `cli-unlinked` | 0 | 0 | — | no-map");
        }
    }

    @Test
    void anUnknownGroupIsAUsageErrorAndRecordsNothing(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a linked topic and one real group
        Path ws = workspace(source, target);
        linkedTopic(source, target, "cli-typos");
        try (Admin src = source.admin()) {
            commit(src, "cli-shipping", "cli-typos", Map.of(0, 5L));
        }

        // When a misspelled group is translated or synced
        Cli.Result translate = Cli.run("offsets", "translate", "--workspace", ws.toString(), "--group", "cli-shiping");
        Cli.Result sync = Cli.run("offsets", "sync", "--workspace", ws.toString(), "--group", "cli-shipping", "nosuch");

        // Then both are usage errors naming the group (and the one meant), and no evidence is written
        assertThat(translate.exitCode()).as(translate.all()).isEqualTo(2);
        assertThat(translate.err())
                .contains("group 'cli-shiping' is unknown on the source")
                .contains("did you mean cli-shipping");
        assertThat(sync.exitCode()).as(sync.all()).isEqualTo(2);
        assertThat(sync.err()).contains("group 'nosuch' is unknown on the source");
        assertThat(ws.resolve("evidence")).doesNotExist();
        try (Admin tgt = target.admin()) {
            assertThat(committed(tgt, "cli-shipping"))
                    .as("nothing is synced when one named group is unknown")
                    .isEmpty();
        }
    }

    @Test
    void aGroupStillActiveOnTheSourceIsRefusedUnlessAReasonIsGiven(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a group with committed offsets whose consumer still runs on the source
        Path ws = workspace(source, target);
        linkedTopic(source, target, "cli-live");
        try (Admin src = source.admin();
                Admin tgt = target.admin()) {
            commit(src, "cli-live-app", "cli-live", Map.of(0, 5L, 1, 10L, 2, 23L));
            Map<String, Object> c = new HashMap<>(source.adminClientProperties());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "cli-live-app");
            c.put(ConsumerConfig.CLIENT_ID_CONFIG, "live-billing-7");
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            try (var member = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                member.subscribe(List.of("cli-live"));
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (member.assignment().isEmpty()) {
                    assertThat(System.nanoTime()).as("the member joins").isLessThan(deadline);
                    member.poll(Duration.ofMillis(100));
                }

                // When synced
                Cli.Result refused =
                        Cli.run("offsets", "sync", "--workspace", ws.toString(), "--group", "cli-live-app");

                // Then it is refused, naming the member's client id and host, and nothing is written
                assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
                assertThat(refused.out())
                        .contains("| `cli-live-app` | refused (`ACTIVE_ON_SOURCE`) |")
                        .contains("client live-billing-7 at /")
                        .contains("--allow-active-members");
                assertThat(committed(tgt, "cli-live-app")).isEmpty();

                // When synced with a reason
                Cli.Result allowed = Cli.run(
                        "offsets",
                        "sync",
                        "--workspace",
                        ws.toString(),
                        "--group",
                        "cli-live-app",
                        "--allow-active-members",
                        "consumer paused for the move",
                        "--output",
                        "json");

                // Then it is committed, and the evidence records the members and the reason
                assertThat(allowed.exitCode()).as(allowed.all()).isZero();
                JsonNode doc = JSON.readTree(allowed.out());
                assertThat(doc.path("allowActiveMembers").asText()).isEqualTo("consumer paused for the move");
                assertThat(doc.at("/groups/0/details/0").asText()).contains("client live-billing-7");
                assertThat(committed(tgt, "cli-live-app")).hasSize(3);
                try (var files = Files.list(ws.resolve("evidence"))) {
                    List<String> texts = files.map(f -> {
                                try {
                                    return Files.readString(f);
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            })
                            .toList();
                    assertThat(texts)
                            .anySatisfy(t -> assertThat(t).contains("\"result\" : \"fail\"", "ACTIVE_ON_SOURCE"))
                            .anySatisfy(t -> assertThat(t)
                                    .contains(
                                            "\"result\" : \"pass\"",
                                            "\"activeMembersAllowedBecause\" : \"consumer paused for the move\"",
                                            "live-billing-7"));
                }
            }
        }
    }

    @Test
    void badOptionsAreUsageErrors(@Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target)
            throws Exception {
        Path ws = workspace(source, target);
        assertThat(Cli.run("offsets", "sync", "--workspace", ws.toString(), "--group", "g", "--wait", "soon")
                        .exitCode())
                .isEqualTo(2);
        assertThat(Cli.run("offsets", "sync", "--workspace", ws.toString()).exitCode())
                .as("--group or --all is required")
                .isEqualTo(2);
        assertThat(Cli.run("offsets", "sync", "--workspace", ws.toString(), "--group", "g", "--all")
                        .exitCode())
                .isEqualTo(2);
        assertThat(Cli.run("offsets", "translate", "--workspace", ws.toString(), "--group", "g", "--link", "a/b")
                        .exitCode())
                .isEqualTo(2);
    }

    @Test
    void unreachableClusterExitsThree() throws Exception {
        // Given a workspace whose clusters do not answer
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path ws = Files.createDirectories(dir.resolve("nowhere"));
        String profile = "    properties:\n      bootstrap.servers: 127.0.0.1:" + port + "\n    timeout: 2s\n";
        Files.writeString(
                ws.resolve("cutover.yaml"), "version: 1\nclusters:\n  source:\n" + profile + "  target:\n" + profile);

        // When
        Cli.Result r = Cli.run("offsets", "sync", "--workspace", ws.toString(), "--group", "g");

        // Then
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).contains("source").contains("what to do");
    }

    // --- fixtures

    private Path workspace(EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        TwoClusterWorkspace.write(dir, source, target);
        return dir;
    }

    /** Seeds the topic on the source and copies it to the target with the fake link ({@link LinkedTopic}). */
    private static void linkedTopic(EmbeddedCluster source, EmbeddedCluster target, String topic) throws Exception {
        LinkedTopic.create(source, target, topic);
    }

    private static void commit(Admin admin, String group, String topic, Map<Integer, Long> offsets) throws Exception {
        LinkedTopic.commit(admin, group, topic, offsets);
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        return LinkedTopic.committed(admin, group);
    }
}
