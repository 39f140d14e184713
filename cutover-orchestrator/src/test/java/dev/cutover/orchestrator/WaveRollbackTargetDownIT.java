package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target dies after a consumer moved to it — the day one rolls back. {@code wave rollback} works from the journal
 * alone: the client is stopped and started on the source again, the steps that need the target say what they could
 * not do (the group resumes on the source where it stopped there, and reads again what it processed on the target),
 * and no record of the source is skipped.
 */
@ExtendWith(ClustersExtension.class)
class WaveRollbackTargetDownIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void aWaveRollsBackWithTheTargetGoneAndSaysWhatItCouldNotDo(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("ledger", 2, (short) 1)))
                    .all()
                    .get();
        }
        ClientApp app = new ClientApp(ws, "ledger", "ledger", "ledger", source.bootstrapServers());
        // a short profile timeout: how long cutover waits for the dead target before saying so
        WaveWorkspace.write(ws, source.bootstrapServers(), target.bootstrapServers(), "ledger", app);
        Files.writeString(
                ws.resolve("cutover.yaml"),
                Files.readString(ws.resolve("cutover.yaml")).replace("timeout: 20s", "timeout: 5s"));
        List<String> progress = new ArrayList<>();
        WaveRunner runner = new WaveRunner(
                Workspace.load(ws),
                Clock.systemUTC(),
                w -> Switchers.of(w.switchSpec().orElseThrow()),
                (w, wave) -> new WaveRunner.Gate.Verdict(true, List.of()),
                progress::add);
        WaveOptions options =
                WaveOptions.defaults().withObserve(Duration.ofSeconds(2)).withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT);
        TrickleProducer producer = new TrickleProducer(source.adminClientProperties(), "ledger", 2);
        try {
            // Given the app moved to the target by a wave
            try (LinkHandle link = LinkService.start(
                    source.adminClientProperties(),
                    target.adminClientProperties(),
                    LinkSettings.defaults("default")
                            .include("ledger")
                            .lease(Duration.ofMillis(1500), Duration.ofMillis(500)),
                    e -> {})) {
                assertThat(link.awaitStarted(TIMEOUT)).isTrue();
                app.run("start");
                ClientApp.await("records processed on the source", TIMEOUT, () -> app.count() >= 30);
                assertThat(runner.run("wave-1", options).status())
                        .as(String.join("\n", progress))
                        .isEqualTo(WaveState.Status.CONFIRMED);
                long moved = app.count();
                ClientApp.await("records processed on the target", TIMEOUT, () -> app.count() > moved + 10);
                link.stop();
            }

            // When the target dies, and the wave is rolled back
            target.close();
            WaveState back = runner.rollback("wave-1", options);

            // Then it is rolled back, and the journal says what could not be done without the target
            assertThat(back.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);
            assertThat(back.last("ledger", Steps.ROLLBACK_AWAIT_EMPTY_TARGET))
                    .get()
                    .satisfies(e -> assertThat(e.result()).contains("the target does not answer"));
            JournalEntry offsets = back.last("ledger", Steps.ROLLBACK_OFFSETS).orElseThrow();
            assertThat(offsets.result()).contains("resume on the source where they stopped there");
            assertThat(back.last("ledger", Steps.ROLLBACK_CONFIRM).orElseThrow().figures())
                    .containsEntry("replayed", "unknown (target down)")
                    .containsEntry("runsOn", "source");
            assertThat(Files.readString(app.properties())).contains("bootstrap.servers=" + source.bootstrapServers());

            // and the app reads on the source again; once the writer stops, it has processed every record (the ones
            // it read on the target again, as the journal says: none skipped)
            Map<Integer, List<String>> written = producer.stop();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await(
                    "every record processed", TIMEOUT, () -> app.distinct().size() >= total);
            Set<String> all = new HashSet<>();
            written.forEach((p, values) -> values.forEach(v -> all.add(p + "/" + v)));
            assertThat(app.distinct()).containsAll(all);
        } finally {
            producer.close();
            app.run("stop");
        }
    }
}
