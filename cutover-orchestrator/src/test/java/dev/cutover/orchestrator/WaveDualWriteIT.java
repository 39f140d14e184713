package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dual-write wave: a producer application writes every record to both clusters (the link does not copy its topic),
 * one reader moves with it and another stays on the source. The wave compares both sides by content first, moves the
 * reader with its position placed after the same records on the target, retires the producer's source writes (turned
 * around: the reader left on the source keeps receiving what it now writes on the target alone), then everything comes
 * back in a rollback. Each reader must have processed every record the producer wrote, once, in order; both clusters'
 * topics must hold each once, in order. A divergence between the two sides stops the wave before anything moves.
 */
@ExtendWith(ClustersExtension.class)
class WaveDualWriteIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 2;
    private static final Duration SETTLE = Duration.ofSeconds(2);

    @Test
    void aDualWritingProducerAndItsReaderMoveAndComeBackWithEveryRecordOnce(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        // Given topic orders on both clusters, written to both by orders-writer, read by shipping and billing on the
        // source, and a link that copies another topic only
        create(source, "orders", "other");
        create(target, "orders");
        ProducerApp writer = ProducerApp.dualWriting(
                ws, "orders-writer", "orders", PARTITIONS, source.bootstrapServers(), target.bootstrapServers());
        ClientApp shipping = new ClientApp(ws, "shipping", "shipping", "orders", source.bootstrapServers());
        ClientApp billing = new ClientApp(ws, "billing", "billing", "orders", source.bootstrapServers());
        workspace(ws, source, target, "orders", "shipping", "orders-writer");
        LinkSettings settings = LinkSettings.defaults("default")
                .include("other")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        try (LinkHandle link =
                LinkService.start(source.adminClientProperties(), target.adminClientProperties(), settings, e -> {})) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("link started: %s", link.failure())
                    .isTrue();
            writer.run("start");
            shipping.run("start");
            billing.run("start");
            ClientApp.await("shipping to process 100 records", TIMEOUT, () -> shipping.count() >= 100);
            ClientApp.await(
                    "orders-writer to write 100 records on the target too",
                    TIMEOUT,
                    () -> writer.writtenOn(target.bootstrapServers()) >= 100);
            awaitComparable("orders", source, target);

            // When wave-d runs (its readiness gate overridden: the move is under test)
            List<String> progress = new ArrayList<>();
            WaveRunner runner = runner(ws, progress);
            WaveOptions options = options();
            WaveState moved = runner.run("wave-d", options);

            // Then it is confirmed: shipping reads the target, orders-writer writes there alone, turned around
            assertThat(moved.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
            assertThat(Files.readString(writer.properties()))
                    .contains("bootstrap.servers=" + target.bootstrapServers())
                    .doesNotContain("dual.bootstrap.servers");
            long onTargetBefore = writer.writtenOn(target.bootstrapServers());
            long billedBefore = billing.count();
            ClientApp.await(
                    "orders-writer to write 100 records on the target alone",
                    TIMEOUT,
                    () -> writer.writtenOn(target.bootstrapServers()) >= onTargetBefore + 100);
            // and billing, left on the source, receives them through the reverse copy
            ClientApp.await(
                    "billing to process records written on the target alone",
                    TIMEOUT,
                    () -> billing.count() > billedBefore + 100);
            long shippedBefore = shipping.count();
            ClientApp.await("shipping to process on the target", TIMEOUT, () -> shipping.count() > shippedBefore + 50);

            // When the wave is rolled back
            WaveState back = runner.rollback("wave-d", options);
            assertThat(back.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);
            assertThat(Files.readString(writer.properties()))
                    .contains("bootstrap.servers=" + source.bootstrapServers())
                    .contains("dual.bootstrap.servers=" + target.bootstrapServers());
            long onSourceAfter = writer.writtenOn(source.bootstrapServers());
            ClientApp.await(
                    "orders-writer to write both clusters again",
                    TIMEOUT,
                    () -> writer.writtenOn(source.bootstrapServers()) >= onSourceAfter + 100);

            // Then, once it stops: each reader processed every record it wrote, once, in order
            writer.run("stop");
            Map<Integer, List<String>> written = writer.distinctValuesByPartition();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("shipping to process all " + total, TIMEOUT, () -> shipping.count() >= total);
            ClientApp.await("billing to process all " + total, TIMEOUT, () -> billing.count() >= total);
            assertThat(shipping.valuesByPartition()).isEqualTo(written);
            assertThat(billing.valuesByPartition()).isEqualTo(written);
            // and each cluster's topic holds each once, in order (written there, or copied back by the reverse copy)
            ClientApp.await("the reverse copy's last records", TIMEOUT, () -> valuesOn(source)
                    .equals(written));
            assertThat(valuesOn(source)).isEqualTo(written);
            assertThat(valuesOn(target)).isEqualTo(written);
            assertThat(shipping.processed().stream().map(l -> l[4]).distinct())
                    .containsExactlyInAnyOrder(source.bootstrapServers(), target.bootstrapServers());

            // and the journal holds each step once, begun and ended; shipping's moves replayed and skipped nothing
            List<JournalEntry> entries = Journal.open(ws, Clock.systemUTC()).entries("wave-d");
            for (String step : Stream.of(
                            Steps.DUAL_WRITE_PRODUCER.stream(),
                            Steps.PRODUCER_ROLLBACK.stream(),
                            Steps.CONSUMER.stream(),
                            Steps.ROLLBACK.stream(),
                            Stream.of(Steps.COMPARE))
                    .flatMap(s -> s)
                    .distinct()
                    .toList()) {
                long expected = Steps.DUAL_WRITE_PRODUCER.contains(step) && Steps.CONSUMER.contains(step)
                                || Steps.PRODUCER_ROLLBACK.contains(step) && Steps.ROLLBACK.contains(step)
                        ? 2
                        : 1;
                assertThat(entries)
                        .as(step)
                        .filteredOn(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.END)
                        .hasSize((int) expected);
            }
            for (String step : List.of(Steps.CONFIRM, Steps.ROLLBACK_CONFIRM)) {
                assertThat(entries)
                        .filteredOn(e -> e.subject().equals("shipping")
                                && e.step().equals(step)
                                && e.phase() == JournalEntry.Phase.END)
                        .singleElement()
                        .satisfies(e -> assertThat(e.figures())
                                .containsEntry("replayed", "0")
                                .containsEntry("skipped", "0"));
            }
            entries.stream()
                    .filter(e -> e.step().equals(Steps.CONFIRM) && e.phase() == JournalEntry.Phase.END)
                    .forEach(e -> System.out.println("dual-write wave: " + e.subject() + " pause "
                            + e.figures().get("pauseMs") + " ms"));
            progress.stream().filter(l -> l.contains("(") && l.endsWith(" s)")).forEach(System.out::println);
            link.stop();
        } finally {
            writer.run("stop");
            shipping.run("stop");
            billing.run("stop");
        }
    }

    @Test
    void aRecordOnOneSideOnlyStopsTheWaveBeforeAnythingMoves(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        // Given invoices written to both clusters, and one record the source never got
        create(source, "invoices");
        create(target, "invoices");
        ProducerApp writer = ProducerApp.dualWriting(
                ws, "orders-writer", "invoices", PARTITIONS, source.bootstrapServers(), target.bootstrapServers());
        workspace(ws, source, target, "invoices", "orders-writer");
        try {
            writer.run("start");
            ClientApp.await(
                    "orders-writer to write 50 records on both",
                    TIMEOUT,
                    () -> writer.writtenOn(target.bootstrapServers()) >= 50);
            awaitComparable("invoices", source, target);
            Map<String, Object> props = new HashMap<>(target.adminClientProperties());
            try (var stray = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                stray.send(new ProducerRecord<>("invoices", 1, System.currentTimeMillis() - 5_000, "k1", "stray"))
                        .get();
            }

            // When the wave runs
            List<String> progress = new ArrayList<>();
            WaveRunner runner = runner(ws, progress);

            // Then the comparison stops it, naming the record, and nothing moved
            assertThatThrownBy(() -> runner.run("wave-d", options()))
                    .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.getMessage())
                            .contains(
                                    "the dual writes do not agree", "1 only on the target", "only on the target: 1/"));
            WaveState state = WaveRunner.status(Workspace.load(ws), "wave-d");
            assertThat(state.status()).isEqualTo(WaveState.Status.FAILED);
            assertThat(state.entries()).noneMatch(e -> e.step().equals(Steps.STOP_SOURCE));
            assertThat(Files.readString(writer.properties())).contains("dual.bootstrap.servers");
        } finally {
            writer.run("stop");
        }
    }

    /** Until both sides hold records stamped before the comparison's window ends (settle before now). */
    static void awaitComparable(String topic, EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        TopicValues.awaitRecordsOlderThan(
                List.of(source.adminClientProperties(), target.adminClientProperties()),
                topic,
                PARTITIONS,
                SETTLE.plusSeconds(1),
                TIMEOUT);
    }

    private static WaveRunner runner(Path ws, List<String> progress) {
        return new WaveRunner(
                Workspace.load(ws),
                Clock.systemUTC(),
                w -> Switchers.of(w.switchSpec().orElseThrow()),
                (w, wave) -> new WaveRunner.Gate.Verdict(false, List.of("orders-writer")),
                line -> {
                    synchronized (progress) {
                        progress.add(line);
                    }
                });
    }

    private static WaveOptions options() {
        return WaveOptions.defaults()
                .withForce(Optional.of("test: the move itself is under test"))
                .withObserve(Duration.ofSeconds(2))
                .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT)
                .withDualWrite(Duration.ofSeconds(30), SETTLE);
    }

    private static Map<Integer, List<String>> valuesOn(EmbeddedCluster cluster) {
        return TopicValues.byPartition(cluster.adminClientProperties(), "orders", PARTITIONS, TIMEOUT);
    }

    private static void create(EmbeddedCluster cluster, String... topics) throws Exception {
        try (Admin admin = cluster.admin()) {
            List<NewTopic> all = new ArrayList<>();
            for (String t : topics) {
                all.add(new NewTopic(t, PARTITIONS, (short) 1));
            }
            admin.createTopics(all).all().get();
        }
    }

    private static void workspace(Path ws, EmbeddedCluster source, EmbeddedCluster target, String topic, String... wave)
            throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n"
                        + "  source:\n    properties:\n      bootstrap.servers: " + source.bootstrapServers() + "\n"
                        + "    timeout: 20s\n"
                        + "  target:\n    properties:\n      bootstrap.servers: " + target.bootstrapServers() + "\n"
                        + "    timeout: 20s\n"
                        + "links:\n  default:\n    topics: other\n",
                StandardCharsets.UTF_8);
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n"
                        + "  - name: orders-writer\n    owner: team-orders\n    roles: [producer]\n"
                        + "    topics: [" + topic + "]\n    match:\n      clientId: orders-writer-*\n"
                        + "    switch:\n      command: [sh, apps/orders-writer/switch.sh]\n"
                        + "  - name: shipping\n    owner: team-shipping\n    roles: [consumer]\n"
                        + "    topics: [" + topic + "]\n    offsets: translate\n    match:\n      groupId: shipping\n"
                        + "    switch:\n      command: [sh, apps/shipping/switch.sh]\n",
                StandardCharsets.UTF_8);
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-d\n    pattern: dual-write\n    workloads:\n"
                        + String.join(
                                "",
                                Stream.of(wave).map(w -> "      - " + w + "\n").toList()),
                StandardCharsets.UTF_8);
    }
}
