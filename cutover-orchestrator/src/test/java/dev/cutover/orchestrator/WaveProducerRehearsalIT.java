package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.orchestrator.switching.Switchers;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.clients.ClientApp;
import dev.cutover.testkit.clients.ProducerApp;
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
 * {@code wave rollback --rehearse} of a producer: it moves to the target and back while it writes, and the rehearsal's
 * evidence rests on both clusters' copies of its topic compared by content over the rehearsal (each record on both
 * sides, as often on one as on the other); a reader on the source processed every record once, in order.
 */
@ExtendWith(ClustersExtension.class)
class WaveProducerRehearsalIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 2;

    @Test
    void aProducersWayBackIsRehearsedWithItsTopicComparedOnBothSides(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        // Given orders copied by the link, orders-writer writing it and shipping reading it on the source
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

            // When orders-writer's way back is rehearsed
            List<String> progress = new ArrayList<>();
            WaveRunner runner = new WaveRunner(
                    Workspace.load(ws),
                    Clock.systemUTC(),
                    w -> Switchers.of(w.switchSpec().orElseThrow()),
                    (w, wave) -> new WaveRunner.Gate.Verdict(true, List.of()),
                    progress::add);
            Rehearsal.Result result = runner.rehearse(
                    "wave-p",
                    "orders-writer",
                    WaveOptions.defaults()
                            .withObserve(Duration.ofSeconds(2))
                            .withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT)
                            .withDualWrite(Duration.ofMinutes(5), Duration.ofSeconds(2)));

            // Then it passed on the comparison of orders on both clusters, with both pauses measured
            assertThat(result.passed())
                    .as(String.join("\n", progress) + "\n" + result.figures())
                    .isTrue();
            assertThat(result.evidence()).hasValueSatisfying(e -> assertThat(e).contains("rollback"));
            Map<String, String> figures = result.figures();
            assertThat(Long.parseLong(figures.get("compared"))).isPositive();
            assertThat(figures)
                    .containsEntry("onlySource", "0")
                    .containsEntry("onlyTarget", "0")
                    .containsEntry("differing", "0")
                    .containsEntry("forward.replayed", "n/a (producer)");
            assertThat(Long.parseLong(figures.get("forward.pauseMs"))).isPositive();
            assertThat(Long.parseLong(figures.get("back.pauseMs"))).isPositive();
            System.out.println("producer rehearsal: " + figures);
            // and it wrote on both clusters, and is back on the source
            assertThat(writer.writtenOn(target.bootstrapServers())).isPositive();
            assertThat(Files.readString(writer.properties()))
                    .contains("bootstrap.servers=" + source.bootstrapServers());

            // and shipping, on the source all along, processed every record it wrote, once, in order
            long after = writer.writtenOn(source.bootstrapServers());
            ClientApp.await(
                    "orders-writer to write on the source again",
                    TIMEOUT,
                    () -> writer.writtenOn(source.bootstrapServers()) > after + 50);
            writer.run("stop");
            Map<Integer, List<String>> written = writer.valuesByPartition();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("shipping to process all " + total, TIMEOUT, () -> shipping.count() >= total);
            assertThat(shipping.valuesByPartition()).isEqualTo(written);
            link.stop();
        } finally {
            writer.run("stop");
            shipping.run("stop");
        }
    }
}
