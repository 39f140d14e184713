package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.clients.CountingStreams;
import dev.cutover.sandbox.clients.CountingStreamsCheck.Input;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.clients.ClientApp;
import dev.cutover.testkit.clients.ProducerApp;
import dev.cutover.testkit.clients.StreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Kafka Streams application in its own JVM ({@link CountingStreams}: a running count per customer through a
 * repartition topic and an in-memory store, and a windowed count per region) moves to the target in a wave while its
 * input keeps being written on the source, then comes back in a rollback. Its group's positions (input and repartition
 * topics) translate exactly, the link's copy of its outputs, changelogs and repartition topics drains and turns around,
 * and it restores its stores from the changelogs of the cluster it starts on. After the move, and again after the
 * rollback, its outputs on each cluster are compared record by record with the counts computed from its input: one
 * record counted twice or one update lost fails the test.
 */
@ExtendWith(ClustersExtension.class)
class WaveStreamsMoveIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @ParameterizedTest
    @ValueSource(strings = {"at_least_once", "exactly_once_v2"})
    void aStreamsApplicationMovesWithItsStateAndComesBackCountingEveryRecordOnce(
            String guarantee,
            @Cluster("source") EmbeddedCluster source,
            @Cluster("target") EmbeddedCluster target,
            @TempDir Path ws)
            throws Exception {
        String tag = guarantee.startsWith("exactly") ? "eos" : "alo";
        String input = "orders-" + tag;
        String app = "counting-" + tag;
        // Given orders on the source, written by orders-writer, and the counting application reading it there
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(input, 2, (short) 1),
                            new NewTopic(input + CountingStreams.COUNTS_SUFFIX, 2, (short) 1),
                            new NewTopic(input + CountingStreams.REGIONS_SUFFIX, 2, (short) 1)))
                    .all()
                    .get();
        }
        ProducerApp writer = new ProducerApp(ws, "orders-writer", input, 2, source.bootstrapServers());
        StreamsApp counting = new StreamsApp(ws, app, app, input, source.bootstrapServers(), guarantee);
        workspace(ws, source, target, tag, input, app);
        try {
            writer.run("start");
            counting.run("start");
            ClientApp.await(
                    "the application to create its internal topics and count 100 records",
                    TIMEOUT,
                    () -> counting.outputsOn(source.adminClientProperties(), TIMEOUT) >= 200
                            && topics(source).containsAll(CountingStreams.internalTopics(app)));
            // and the inventory links the application to its group, input, internal topics, stores and outputs
            var stateful = new dev.cutover.inventory.Inventory(Clock.systemUTC())
                    .take(new dev.cutover.inventory.Inventory.Request(Workspace.load(ws), "source", List.of()))
                    .stateful();
            assertThat(stateful.streams()).singleElement().satisfies(a -> {
                assertThat(a.applicationId()).isEqualTo(app);
                assertThat(a.workload()).isEqualTo(app);
                assertThat(a.inputTopics()).containsExactly(input);
                assertThat(a.repartitionTopics())
                        .containsExactly(app + "-by-customer-repartition", app + "-by-region-repartition");
                assertThat(a.changelogTopics()).containsExactly(app + "-counts-changelog", app + "-regions-changelog");
                assertThat(a.stores()).containsExactly("counts", "regions");
                assertThat(a.outputTopics()).containsExactly(input + ".counts", input + ".regions");
            });
            LinkSettings settings = LinkSettings.defaults(tag)
                    .include(input + ".*|" + app + "-.*")
                    .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
            try (LinkHandle link = LinkService.start(
                    source.adminClientProperties(), target.adminClientProperties(), settings, e -> {})) {
                assertThat(link.awaitStarted(TIMEOUT))
                        .as("link started: %s", link.failure())
                        .isTrue();

                // When wave-s moves the application
                List<String> progress = new ArrayList<>();
                WaveRunner runner = StatefulMoveChecks.runner(ws, app, progress);
                WaveOptions options = StatefulMoveChecks.options(TIMEOUT);
                WaveState moved = runner.run("wave-s", options);

                // Then it runs on the target, where it goes on counting from its restored state
                assertThat(moved.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
                assertThat(Files.readString(counting.properties()))
                        .contains("bootstrap.servers=" + target.bootstrapServers());
                long before = counting.outputsOn(target.adminClientProperties(), TIMEOUT);
                ClientApp.await(
                        "the application to count 100 more records on the target",
                        TIMEOUT,
                        () -> counting.outputsOn(target.adminClientProperties(), TIMEOUT) >= before + 200);
                // and, once the input stops, its outputs on the target are exactly what it would have written
                // without a move
                writer.run("stop");
                assertExact(counting, source, target);

                // When the wave is rolled back while the input is written again
                writer.run("start");
                WaveState back = runner.rollback("wave-s", options);
                assertThat(back.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);
                assertThat(Files.readString(counting.properties()))
                        .contains("bootstrap.servers=" + source.bootstrapServers());
                long onSource = counting.outputsOn(source.adminClientProperties(), TIMEOUT);
                ClientApp.await(
                        "the application to count 100 more records on the source",
                        TIMEOUT,
                        () -> counting.outputsOn(source.adminClientProperties(), TIMEOUT) >= onSource + 200);
                writer.run("stop");

                // Then its outputs on the source (its own before and after, the reverse copy's in between) and on the
                // target (the forward copy resumed) are each exactly what it would have written without a move
                assertExact(counting, source, source);
                assertExact(counting, source, target);
                assertThat(counting.log())
                        .anyMatch(l -> l.contains("RUNNING on " + target.bootstrapServers()))
                        .anyMatch(l -> l.contains("RUNNING on " + source.bootstrapServers()));

                // and the journal holds each step once, with nothing replayed or skipped either way
                StatefulMoveChecks.assertMovedAndBackWithEvidence(
                        ws, "wave-s", Steps.PROCESSOR, Steps.PROCESSOR_ROLLBACK, "streams " + guarantee);
                JournalEntry plan = Journal.open(ws, Clock.systemUTC()).entries("wave-s").stream()
                        .filter(e -> e.step().equals(Steps.PLAN) && e.phase() == JournalEntry.Phase.END)
                        .findFirst()
                        .orElseThrow();
                assertThat(plan.figures().get(WaveMoves.writesKey(app)).split(","))
                        .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                        Stream.of(input + ".counts", input + ".regions"),
                                        CountingStreams.internalTopics(app).stream())
                                .toList());
                progress.stream().filter(l -> l.contains(app)).forEach(System.out::println);
                link.stop();
            }
        } finally {
            writer.run("stop");
            counting.run("stop");
        }
    }

    /** Waits until the outputs on {@code outputs} cover every input record on the source, then compares them. */
    private static void assertExact(StreamsApp counting, EmbeddedCluster source, EmbeddedCluster outputs)
            throws InterruptedException {
        List<Input> input = counting.inputOn(source.adminClientProperties(), TIMEOUT);
        ClientApp.await(
                "the outputs on " + outputs.bootstrapServers() + " to count all " + input.size() + " input records",
                TIMEOUT,
                () -> counting.outputsOn(outputs.adminClientProperties(), TIMEOUT) >= 2L * input.size());
        assertThat(counting.differences(input, outputs.adminClientProperties(), TIMEOUT))
                .as("outputs on %s against %s input records", outputs.bootstrapServers(), input.size())
                .isEmpty();
    }

    private static Set<String> topics(EmbeddedCluster cluster) {
        try (Admin admin = cluster.admin()) {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void workspace(
            Path ws, EmbeddedCluster source, EmbeddedCluster target, String link, String input, String app)
            throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n"
                        + "  source:\n    properties:\n      bootstrap.servers: " + source.bootstrapServers() + "\n"
                        + "    timeout: 20s\n"
                        + "  target:\n    properties:\n      bootstrap.servers: " + target.bootstrapServers() + "\n"
                        + "    timeout: 20s\n"
                        + "links:\n  " + link + ":\n    topics: \"" + input + ".*|" + app + "-.*\"\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n"
                        + "  - name: orders-writer\n    owner: team-orders\n    roles: [producer]\n"
                        + "    topics: [" + input + "]\n    match:\n      clientId: orders-writer-*\n"
                        + "  - name: " + app + "\n    owner: team-analytics\n    roles: [streams]\n"
                        + "    topics: [" + input + ", " + input + ".counts, " + input + ".regions]\n"
                        + "    writes: [" + input + ".counts, " + input + ".regions]\n"
                        + "    offsets: translate\n    match:\n      groupId: " + app + "\n"
                        + "    switch:\n      file: apps/" + app + "/client.properties\n"
                        + "      command: [sh, apps/" + app + "/switch.sh]\n");
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-s\n    pattern: consumer-first\n    workloads:\n" + "      - " + app
                        + "\n");
    }
}
