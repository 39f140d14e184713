package dev.cutover.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry.Phase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wave metrics come from the journal's lines: states, durations, strays, refusals, pauses; unknown is no sample. */
class JournalMetersTest {
    @TempDir
    Path ws;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:30Z"), ZoneOffset.UTC);

    @Test
    void stepsStrayClientsRefusalsAndPausesAreReadFromTheJournal() {
        // Given a journal where a wave's offsets step was refused once, then passed, observe waits on two strays,
        // and an earlier wave confirmed a producer (no replay figure: "n/a")
        Journal journal = Journal.open(ws, Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));
        Optional<String> billing = Optional.of("billing");
        journal.append("r1", "w1", billing, "offsets", Phase.BEGIN, "started", Map.of());
        journal.append(
                "r1",
                "w1",
                billing,
                "offsets",
                Phase.FAILED,
                "offsets not moved",
                Map.of("durationMs", "1200", "refused.billing", "LINK_BEHIND"));
        journal.append("r2", "w1", billing, "offsets", Phase.BEGIN, "started", Map.of());
        journal.append(
                "r2",
                "w1",
                billing,
                "offsets",
                Phase.END,
                "translated",
                Map.of("durationMs", "800", "translated.billing", "3", "direction", "forward"));
        journal.append(
                "r2",
                "w1",
                billing,
                "observe",
                Phase.WAITING,
                "stray clients",
                Map.of("straysFound", "2", "durationMs", "10000"));
        journal.append("r2", "w1", Optional.of("ledger"), "start-target", Phase.BEGIN, "started", Map.of());
        journal.append(
                "r0",
                "w0",
                Optional.of("orders-api"),
                "confirm",
                Phase.END,
                "writes on the target",
                Map.of(
                        "durationMs",
                        "0",
                        "pauseMs",
                        "2429",
                        "replayed",
                        "n/a (producer)",
                        "skipped",
                        "n/a (producer)"));

        // When its meters are scraped
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (JournalMeters meters = new JournalMeters(ws, clock)) {
            meters.bindTo(registry);
            String text = registry.scrape();

            // Then each step shows the state and duration of its last line
            assertThat(text)
                    .contains(
                            "cutover_wave_step_state{state=\"done\",step=\"offsets\",wave=\"w1\",workload=\"billing\"} 1.0")
                    .contains(
                            "cutover_wave_step_state{state=\"failed\",step=\"offsets\",wave=\"w1\",workload=\"billing\"} 0.0")
                    .contains(
                            "cutover_wave_step_duration_seconds{step=\"offsets\",wave=\"w1\",workload=\"billing\"} 0.8")
                    .contains(
                            "cutover_wave_step_state{state=\"waiting\",step=\"observe\",wave=\"w1\",workload=\"billing\"} 1.0")
                    // a running step: time since it began (the clock is 30 s after the journal's)
                    .contains(
                            "cutover_wave_step_state{state=\"running\",step=\"start-target\",wave=\"w1\",workload=\"ledger\"} 1.0")
                    .contains(
                            "cutover_wave_step_duration_seconds{step=\"start-target\",wave=\"w1\",workload=\"ledger\"} 30.0");
            // and the wave waits for an operator because of two stray clients
            assertThat(text)
                    .contains("cutover_wave_steps_waiting{wave=\"w1\"} 1.0")
                    .contains("cutover_wave_stray_clients{wave=\"w1\"} 2.0")
                    .contains("cutover_wave_stray_clients{wave=\"w0\"} 0.0");
            // and the group's translation and its earlier refusal are counted
            assertThat(text)
                    .contains(
                            "cutover_offsets_translated_partitions{direction=\"forward\",group=\"billing\",wave=\"w1\","
                                    + "workload=\"billing\"} 3.0")
                    .contains(
                            "cutover_offsets_refused_syncs_total{group=\"billing\",reason=\"link_behind\",wave=\"w1\","
                                    + "workload=\"billing\"} 1.0");
            // and the producer's pause is there, but its replay count is unknown, not 0: no sample at all
            assertThat(text)
                    .contains(
                            "cutover_wave_pause_seconds{direction=\"forward\",wave=\"w0\",workload=\"orders-api\"} 2.429")
                    .doesNotContain("cutover_wave_replayed_records{direction=\"forward\",wave=\"w0\"");

            // When the operator resumes and the step passes, the next read shows it
            journal.append("r3", "w1", billing, "observe", Phase.END, "no strays", Map.of("durationMs", "4000"));
            meters.refresh();
            String after = registry.scrape();
            assertThat(after)
                    .contains("cutover_wave_steps_waiting{wave=\"w1\"} 0.0")
                    .contains("cutover_wave_stray_clients{wave=\"w1\"} 0.0")
                    .contains(
                            "cutover_wave_step_state{state=\"done\",step=\"observe\",wave=\"w1\",workload=\"billing\"} 1.0");
        }
    }
}
