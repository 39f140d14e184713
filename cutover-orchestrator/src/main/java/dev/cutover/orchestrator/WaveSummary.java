package dev.cutover.orchestrator;

import dev.cutover.orchestrator.journal.JournalEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per workload of a wave's current attempt, from the journal: where it runs now, the last step, and the figures of its
 * last confirmed move (pause, records replayed and skipped).
 */
public final class WaveSummary {
    private WaveSummary() {}

    /** One workload's line. */
    public record Row(
            String workload,
            String runsOn,
            String lastStep,
            String lastPhase,
            Optional<Long> pauseMs,
            String replayed,
            String skipped) {}

    public static List<Row> of(WaveState state) {
        Map<String, List<JournalEntry>> byWorkload = new LinkedHashMap<>();
        for (JournalEntry e : state.entries()) {
            e.workload().ifPresent(w -> byWorkload
                    .computeIfAbsent(w, k -> new ArrayList<>())
                    .add(e));
        }
        List<Row> rows = new ArrayList<>();
        byWorkload.forEach((w, entries) -> {
            JournalEntry last = entries.get(entries.size() - 1);
            Optional<JournalEntry> confirm = entries.stream()
                    .filter(e -> e.phase() == JournalEntry.Phase.END
                            && (e.step().equals(Steps.CONFIRM) || e.step().equals(Steps.ROLLBACK_CONFIRM)))
                    .reduce((a, b) -> b);
            String runsOn = confirm.map(e -> e.figures().getOrDefault("runsOn", "unknown"))
                    .orElse(where(entries));
            rows.add(new Row(
                    w,
                    runsOn,
                    last.step(),
                    last.phase().name().toLowerCase(java.util.Locale.ROOT),
                    confirm.map(e -> Long.parseLong(e.figures().getOrDefault("pauseMs", "0"))),
                    confirm.map(e -> e.figures().getOrDefault("replayed", "unknown"))
                            .orElse("-"),
                    confirm.map(e -> e.figures().getOrDefault("skipped", "unknown"))
                            .orElse("-")));
        });
        return rows;
    }

    /** Where a workload runs while its move is under way, as far as the journal can tell. */
    private static String where(List<JournalEntry> entries) {
        boolean startedTarget = ended(entries, Steps.START_TARGET);
        boolean stoppedSource = entries.stream().anyMatch(e -> e.step().equals(Steps.STOP_SOURCE));
        boolean rolledBackStart = ended(entries, Steps.ROLLBACK_START_SOURCE);
        if (rolledBackStart) {
            return "source";
        }
        if (startedTarget) {
            return "target (not confirmed)";
        }
        return stoppedSource ? "stopped (moving)" : "source";
    }

    private static boolean ended(List<JournalEntry> entries, String step) {
        return entries.stream().anyMatch(e -> e.step().equals(step) && e.phase() == JournalEntry.Phase.END);
    }
}
