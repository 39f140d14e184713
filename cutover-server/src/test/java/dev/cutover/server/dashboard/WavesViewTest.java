package dev.cutover.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.orchestrator.journal.JournalEntry.Phase;
import dev.cutover.readiness.plan.CutoverPattern;
import dev.cutover.readiness.plan.Plan;
import dev.cutover.readiness.plan.Wave;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Waves section from a journal: plan order first, the journal's figures per workload, nothing invented. */
class WavesViewTest {
    private final List<JournalEntry> journal = new ArrayList<>();

    @Test
    void aConfirmedMoveShowsItsPauseReplayedSkippedAndStraysAndAWaveNeverRunIsNotStarted() {
        // Given a plan of two waves, a journal in which the second moved billing and a rehearsal of the first
        Plan plan = new Plan(
                Plan.VERSION,
                List.of(
                        new Wave("wave-1", 1, CutoverPattern.LINKED, "why 1", List.of("orders"), Optional.empty()),
                        new Wave(
                                "wave-2",
                                2,
                                CutoverPattern.CONSUMER_FIRST,
                                "why 2",
                                List.of("billing"),
                                Optional.of("team-billing"))),
                Map.of(),
                List.of());
        add("rehearsal:wave-1:orders", null, "gate", Phase.END, "rehearsal", Map.of());
        add("wave-2", null, "gate", Phase.BEGIN, "started", Map.of());
        add("wave-2", null, "gate", Phase.END, "ready", Map.of());
        add("wave-2", "billing", "await-empty-source", Phase.END, "empty", Map.of("strayBaseline", "{\"big\":1}"));
        add("wave-2", "billing", "observe", Phase.END, "fine", Map.of("strays", "none (members checked)"));
        add(
                "wave-2",
                "billing",
                "confirm",
                Phase.END,
                "confirmed",
                Map.of("pauseMs", "1200", "replayed", "0", "skipped", "0", "runsOn", "target"));
        add("wave-2", null, "confirm-wave", Phase.END, "confirmed", Map.of());

        // When the Waves section is built
        WavesView view = WavesView.of(Optional.of(plan), journal, false);

        // Then the plan's waves come first in order, then the wave only the journal knows
        assertThat(view.waves())
                .extracting(WavesView.WaveView::name)
                .containsExactly("wave-1", "wave-2", "rehearsal:wave-1:orders");
        WavesView.WaveView notRun = view.waves().get(0);
        assertThat(notRun.status()).isEqualTo("not_started");
        assertThat(notRun.workloads()).isEmpty();
        assertThat(notRun.planned()).containsExactly("orders");

        // And the moved wave is confirmed, with billing's figures as the journal recorded them
        WavesView.WaveView moved = view.waves().get(1);
        assertThat(moved.status()).isEqualTo("confirmed");
        assertThat(moved.pattern()).isEqualTo("consumer-first");
        assertThat(moved.workloads()).singleElement().satisfies(r -> {
            assertThat(r.workload()).isEqualTo("billing");
            assertThat(r.runsOn()).isEqualTo("target");
            assertThat(r.pauseMs()).isEqualTo(1200L);
            assertThat(r.replayed()).isEqualTo("0");
            assertThat(r.strays()).isEqualTo("none (members checked)");
        });
        assertThat(view.waves().get(2).order()).isNull();

        // And the internal stray baseline is not shown; the journal's entries are all counted
        assertThat(moved.steps()).allSatisfy(e -> assertThat(e.figures()).doesNotContainKey("strayBaseline"));
        assertThat(view.journalEntries()).isEqualTo(journal.size());
    }

    @Test
    void aWaitingWaveSaysWhatItWaitsForAndOnlyTheLatestEntriesAreListed() {
        add("wave-1", null, "gate", Phase.END, "ready", Map.of());
        add("wave-1", "billing", "observe", Phase.WAITING, "stray clients block the confirmation: x", Map.of());
        for (int i = 0; i < WavesView.LATEST + 10; i++) {
            add("other", null, "gate", Phase.NOTE, "note " + i, Map.of());
        }

        WavesView view = WavesView.of(Optional.empty(), journal, true);

        WavesView.WaveView wave = view.waves().get(0);
        assertThat(wave.status()).isEqualTo("waiting");
        assertThat(wave.waitingOn().result()).contains("stray clients");
        assertThat(wave.workloads().get(0).strays()).isNull(); // no observe step ended: not "none"
        assertThat(view.journal()).hasSize(WavesView.LATEST);
        assertThat(view.journal().get(view.journal().size() - 1).result()).isEqualTo("note " + (WavesView.LATEST + 9));
        assertThat(view.tornTail()).isTrue();
    }

    private void add(
            String wave, String workload, String step, Phase phase, String result, Map<String, String> figures) {
        journal.add(new JournalEntry(
                JournalEntry.FORMAT,
                journal.size() + 1,
                "2026-12-04T10:00:00Z",
                wave + "-run",
                wave,
                Optional.ofNullable(workload),
                step,
                phase,
                "ops@host pid 1",
                result,
                figures));
    }
}
