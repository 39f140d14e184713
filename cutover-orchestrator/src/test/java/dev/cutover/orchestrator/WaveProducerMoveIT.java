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
import dev.cutover.testkit.clients.ProducerApp;
import dev.cutover.testkit.clients.TopicValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer application in its own JVM moves to the target in a producer-first wave while a consumer application
 * stays on the source, then comes back in a rollback. The write authority of its topic moves with it: the link's
 * forward copy drains and stops, a reverse copy feeds the source, and after the rollback the forward copy resumes. The
 * producer's own log of what it wrote (acknowledged) must match, partition by partition and in order, both what the
 * reader processed and what the target's topic holds: nothing lost, nothing twice, on either side. In between, the
 * reader itself moves to the target and back in a consumer wave while its position lies in the range the reverse copy
 * wrote: its offsets translate exactly through the two maps composed, both ways.
 */
@ExtendWith(ClustersExtension.class)
class WaveProducerMoveIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 2;

    @Test
    void aProducerMovesWithItsTopicAndComesBackWithEveryRecordOnceOnBothSides(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        // Given topic orders on the source, a link copying it, orders-writer writing it and shipping reading it there
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        ProducerApp writer = new ProducerApp(ws, "orders-writer", "orders", PARTITIONS, source.bootstrapServers());
        ClientApp shipping = new ClientApp(ws, "shipping", "shipping", "orders", source.bootstrapServers());
        WaveWorkspaces.producerAndReader(ws, source, target);
        LinkSettings settings = LinkSettings.defaults("default")
                .include("orders")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        try (LinkHandle link =
                LinkService.start(source.adminClientProperties(), target.adminClientProperties(), settings, e -> {})) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("link started: %s", link.failure())
                    .isTrue();
            writer.run("start");
            shipping.run("start");
            ClientApp.await("shipping to process 100 records", TIMEOUT, () -> shipping.count() >= 100);

            // When wave-p moves orders-writer (its readiness gate overridden: the move is under test)
            List<String> progress = new ArrayList<>();
            WaveRunner runner = new WaveRunner(
                    Workspace.load(ws),
                    Clock.systemUTC(),
                    w -> Switchers.of(w.switchSpec().orElseThrow()),
                    (w, wave) -> new WaveRunner.Gate.Verdict(false, List.of("orders-writer")),
                    progress::add);
            WaveOptions options = WaveOptions.defaults()
                    .withForce(Optional.of("test: the move itself is under test"))
                    .withObserve(Duration.ofSeconds(2))
                    .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT);
            WaveState moved = runner.run("wave-p", options);

            // Then it is confirmed and writes on the target, its file pointing there, and the reverse copy runs
            assertThat(moved.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
            assertThat(Files.readString(writer.properties()))
                    .contains("bootstrap.servers=" + target.bootstrapServers(), "# every record acknowledged");
            assertThat(link.reverseCopy()).isPresent();
            // and link status shows the turn-around, where each partition was taken over
            var status = dev.cutover.link.status.LinkStatusQuery.read(
                    Workspace.load(ws).profile("target"), Optional.empty(), "default", Clock.systemUTC());
            assertThat(status.turnedAround()).singleElement().satisfies(r -> {
                assertThat(r.topic()).isEqualTo("orders");
                assertThat(r.ends()).hasSize(PARTITIONS);
            });
            long onSourceBefore = writer.writtenOn(source.bootstrapServers());
            ClientApp.await(
                    "orders-writer to write 100 records on the target",
                    TIMEOUT,
                    () -> writer.writtenOn(target.bootstrapServers()) >= 100);
            // and shipping, still on the source, receives what it writes there
            ClientApp.await(
                    "shipping to process records the moved writer wrote",
                    TIMEOUT,
                    () -> shipping.count() > onSourceBefore + 50);

            // When shipping follows in a consumer wave: its position lies in the range the reverse copy wrote, and
            // translates exactly through the forward and reverse maps composed; then it comes back (the reverse way)
            WaveState readerMoved = runner.run("wave-c", options);
            assertThat(readerMoved.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
            long readBefore = shipping.count();
            ClientApp.await("shipping to process on the target", TIMEOUT, () -> shipping.count() > readBefore + 50);
            WaveState readerBack = runner.rollback("wave-c", options);
            assertThat(readerBack.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);
            long readAfter = shipping.count();
            ClientApp.await(
                    "shipping to process on the source again", TIMEOUT, () -> shipping.count() > readAfter + 50);

            // When the producer's wave is rolled back
            WaveState back = runner.rollback("wave-p", options);
            assertThat(back.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);
            assertThat(Files.readString(writer.properties()))
                    .contains("bootstrap.servers=" + source.bootstrapServers());
            long onSourceAfter = writer.writtenOn(source.bootstrapServers());
            ClientApp.await(
                    "orders-writer to write 100 more records on the source",
                    TIMEOUT,
                    () -> writer.writtenOn(source.bootstrapServers()) >= onSourceAfter + 100);

            // Then, once it stops: shipping processed every record it wrote, once, in order, on either cluster
            writer.run("stop");
            Map<Integer, List<String>> written = writer.valuesByPartition();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("shipping to process all " + total + " records", TIMEOUT, () -> shipping.count() >= total);
            assertThat(shipping.valuesByPartition()).isEqualTo(written);
            // and the target's topic holds each of them once, in order: copied forward, written there, copied forward
            // again after the rollback, and nothing the reverse copy wrote copied back the way it came
            ClientApp.await("the link to copy the last records", TIMEOUT, () -> valuesOn(target)
                    .equals(written));
            assertThat(valuesOn(target)).isEqualTo(written);
            assertThat(writer.written().stream().map(l -> l[4]).distinct())
                    .containsExactlyInAnyOrder(source.bootstrapServers(), target.bootstrapServers());

            // and the journal holds each step once, begun and ended
            List<JournalEntry> entries = Journal.open(ws, Clock.systemUTC()).entries("wave-p");
            for (String step : java.util.stream.Stream.concat(Steps.PRODUCER.stream(), Steps.PRODUCER_ROLLBACK.stream())
                    .toList()) {
                assertThat(entries)
                        .as(step)
                        .filteredOn(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.END)
                        .hasSize(1);
            }
            JournalEntry confirm = entries.stream()
                    .filter(e -> e.step().equals(Steps.CONFIRM) && e.phase() == JournalEntry.Phase.END)
                    .findFirst()
                    .orElseThrow();
            System.out.println("producer move pause: " + confirm.figures().get("pauseMs") + " ms");
            progress.stream().filter(l -> l.contains("orders-writer")).forEach(System.out::println);
            JournalEntry drain = entries.stream()
                    .filter(e -> e.step().equals(Steps.DRAIN_FORWARD) && e.phase() == JournalEntry.Phase.END)
                    .findFirst()
                    .orElseThrow();
            assertThat(drain.figures()).containsEntry("reverse", "true").containsEntry("readersOnSource", "shipping");
            List<JournalEntry> reader = Journal.open(ws, Clock.systemUTC()).entries("wave-c");
            for (String step : List.of(Steps.CONFIRM, Steps.ROLLBACK_CONFIRM)) {
                assertThat(reader)
                        .filteredOn(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.END)
                        .singleElement()
                        .satisfies(e -> assertThat(e.figures())
                                .containsEntry("replayed", "0")
                                .containsEntry("skipped", "0"));
            }
            assertThat(shipping.processed().stream().map(l -> l[4]).distinct())
                    .containsExactlyInAnyOrder(source.bootstrapServers(), target.bootstrapServers());
            link.stop();
        } finally {
            writer.run("stop");
            shipping.run("stop");
        }
    }

    private static Map<Integer, List<String>> valuesOn(EmbeddedCluster cluster) {
        return TopicValues.byPartition(cluster.adminClientProperties(), "orders", PARTITIONS, TIMEOUT);
    }
}
