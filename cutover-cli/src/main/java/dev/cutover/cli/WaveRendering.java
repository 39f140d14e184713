package dev.cutover.cli;

import dev.cutover.orchestrator.WaveState;
import dev.cutover.orchestrator.WaveSummary;
import dev.cutover.orchestrator.WorkloadMove;
import dev.cutover.orchestrator.journal.JournalEntry;
import java.util.List;

/** The wave commands' output: the steps a run takes, and where a wave stands. */
final class WaveRendering {
    private WaveRendering() {}

    static String steps(String wave, List<WorkloadMove> moves, String link) {
        StringBuilder b = new StringBuilder();
        b.append("# Wave ")
                .append(wave)
                .append(": ")
                .append(moves.size())
                .append(" workload(s), link ")
                .append(link)
                .append("\n\n");
        for (WorkloadMove m : moves) {
            b.append("- ")
                    .append(m.name())
                    .append(" (")
                    .append(m.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append("): groups ")
                    .append(m.groups().isEmpty() ? "none" : String.join(", ", m.groups()))
                    .append("; offsets ")
                    .append(m.offsets().yamlName());
            if (!m.written().isEmpty()) {
                b.append("; writes ").append(String.join(", ", m.written()));
            }
            m.workload().switchSpec().ifPresent(s -> b.append("; switch ").append(s));
            b.append("\n");
            if (m.blocked().isPresent()) {
                b.append("  CANNOT MOVE: ").append(m.blocked().get()).append("\n");
            } else {
                b.append("  steps: ").append(String.join(" → ", m.steps())).append("\n");
            }
        }
        return b.append("\n").toString();
    }

    static String status(WaveState state) {
        StringBuilder b = new StringBuilder();
        b.append("wave ")
                .append(state.wave())
                .append(": ")
                .append(state.status().text())
                .append("\n");
        state.attempt().ifPresent(a -> b.append("attempt: ").append(a).append("\n"));
        state.waitingOn().ifPresent(e -> b.append("waits for: ")
                .append(e.subject())
                .append(" ")
                .append(e.step())
                .append(": ")
                .append(e.result())
                .append("\n"));
        state.entries().stream()
                .filter(e -> e.phase() == JournalEntry.Phase.FAILED)
                .reduce((x, y) -> y)
                .filter(e -> state.status() == WaveState.Status.FAILED)
                .ifPresent(e -> b.append("failed: ")
                        .append(e.subject())
                        .append(" ")
                        .append(e.step())
                        .append(": ")
                        .append(e.result())
                        .append("\n"));
        List<WaveSummary.Row> rows = WaveSummary.of(state);
        if (!rows.isEmpty()) {
            b.append("\n| workload | runs on | last step | pause | replayed | skipped |\n");
            b.append("| --- | --- | --- | ---: | ---: | ---: |\n");
            for (WaveSummary.Row r : rows) {
                b.append("| ")
                        .append(r.workload())
                        .append(" | ")
                        .append(r.runsOn())
                        .append(" | ")
                        .append(r.lastStep())
                        .append(" (")
                        .append(r.lastPhase())
                        .append(") | ")
                        .append(r.pauseMs()
                                .map(ms -> String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0))
                                .orElse("-"))
                        .append(" | ")
                        .append(r.replayed())
                        .append(" | ")
                        .append(r.skipped())
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    static int exitCode(WaveState state) {
        return switch (state.status()) {
            case CONFIRMED, ROLLED_BACK -> 0;
            default -> 1;
        };
    }
}
