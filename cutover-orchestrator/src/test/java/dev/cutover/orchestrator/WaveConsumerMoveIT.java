package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.orchestrator.switching.Switchers;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.clients.ClientApp;
import dev.cutover.testkit.clients.TrickleProducer;
import dev.cutover.testkit.clients.WaveWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer application in its own JVM moves to the target in a wave and back in a rollback while records keep
 * arriving on the source and the link copies them. Its own log of what it processed must hold every source record of
 * each partition exactly once and in order, across both moves.
 */
@ExtendWith(ClustersExtension.class)
class WaveConsumerMoveIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 3;

    @Test
    void aConsumerMovesAndComesBackWithNothingReplayedOrSkipped(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        // Given topic payments on the source, a link copying it, a producer writing to it all along, and billing —
        // a consumer in its own JVM — reading it on the source
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("payments", PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        ClientApp billing = new ClientApp(ws, "billing", "billing", "payments", source.bootstrapServers());
        WaveWorkspace.write(ws, source.bootstrapServers(), target.bootstrapServers(), "billing", billing);
        TrickleProducer producer = null;
        LinkSettings settings = LinkSettings.defaults("default")
                .include("payments")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        try (LinkHandle link =
                LinkService.start(source.adminClientProperties(), target.adminClientProperties(), settings, e -> {})) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("link started: %s", link.failure())
                    .isTrue();
            producer = new TrickleProducer(source.adminClientProperties(), "payments", PARTITIONS);
            billing.run("start");
            ClientApp.await("billing to process 100 records on the source", TIMEOUT, () -> billing.count() >= 100);

            // When wave-1 moves it (its readiness gate overridden: this test proves the move, not readiness)
            List<String> progress = new ArrayList<>();
            WaveRunner runner = new WaveRunner(
                    Workspace.load(ws),
                    Clock.systemUTC(),
                    w -> Switchers.of(w.switchSpec().orElseThrow()),
                    (w, wave) -> new WaveRunner.Gate.Verdict(false, List.of("billing")),
                    progress::add);
            WaveOptions options = WaveOptions.defaults()
                    .withForce(java.util.Optional.of("test: the move itself is under test"))
                    .withObserve(Duration.ofSeconds(2))
                    .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT);
            WaveState moved = runner.run("wave-1", options);

            // Then the wave is confirmed, the client's file points at the target with its comments kept
            assertThat(moved.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
            String props = Files.readString(billing.properties());
            assertThat(props)
                    .contains("bootstrap.servers=" + target.bootstrapServers())
                    .doesNotContain(source.bootstrapServers())
                    .contains("# billing's Kafka client settings (kept by its team)", "max.poll.records=50");
            ClientApp.await("billing to process records on the target", TIMEOUT, () -> {
                try {
                    return billing.processed().stream().anyMatch(l -> l[4].equals(target.bootstrapServers()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            // When the wave is rolled back while records keep coming
            WaveState back = runner.rollback("wave-1", options);
            assertThat(back.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);
            assertThat(Files.readString(billing.properties()))
                    .contains("bootstrap.servers=" + source.bootstrapServers());

            // Then, once the producer stops and billing has read everything on the source, it processed every record
            // of every partition exactly once, in order, across both moves
            Map<Integer, List<String>> written = producer.stop();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("billing to process all " + total + " records", TIMEOUT, () -> billing.count() >= total);
            assertThat(billing.valuesByPartition()).isEqualTo(written);
            assertThat(billing.processed().stream().map(l -> l[4]).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(source.bootstrapServers(), target.bootstrapServers());

            // and the journal holds each step once, begun and ended, with the pause and 0 replayed / 0 skipped
            List<JournalEntry> entries = Journal.open(ws, Clock.systemUTC()).entries("wave-1");
            for (String step : List.of(Steps.GATE, Steps.PLAN, Steps.CONFIRM_WAVE, Steps.ROLLED_BACK)) {
                assertThat(entries)
                        .filteredOn(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.END)
                        .hasSize(1);
            }
            for (String step : java.util.stream.Stream.concat(Steps.CONSUMER.stream(), Steps.ROLLBACK.stream())
                    .toList()) {
                assertThat(entries)
                        .as(step)
                        .filteredOn(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.BEGIN)
                        .hasSize(1);
                assertThat(entries)
                        .as(step)
                        .filteredOn(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.END)
                        .hasSize(1);
            }
            JournalEntry confirm = entries.stream()
                    .filter(e -> e.step().equals(Steps.CONFIRM) && e.phase() == JournalEntry.Phase.END)
                    .findFirst()
                    .orElseThrow();
            assertThat(confirm.figures()).containsEntry("replayed", "0").containsEntry("skipped", "0");
            System.out.println("consumer move pause: " + confirm.figures().get("pauseMs") + " ms");
            assertThat(entries)
                    .filteredOn(e -> e.step().equals(Steps.GATE))
                    .last()
                    .satisfies(
                            e -> assertThat(e.figures()).containsEntry("force", "test: the move itself is under test"));
            link.stop();
        } finally {
            if (producer != null) {
                producer.close();
            }
            billing.run("stop");
        }
    }
}
