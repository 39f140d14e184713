package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code link start|status} take a link's settings from {@code cutover.yaml}'s links: section; flags override them. */
@ExtendWith(ClustersExtension.class)
class LinkSettingsFileIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path workspace(EmbeddedCluster source, EmbeddedCluster target, String links) throws Exception {
        return TwoClusterWorkspace.write(dir, source, target, links);
    }

    private static void produce(Map<String, Object> props, String topic, int partition, String prefix, int count) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(
                        topic, partition, null, (prefix + "-" + i).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void theFileSelectsTopicsAndFlagsOverrideIt(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given topics of two families, and a file whose link copies one and excludes part of it
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(
                            new NewTopic("lf-orders", 1, (short) 1),
                            new NewTopic("lf-orders-tmp", 1, (short) 1),
                            new NewTopic("lf-payments", 1, (short) 1)))
                    .all()
                    .get();
        }
        Path ws = workspace(
                source,
                target,
                """
                links:
                  lf:
                    topics: "lf-orders.*"
                    exclude: ".*-tmp"
                    syncSecurity: false
                """);

        // When dry runs without and with --topics
        Cli.Result fromFile = Cli.run("link", "start", "--workspace", ws.toString(), "--dry-run");
        Cli.Result overridden = Cli.run(
                "link", "start", "--workspace", ws.toString(), "--dry-run", "--topics", "lf-payments|lf-orders-tmp");

        // Then the file's selection applies (the only link is the one meant), and the flag replaces its topics
        // while its exclude still holds
        assertThat(fromFile.exitCode()).as(fromFile.all()).isZero();
        assertThat(fromFile.out())
                .contains("# Link lf: dry run")
                .contains("| `__cutover.lf.state` | create | 1 partition")
                .contains("| `__cutover.lf.offsets` | create | 1 partition")
                .contains("cleanup.policy=compact")
                .contains("`cutover-link-lf`")
                .contains("`lf-orders` | created")
                .doesNotContain("lf-orders-tmp")
                .doesNotContain("lf-payments")
                .contains("ACL and quota sync is off");
        assertThat(overridden.exitCode()).as(overridden.all()).isZero();
        assertThat(overridden.out())
                .contains("`lf-payments` | created")
                .doesNotContain("`lf-orders` |")
                .doesNotContain("lf-orders-tmp");
    }

    @Test
    void aRunTakesFromAndTheRefreshIntervalFromTheFileAndStatusFindsTheLinkByIt(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a topic with old records, and a file whose link starts from latest and refreshes every second
        var s = source.adminClientProperties();
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("lr-events", 1, (short) 1)))
                    .all()
                    .get();
        }
        produce(s, "lr-events", 0, "old", 20);
        Path ws = workspace(
                source,
                target,
                """
                links:
                  lr:
                    topics: "lr-.*"
                    from: latest
                    lease: 2s
                    metadataRefresh: 1s
                """);

        // When the link runs (no --name: the file's only link), new records arrive and the topic grows
        try (Cli.Child link = Cli.Child.start(dir.resolve("lr.log"), "link", "start", "--workspace", ws.toString())) {
            link.awaitLine(l -> l.startsWith("copying 1 partition(s) of 1 topic(s)"), TIMEOUT);
            produce(s, "lr-events", 0, "new", 30);
            try (Admin admin = source.admin()) {
                admin.createPartitions(Map.of("lr-events", NewPartitions.increaseTo(2)))
                        .all()
                        .get();
            }
            produce(s, "lr-events", 1, "grown", 10);

            // Then it follows within seconds (the file's 1 s refresh, not the 30 s default)
            link.awaitLine(l -> l.contains("now also copying 1 partition(s) [lr-events-1]"), Duration.ofSeconds(20));
            awaitCaughtUp(target, "lr", new TopicPartition("lr-events", 1), 10);
            awaitCaughtUp(target, "lr", new TopicPartition("lr-events", 0), 50);
            assertThat(link.terminate(Duration.ofSeconds(60))).isZero();
        }

        // And only what arrived after the start was copied to partition 0 (from: latest)
        LinkState.Snapshot state = LinkState.read(target.adminClientProperties(), LinkTopics.named("lr"), TIMEOUT);
        assertThat(state.partitions().get(new TopicPartition("lr-events", 0)).replicatedTo())
                .isEqualTo(50);
        assertThat(OffsetMapStore.load(target.adminClientProperties(), LinkTopics.named("lr"), TIMEOUT)
                        .maps()
                        .get(new TopicPartition("lr-events", 0))
                        .coveredFrom())
                .as("the link began at the source's end, after the 20 old records")
                .isEqualTo(20);

        // And status, without --name, reads that link
        Cli.Result status = Cli.run("link", "status", "--workspace", ws.toString());
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("# Link lr").contains("| `lr-events` | 1 | caught-up | 10 | 10 |");
    }

    private static void awaitCaughtUp(EmbeddedCluster target, String link, TopicPartition tp, long sourceEnd)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            LinkState.PartitionStatus st = LinkState.read(
                            target.adminClientProperties(), LinkTopics.named(link), TIMEOUT)
                    .partitions()
                    .get(tp);
            if (st != null && st.replicatedTo() >= sourceEnd && st.state() == PartitionState.CAUGHT_UP) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(tp + " not caught up to " + sourceEnd + " within " + TIMEOUT + ": " + st);
            }
            Thread.sleep(200);
        }
    }
}
