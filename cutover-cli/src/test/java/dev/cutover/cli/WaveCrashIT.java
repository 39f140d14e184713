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
import dev.cutover.testkit.clients.TrickleProducer;
import dev.cutover.testkit.clients.WaveWorkspace;
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
 * cutover itself (a child JVM running {@code wave run} or {@code wave rollback}) is killed with SIGKILL at a step's
 * beginning and at a step's end, forward and back, four times each, while records keep arriving on the source; each
 * time {@code wave resume} or {@code wave rollback} finishes the job. The consumer — a real application in its own JVM
 * — must have processed every record of every partition exactly once and in order, and the journal must show each
 * step's effect (its {@code end}) exactly once per attempt.
 */
@ExtendWith(ClustersExtension.class)
class WaveCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 3;

    /** Where a forward run is killed, and where the rollback after it: (step, phase) pairs. */
    private static final List<String[]> FORWARD_KILLS = List.of(
            new String[] {Steps.STOP_SOURCE, "BEGIN"},
            new String[] {Steps.OFFSETS, "END"},
            new String[] {Steps.START_TARGET, "BEGIN"},
            new String[] {Steps.OBSERVE, "BEGIN"});

    private static final List<String[]> ROLLBACK_KILLS = List.of(
            new String[] {Steps.ROLLBACK_STOP_TARGET, "BEGIN"},
            new String[] {Steps.ROLLBACK_OFFSETS, "END"},
            new String[] {Steps.ROLLBACK_START_SOURCE, "BEGIN"},
            new String[] {Steps.ROLLBACK_AWAIT_MEMBERS_SOURCE, "BEGIN"});

    @TempDir
    Path ws;

    @Test
    void killedAtStepBoundariesAndMidStepTheWaveResumesAndRollsBackWithNothingReplayedOrSkipped(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("payments", PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        ClientApp billing = new ClientApp(ws, "billing", "billing", "payments", source.bootstrapServers());
        WaveWorkspace.write(ws, source.bootstrapServers(), target.bootstrapServers(), "billing", billing);
        LinkSettings settings = LinkSettings.defaults("default")
                .include("payments")
                .lease(Duration.ofMillis(1500), Duration.ofMillis(500));
        String w = ws.toString();
        TrickleProducer producer = null;
        try (LinkHandle link =
                LinkService.start(source.adminClientProperties(), target.adminClientProperties(), settings, e -> {})) {
            assertThat(link.awaitStarted(TIMEOUT))
                    .as("link started: %s", link.failure())
                    .isTrue();
            producer = new TrickleProducer(source.adminClientProperties(), "payments", PARTITIONS);
            billing.run("start");
            ClientApp.await("billing to process records on the source", TIMEOUT, () -> billing.count() >= 50);

            for (int i = 0; i < FORWARD_KILLS.size(); i++) {
                // When a wave run is killed at this point, then resumed
                killAt(
                        FORWARD_KILLS.get(i),
                        "wave",
                        "run",
                        "--workspace",
                        w,
                        "--wave",
                        "wave-1",
                        "--observe",
                        "1s",
                        "--force",
                        "crash test");
                Cli.Result resumed = Cli.run("wave", "resume", "--workspace", w, "--wave", "wave-1", "--observe", "1s");
                assertThat(resumed.exitCode()).as(resumed.all()).isZero();
                assertThat(resumed.out()).contains("confirmed");
                long before = billing.count();
                ClientApp.await("billing to process on the target", TIMEOUT, () -> billing.count() > before + 10);

                // When its rollback is killed at this point, then run again
                killAt(ROLLBACK_KILLS.get(i), "wave", "rollback", "--workspace", w, "--wave", "wave-1");
                Cli.Result back = Cli.run("wave", "rollback", "--workspace", w, "--wave", "wave-1");
                assertThat(back.exitCode()).as(back.all()).isZero();
                assertThat(back.out()).contains("rolled back");
                long after = billing.count();
                ClientApp.await("billing to process on the source again", TIMEOUT, () -> billing.count() > after + 10);
            }

            // Then billing processed every record of every partition exactly once, in order, on both clusters
            Map<Integer, List<String>> written = producer.stop();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("billing to process all " + total + " records", TIMEOUT, () -> billing.count() >= total);
            assertThat(billing.valuesByPartition()).isEqualTo(written);
            assertThat(billing.processed().stream().map(l -> l[4]).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(source.bootstrapServers(), target.bootstrapServers());

            // and every attempt's journal shows each step's effect exactly once
            WaveKills.assertEachStepEndedOncePerAttempt(
                    ws,
                    "wave-1",
                    FORWARD_KILLS.size(),
                    "billing " + Steps.CONFIRM,
                    "billing " + Steps.ROLLBACK_CONFIRM);
            link.stop();
        } finally {
            if (producer != null) {
                producer.close();
            }
            billing.run("stop");
        }
    }

    private void killAt(String[] point, String... args) throws Exception {
        WaveKills.killAt(ws, TIMEOUT, point, args);
    }
}
