package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second instance of a moving consumer that nobody stopped — the stray client of every real migration — is caught
 * twice: before the move (its group never empties on the source: the step fails naming it) and after (it comes back on
 * the source while the moved instance runs on the target: the confirmation waits, naming it). Each time, once it is
 * stopped, {@code wave resume} finishes the move.
 */
@ExtendWith(ClustersExtension.class)
class WaveStrayClientIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    @SuppressWarnings("try") // the producer writes in the background for the whole test
    void aStrayInstanceOnTheSourceFailsTheStopThenBlocksTheConfirmationUntilItStops(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("invoices", 2, (short) 1)))
                    .all()
                    .get();
        }
        ClientApp app = new ClientApp(ws, "invoicing", "invoicing", "invoices", source.bootstrapServers());
        ClientApp stray = new ClientApp(ws, "invoicing-stray", "invoicing", "invoices", source.bootstrapServers());
        WaveWorkspace.write(ws, source.bootstrapServers(), target.bootstrapServers(), "invoicing", app);
        LinkSettings settings = LinkSettings.defaults("default")
                .include("invoices")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        List<String> progress = new ArrayList<>();
        try (LinkHandle link = LinkService.start(
                        source.adminClientProperties(), target.adminClientProperties(), settings, e -> {});
                TrickleProducer producer = new TrickleProducer(source.adminClientProperties(), "invoices", 2)) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("link started: %s", link.failure())
                    .isTrue();
            // Given the workload's app and a forgotten second instance of it, both in group invoicing on the source
            app.run("start");
            stray.run("start");
            awaitMembers(source, "invoicing", 2);
            String strayClient =
                    "invoicing-" + Files.readString(stray.dir.resolve("pid")).strip();

            // When the wave runs: the stop step stops the app, but the group never empties
            WaveOptions options = WaveOptions.defaults()
                    .withForce(Optional.of("test"))
                    .withObserve(Duration.ofSeconds(4))
                    .withTimeouts(Duration.ofSeconds(8), TIMEOUT, TIMEOUT);
            WaveRunner runner = runner(ws, progress, () -> {});
            assertThatThrownBy(() -> runner.run("wave-1", options))
                    .isInstanceOf(CutoverException.class)
                    .hasMessageContaining(strayClient);

            // Then the step failed, naming the stray by client id, in the journal too
            WaveState failed = WaveRunner.status(Workspace.load(ws), "wave-1");
            assertThat(failed.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.FAILED);
            JournalEntry why = failed.entries().get(failed.entries().size() - 1);
            assertThat(why.step()).isEqualTo(Steps.AWAIT_EMPTY_SOURCE);
            assertThat(why.result()).contains(strayClient);

            // When the stray is stopped and the wave resumed, and the stray comes back on the source (a supervisor
            // restarted it) just after the app started on the target
            stray.run("stop");
            WaveRunner restarting = runner(ws, progress, () -> {
                try {
                    stray.run("start");
                    awaitMembers(source, "invoicing", 1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            WaveState waiting = restarting.resume("wave-1", options);

            // Then the confirmation waits for it, naming it as a member still on the source
            assertThat(waiting.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.WAITING);
            assertThat(waiting.waitingOn()).get().satisfies(e -> {
                assertThat(e.step()).isEqualTo(Steps.OBSERVE);
                assertThat(e.result())
                        .contains("stray clients block the confirmation")
                        .contains("invoicing-");
            });

            // When it is stopped and the wave resumed, then the wave is confirmed
            stray.run("stop");
            WaveState confirmed = runner(ws, progress, () -> {}).resume("wave-1", options);
            assertThat(confirmed.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
            assertThat(confirmed.entries())
                    .filteredOn(e -> e.step().equals(Steps.START_TARGET) && e.phase() == JournalEntry.Phase.END)
                    .hasSize(1);
        } finally {
            app.run("stop");
            stray.run("stop");
        }
    }

    @Test
    @SuppressWarnings("try") // the producer writes in the background for the whole test
    void aManualSwitcherPausesTheWaveUntilTheOperatorActedAndResumeChecksWhatItCan(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path ws)
            throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("receipts", 2, (short) 1)))
                    .all()
                    .get();
        }
        // Given an app that only its team can stop and start: switch: manual
        ClientApp app = new ClientApp(ws, "receipting", "receipting", "receipts", source.bootstrapServers());
        WaveWorkspace.write(ws, source.bootstrapServers(), target.bootstrapServers(), "receipting", app);
        Path workloads = ws.resolve("workloads.yaml");
        String yaml = Files.readString(workloads);
        Files.writeString(
                workloads,
                yaml.substring(0, yaml.indexOf("    switch:"))
                        + "    switch:\n      manual: ask team-receipting to redeploy receipting\n");
        List<String> progress = new ArrayList<>();
        WaveOptions options =
                WaveOptions.defaults().withObserve(Duration.ofSeconds(2)).withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT);
        try (LinkHandle link = LinkService.start(
                        source.adminClientProperties(),
                        target.adminClientProperties(),
                        LinkSettings.defaults("default")
                                .include("receipts")
                                .lease(Duration.ofMillis(1500), Duration.ofMillis(500)),
                        e -> {});
                TrickleProducer producer = new TrickleProducer(source.adminClientProperties(), "receipts", 2)) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            app.run("start");
            ClientApp.await("records processed on the source", TIMEOUT, () -> app.count() >= 20);

            // When the wave runs, it waits for the operator to stop the app, saying what to do
            WaveState first = runner(ws, progress, () -> {}).run("wave-1", options);
            assertThat(first.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.WAITING);
            assertThat(first.waitingOn()).get().satisfies(e -> {
                assertThat(e.step()).isEqualTo(Steps.STOP_SOURCE);
                assertThat(e.result()).contains("ask team-receipting to redeploy receipting");
            });

            // When the operator stopped it and resumes, the wave checks the group left, moves its position, and waits
            // for the operator to start it on the target
            app.run("stop");
            WaveState second = runner(ws, progress, () -> {}).resume("wave-1", options);
            assertThat(second.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.WAITING);
            assertThat(second.waitingOn()).get().satisfies(e -> {
                assertThat(e.step()).isEqualTo(Steps.START_TARGET);
                assertThat(e.result()).contains(target.bootstrapServers());
            });
            assertThat(second.ended("receipting", Steps.OFFSETS)).isTrue();

            // When the operator pointed it at the target and started it, resume confirms it there
            Files.writeString(
                    app.properties(),
                    Files.readString(app.properties())
                            .replace(
                                    "bootstrap.servers=" + source.bootstrapServers(),
                                    "bootstrap.servers=" + target.bootstrapServers()));
            app.run("start");
            WaveState done = runner(ws, progress, () -> {}).resume("wave-1", options);
            assertThat(done.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
            long before = app.count();
            ClientApp.await("records processed on the target", TIMEOUT, () -> app.count() > before + 10);
            assertThat(app.processed().stream().map(l -> l[4]).distinct())
                    .containsExactlyInAnyOrder(source.bootstrapServers(), target.bootstrapServers());
        } finally {
            app.run("stop");
        }
    }

    /** A runner whose progress callback runs {@code afterStartTarget} once the app has started on the target. */
    private static WaveRunner runner(Path ws, List<String> progress, Runnable afterStartTarget) {
        return new WaveRunner(
                Workspace.load(ws),
                Clock.systemUTC(),
                w -> Switchers.of(w.switchSpec().orElseThrow()),
                (w, wave) -> new WaveRunner.Gate.Verdict(true, List.of()),
                line -> {
                    progress.add(line);
                    if (line.contains(" " + Steps.START_TARGET + ": ")) {
                        afterStartTarget.run();
                    }
                });
    }

    private static void awaitMembers(EmbeddedCluster cluster, String group, int count) throws Exception {
        try (Admin admin = cluster.admin()) {
            ClientApp.await(count + " member(s) in " + group, TIMEOUT, () -> {
                try {
                    return admin.describeConsumerGroups(List.of(group))
                                    .all()
                                    .get()
                                    .get(group)
                                    .members()
                                    .size()
                            == count;
                } catch (InterruptedException | ExecutionException e) {
                    return false;
                }
            });
        }
    }
}
