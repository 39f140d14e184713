package dev.cutover.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/** What the stateful move tests share: their wave runner, and what they check in the journal after a move and back. */
final class StatefulMoveChecks {
    private StatefulMoveChecks() {}

    /** A runner whose readiness gate is overridden for {@code workload} (the move itself is under test). */
    static WaveRunner runner(Path ws, String workload, List<String> progress) {
        return new WaveRunner(
                dev.cutover.config.Workspace.load(ws),
                Clock.systemUTC(),
                w -> dev.cutover.orchestrator.switching.Switchers.of(
                        w.switchSpec().orElseThrow()),
                (w, wave) -> new WaveRunner.Gate.Verdict(false, List.of(workload)),
                progress::add);
    }

    /** Forced, a short observe window, {@code timeout} for every wait. */
    static WaveOptions options(java.time.Duration timeout) {
        return WaveOptions.defaults()
                .withForce(java.util.Optional.of("test: the move itself is under test"))
                .withObserve(java.time.Duration.ofSeconds(2))
                .withTimeouts(timeout, timeout, timeout);
    }

    /**
     * Each of {@code forward} and {@code back} ended once; both confirmations show 0 replayed and 0 skipped; the forward
     * one compared the written topics by content (every record on both sides) and wrote passing wave-move evidence.
     * Prints each pause, labelled {@code label}.
     */
    static void assertMovedAndBackWithEvidence(
            Path ws, String wave, List<String> forward, List<String> back, String label) throws IOException {
        List<JournalEntry> entries = Journal.open(ws, Clock.systemUTC()).entries(wave);
        for (String step : Stream.concat(forward.stream(), back.stream()).toList()) {
            assertThat(entries)
                    .as(step)
                    .filteredOn(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.END)
                    .hasSize(1);
        }
        for (String step : List.of(Steps.CONFIRM, Steps.ROLLBACK_CONFIRM)) {
            JournalEntry confirm = entries.stream()
                    .filter(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.END)
                    .findFirst()
                    .orElseThrow();
            assertThat(confirm.figures()).containsEntry("replayed", "0").containsEntry("skipped", "0");
            if (step.equals(Steps.CONFIRM)) {
                // the move's state evidence: its written topics the same, record by record, on both sides
                assertThat(confirm.figures())
                        .containsEntry("onlySource", "0")
                        .containsEntry("onlyTarget", "0")
                        .containsEntry("differing", "0")
                        .containsKey("evidence");
                assertThat(Long.parseLong(confirm.figures().get("compared"))).isPositive();
                assertThat(Files.readString(ws.resolve(confirm.figures().get("evidence"))))
                        .contains("\"kind\" : \"wave-move\"", "\"result\" : \"pass\"");
            }
            System.out.println(
                    label + " " + step + " pause: " + confirm.figures().get("pauseMs") + " ms");
        }
    }
}
