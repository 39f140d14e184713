package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.clients.TopicValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * A real Kafka Connect worker (distributed mode, its own JVM) running Kafka's file source and file sink connectors
 * moves to the target in a wave while lines keep being appended to the source connector's file, then comes back in a
 * rollback. Its connectors are paused and resumed through its REST API; its internal topics (configs, offsets — the
 * source connector's position in the file — and status) and the source connector's topic drain and turn around; the
 * sink connector's group moves exactly. At the end the sink's file holds every line of the input file exactly once and
 * in order, and so does the topic on each cluster: the source connector neither read a line again nor skipped one.
 */
@ExtendWith(ClustersExtension.class)
class WaveConnectMoveIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> INTERNAL =
            List.of(ConnectApp.GROUP + "-configs", ConnectApp.GROUP + "-offsets", ConnectApp.GROUP + "-status");

    @Test
    void connectWorkersMoveWithTheirConnectorsAndComeBackWithEveryLineOnce(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        // Given the Connect worker on the source, copying in.txt to lines and lines to out.txt
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(ConnectApp.TOPIC, 1, (short) 1)))
                    .all()
                    .get();
        }
        try (ConnectApp connect = new ConnectApp(ws, source.bootstrapServers())) {
            workspace(ws, source, target, connect.url());
            connect.run("start");
            connect.createConnectors(TIMEOUT);
            connect.startWriting();
            ConnectApp.await("the sink to write 100 lines", TIMEOUT, () -> lines(connect) >= 100);
            // and the inventory links the workers' group to their internal topics, connectors and sink group
            var stateful = new dev.cutover.inventory.Inventory(Clock.systemUTC())
                    .take(new dev.cutover.inventory.Inventory.Request(Workspace.load(ws), "source", List.of()))
                    .stateful();
            assertThat(stateful.connect()).singleElement().satisfies(c -> {
                assertThat(c.groupId()).isEqualTo(ConnectApp.GROUP);
                assertThat(c.workload()).isEqualTo("file-pipeline");
                assertThat(c.workers()).isEqualTo(1);
                assertThat(c.internalTopics()).containsExactlyElementsOf(INTERNAL);
                assertThat(c.connectors())
                        .extracting(k -> k.name() + "/" + k.type() + "/" + k.state() + "/" + k.sinkGroup())
                        .containsExactly(
                                "file-sink/sink/RUNNING/" + ConnectApp.SINK_GROUP, "file-source/source/RUNNING/null");
                assertThat(c.sinkGroups()).containsExactly(ConnectApp.SINK_GROUP);
            });
            LinkSettings settings = LinkSettings.defaults("default")
                    .include(ConnectApp.TOPIC + "|" + ConnectApp.GROUP + "-.*")
                    .alsoInclude(INTERNAL)
                    .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
            try (LinkHandle link = LinkService.start(
                    source.adminClientProperties(), target.adminClientProperties(), settings, e -> {})) {
                assertThat(link.awaitStarted(TIMEOUT))
                        .as("link started: %s", link.failure())
                        .isTrue();

                // When wave-k moves the workers
                List<String> progress = new ArrayList<>();
                WaveRunner runner = StatefulMoveChecks.runner(ws, "file-pipeline", progress);
                WaveOptions options = StatefulMoveChecks.options(TIMEOUT);
                WaveState moved;
                try {
                    moved = runner.run("wave-k", options);
                } finally {
                    progress.forEach(System.out::println);
                    connect.printLogTail(200);
                }

                // Then they run on the target, their connectors resumed there
                assertThat(moved.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
                assertThat(Files.readString(connect.dir.resolve("client.properties")))
                        .contains("bootstrap.servers=" + target.bootstrapServers());
                long before = lines(connect);
                ConnectApp.await(
                        "the sink to write 100 lines on the target", TIMEOUT, () -> lines(connect) >= before + 100);

                // When the wave is rolled back
                WaveState back = runner.rollback("wave-k", options);
                assertThat(back.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);
                long after = lines(connect);
                ConnectApp.await(
                        "the sink to write 100 lines on the source again",
                        TIMEOUT,
                        () -> lines(connect) >= after + 100);

                // Then, once the input stops: every line once, in order, in the sink's file and on both clusters
                connect.stopWriting();
                List<String> input = connect.inputLines();
                ConnectApp.await(
                        "the sink to write all " + input.size() + " lines",
                        TIMEOUT,
                        () -> lines(connect) >= input.size());
                assertThat(connect.outputLines()).isEqualTo(input);
                for (EmbeddedCluster cluster : List.of(source, target)) {
                    ConnectApp.await(
                            "topic lines on " + cluster.bootstrapServers() + " to hold every line",
                            TIMEOUT,
                            () -> valuesOn(cluster).equals(Map.of(0, input)));
                    assertThat(valuesOn(cluster)).isEqualTo(Map.of(0, input));
                }

                // and the journal holds each step once, nothing replayed or skipped either way
                StatefulMoveChecks.assertMovedAndBackWithEvidence(
                        ws, "wave-k", Steps.CONNECT, Steps.CONNECT_ROLLBACK, "connect");
                progress.stream().filter(l -> l.contains("file-pipeline")).forEach(System.out::println);
                link.stop();
            }
        }
    }

    private static long lines(ConnectApp connect) {
        try {
            return connect.outputLines().size();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static Map<Integer, List<String>> valuesOn(EmbeddedCluster cluster) {
        return TopicValues.byPartition(cluster.adminClientProperties(), ConnectApp.TOPIC, 1, TIMEOUT);
    }

    private static void workspace(Path ws, EmbeddedCluster source, EmbeddedCluster target, String connectUrl)
            throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n"
                        + "  source:\n    properties:\n      bootstrap.servers: " + source.bootstrapServers() + "\n"
                        + "    connect: " + connectUrl + "\n    timeout: 20s\n"
                        + "  target:\n    properties:\n      bootstrap.servers: " + target.bootstrapServers() + "\n"
                        + "    connect: " + connectUrl + "\n    timeout: 20s\n"
                        + "links:\n  default:\n    topics: \"" + ConnectApp.TOPIC + "|" + ConnectApp.GROUP + "-.*\"\n"
                        + "    alsoInclude: [" + String.join(", ", INTERNAL) + "]\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n"
                        + "  - name: file-pipeline\n    owner: team-integration\n    roles: [connect]\n"
                        + "    topics: [" + ConnectApp.TOPIC + "]\n    writes: [" + ConnectApp.TOPIC + "]\n"
                        + "    offsets: translate\n"
                        + "    match:\n      groupId: [" + ConnectApp.GROUP + ", " + ConnectApp.SINK_GROUP + "]\n"
                        + "    switch:\n      file: apps/connect/client.properties\n"
                        + "      command: [sh, apps/connect/switch.sh]\n");
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-k\n    pattern: linked\n    workloads:\n      - file-pipeline\n");
    }
}
