package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.orchestrator.Steps;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.clients.ClientApp;
import dev.cutover.testkit.clients.ProducerApp;
import dev.cutover.testkit.clients.TopicValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * cutover (a child JVM running {@code wave run} or {@code wave rollback}) is killed with SIGKILL in the middle of a
 * producer move's steps — while the link drains, between the drain and the producer's start on the target, while the
 * reverse copy drains back, before the forward copy resumes — three times each way, while the producer (a real
 * application in its own JVM) keeps writing and a reader stays on the source; {@code wave resume} or {@code wave
 * rollback} finishes each time. The producer's own log of what it wrote must match, partition by partition and in
 * order, both what the reader processed on the source and what the target's topic holds, and each attempt's journal
 * must show each step's effect exactly once.
 */
@ExtendWith(ClustersExtension.class)
class WaveProducerCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 2;

    private static final List<String[]> FORWARD_KILLS = List.of(
            new String[] {Steps.DRAIN_FORWARD, "BEGIN"},
            new String[] {Steps.START_TARGET, "BEGIN"},
            new String[] {Steps.START_REVERSE, "BEGIN"});

    private static final List<String[]> ROLLBACK_KILLS = List.of(
            new String[] {Steps.ROLLBACK_DRAIN_REVERSE, "BEGIN"},
            new String[] {Steps.ROLLBACK_RESUME_FORWARD, "BEGIN"},
            new String[] {Steps.ROLLBACK_START_SOURCE, "BEGIN"});

    @TempDir
    Path ws;

    @Test
    void killedInTheMiddleOfAProducerMoveTheWaveResumesAndRollsBackWithEveryRecordOnceOnBothSides(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        ProducerApp writer = new ProducerApp(ws, "orders-writer", "orders", PARTITIONS, source.bootstrapServers());
        ClientApp shipping = new ClientApp(ws, "shipping", "shipping", "orders", source.bootstrapServers());
        workspace(source, target);
        LinkSettings settings = LinkSettings.defaults("default")
                .include("orders")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        String w = ws.toString();
        try (LinkHandle link =
                LinkService.start(source.adminClientProperties(), target.adminClientProperties(), settings, e -> {})) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("link started: %s", link.failure())
                    .isTrue();
            writer.run("start");
            shipping.run("start");
            ClientApp.await("shipping to process records on the source", TIMEOUT, () -> shipping.count() >= 50);

            for (int i = 0; i < FORWARD_KILLS.size(); i++) {
                // When a wave run is killed at this point, then resumed
                killAt(
                        FORWARD_KILLS.get(i),
                        "wave",
                        "run",
                        "--workspace",
                        w,
                        "--wave",
                        "wave-p",
                        "--observe",
                        "1s",
                        "--force",
                        "crash test");
                Cli.Result resumed = Cli.run("wave", "resume", "--workspace", w, "--wave", "wave-p", "--observe", "1s");
                assertThat(resumed.exitCode()).as(resumed.all()).isZero();
                assertThat(resumed.out()).contains("confirmed");
                long before = writer.writtenOn(target.bootstrapServers());
                ClientApp.await(
                        "orders-writer to write on the target",
                        TIMEOUT,
                        () -> writer.writtenOn(target.bootstrapServers()) > before + 20);

                // When its rollback is killed at this point, then run again
                killAt(ROLLBACK_KILLS.get(i), "wave", "rollback", "--workspace", w, "--wave", "wave-p");
                Cli.Result back = Cli.run("wave", "rollback", "--workspace", w, "--wave", "wave-p");
                assertThat(back.exitCode()).as(back.all()).isZero();
                assertThat(back.out()).contains("rolled back");
                long after = writer.writtenOn(source.bootstrapServers());
                ClientApp.await(
                        "orders-writer to write on the source again",
                        TIMEOUT,
                        () -> writer.writtenOn(source.bootstrapServers()) > after + 20);
            }

            // Then shipping, on the source all along, processed everything written, once and in order, and the
            // target's topic holds it all once and in order
            writer.run("stop");
            Map<Integer, List<String>> written = writer.valuesByPartition();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("shipping to process all " + total + " records", TIMEOUT, () -> shipping.count() >= total);
            assertThat(shipping.valuesByPartition()).isEqualTo(written);
            ClientApp.await("the target to hold all " + total + " records", TIMEOUT, () -> valuesOn(target)
                    .equals(written));
            assertThat(writer.written().stream().map(l -> l[4]).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(source.bootstrapServers(), target.bootstrapServers());

            // and every attempt's journal shows each step's effect exactly once
            WaveKills.assertEachStepEndedOncePerAttempt(
                    ws,
                    "wave-p",
                    FORWARD_KILLS.size(),
                    "orders-writer " + Steps.CONFIRM,
                    "orders-writer " + Steps.ROLLBACK_CONFIRM);
            link.stop();
        } finally {
            writer.run("stop");
            shipping.run("stop");
        }
    }

    private static Map<Integer, List<String>> valuesOn(EmbeddedCluster cluster) {
        return TopicValues.byPartition(cluster.adminClientProperties(), "orders", PARTITIONS, TIMEOUT);
    }

    private void workspace(EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n"
                        + "  source:\n    properties:\n      bootstrap.servers: " + source.bootstrapServers() + "\n"
                        + "    timeout: 20s\n"
                        + "  target:\n    properties:\n      bootstrap.servers: " + target.bootstrapServers() + "\n"
                        + "    timeout: 20s\n"
                        + "links:\n  default:\n    topics: orders\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n"
                        + "  - name: orders-writer\n    owner: team-orders\n    roles: [producer]\n"
                        + "    topics: [orders]\n    match:\n      clientId: orders-writer-*\n"
                        + "    switch:\n      file: apps/orders-writer/client.properties\n"
                        + "      command: [sh, apps/orders-writer/switch.sh]\n"
                        + "  - name: shipping\n    owner: team-shipping\n    roles: [consumer]\n"
                        + "    topics: [orders]\n    match:\n      groupId: shipping\n");
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-p\n    pattern: producer-first\n    workloads:\n"
                        + "      - orders-writer\n");
    }

    private void killAt(String[] point, String... args) throws Exception {
        WaveKills.killAt(ws, TIMEOUT, point, args);
    }
}
