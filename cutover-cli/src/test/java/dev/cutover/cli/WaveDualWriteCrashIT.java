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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * cutover (a child JVM running {@code wave run} or {@code wave rollback}) is killed with SIGKILL in the middle of a
 * dual-write wave — while a reader's position is placed by content, while the source writes are retired, before the
 * reverse copy is awaited; and on the way back while the reverse copy drains, while the reader's position is placed
 * back, before the producer starts on the source — each time while the producer (a real application) writes both
 * clusters and a second reader stays on the source; {@code wave resume} or {@code wave rollback} finishes each time.
 * Both readers must have processed every record the producer wrote once, in order; both clusters' topics must hold each
 * once, in order; each attempt's journal must show each step's effect exactly once.
 */
@ExtendWith(ClustersExtension.class)
class WaveDualWriteCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 2;

    private static final List<String[]> FORWARD_KILLS =
            List.of(new String[] {Steps.OFFSETS, "BEGIN"}, new String[] {Steps.RETIRE_SOURCE, "BEGIN"}, new String[] {
                Steps.START_REVERSE, "BEGIN"
            });

    private static final List<String[]> ROLLBACK_KILLS = List.of(
            new String[] {Steps.ROLLBACK_DRAIN_REVERSE, "BEGIN"},
            new String[] {Steps.ROLLBACK_OFFSETS, "BEGIN"},
            new String[] {Steps.ROLLBACK_START_SOURCE, "BEGIN"});

    @TempDir
    Path ws;

    @Test
    void killedInTheMiddleOfADualWriteWaveItResumesAndRollsBackWithEveryRecordOnce(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        for (EmbeddedCluster c : List.of(source, target)) {
            try (Admin admin = c.admin()) {
                List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic("orders", PARTITIONS, (short) 1)));
                if (c == source) {
                    topics.add(new NewTopic("other", 1, (short) 1));
                }
                admin.createTopics(topics).all().get();
            }
        }
        ProducerApp writer = ProducerApp.dualWriting(
                ws, "orders-writer", "orders", PARTITIONS, source.bootstrapServers(), target.bootstrapServers());
        ClientApp shipping = new ClientApp(ws, "shipping", "shipping", "orders", source.bootstrapServers());
        ClientApp billing = new ClientApp(ws, "billing", "billing", "orders", source.bootstrapServers());
        workspace(source, target);
        LinkSettings settings = LinkSettings.defaults("default")
                .include("other")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        String w = ws.toString();
        String[] run = {
            "wave",
            "run",
            "--workspace",
            w,
            "--wave",
            "wave-d",
            "--observe",
            "1s",
            "--force",
            "crash test",
            "--dual-write-settle",
            "2s"
        };
        String[] resume = {"wave", "resume", "--workspace", w, "--wave", "wave-d", "--observe", "1s"};
        String[] rollback = {"wave", "rollback", "--workspace", w, "--wave", "wave-d"};
        try (LinkHandle link =
                LinkService.start(source.adminClientProperties(), target.adminClientProperties(), settings, e -> {})) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("link started: %s", link.failure())
                    .isTrue();
            writer.run("start");
            shipping.run("start");
            billing.run("start");
            ClientApp.await("shipping to process records on the source", TIMEOUT, () -> shipping.count() >= 50);
            // records stamped before the comparison's window ends (--dual-write-settle 2s before the run) on both sides
            TopicValues.awaitRecordsOlderThan(
                    List.of(source.adminClientProperties(), target.adminClientProperties()),
                    "orders",
                    PARTITIONS,
                    Duration.ofSeconds(3),
                    TIMEOUT);

            for (int i = 0; i < FORWARD_KILLS.size(); i++) {
                // When a wave run is killed at this point, then resumed
                WaveKills.killAt(ws, TIMEOUT, FORWARD_KILLS.get(i), run);
                Cli.Result resumed = Cli.run(resume);
                assertThat(resumed.exitCode()).as(resumed.all()).isZero();
                assertThat(resumed.out()).contains("confirmed");
                long before = writer.writtenOn(target.bootstrapServers());
                ClientApp.await(
                        "orders-writer to write on the target alone",
                        TIMEOUT,
                        () -> writer.writtenOn(target.bootstrapServers()) > before + 20);

                // When its rollback is killed at this point, then run again
                WaveKills.killAt(ws, TIMEOUT, ROLLBACK_KILLS.get(i), rollback);
                Cli.Result back = Cli.run(rollback);
                assertThat(back.exitCode()).as(back.all()).isZero();
                assertThat(back.out()).contains("rolled back");
                long after = writer.writtenOn(source.bootstrapServers());
                ClientApp.await(
                        "orders-writer to write both clusters again",
                        TIMEOUT,
                        () -> writer.writtenOn(source.bootstrapServers()) > after + 20);
            }

            // Then both readers processed every record written, once and in order, and both topics hold each once
            writer.run("stop");
            Map<Integer, List<String>> written = writer.distinctValuesByPartition();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("shipping to process all " + total, TIMEOUT, () -> shipping.count() >= total);
            ClientApp.await("billing to process all " + total, TIMEOUT, () -> billing.count() >= total);
            assertThat(shipping.valuesByPartition()).isEqualTo(written);
            assertThat(billing.valuesByPartition()).isEqualTo(written);
            assertThat(valuesOn(source)).isEqualTo(written);
            assertThat(valuesOn(target)).isEqualTo(written);

            // and every attempt's journal shows each step's effect exactly once
            WaveKills.assertEachStepEndedOncePerAttempt(
                    ws,
                    "wave-d",
                    FORWARD_KILLS.size(),
                    "- " + Steps.COMPARE,
                    "shipping " + Steps.CONFIRM,
                    "orders-writer " + Steps.CONFIRM,
                    "orders-writer " + Steps.ROLLBACK_CONFIRM,
                    "shipping " + Steps.ROLLBACK_CONFIRM);
            link.stop();
        } finally {
            writer.run("stop");
            shipping.run("stop");
            billing.run("stop");
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
                        + "links:\n  default:\n    topics: other\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n"
                        + "  - name: orders-writer\n    owner: team-orders\n    roles: [producer]\n"
                        + "    topics: [orders]\n    match:\n      clientId: orders-writer-*\n"
                        + "    switch:\n      command: [sh, apps/orders-writer/switch.sh]\n"
                        + "  - name: shipping\n    owner: team-shipping\n    roles: [consumer]\n"
                        + "    topics: [orders]\n    match:\n      groupId: shipping\n"
                        + "    switch:\n      command: [sh, apps/shipping/switch.sh]\n");
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-d\n    pattern: dual-write\n    workloads:\n"
                        + "      - shipping\n      - orders-writer\n");
    }
}
