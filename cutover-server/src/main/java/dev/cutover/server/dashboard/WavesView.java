package dev.cutover.server.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cutover.orchestrator.WaveState;
import dev.cutover.orchestrator.WaveSummary;
import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.readiness.plan.Plan;
import dev.cutover.readiness.plan.Wave;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The waves as the journal records them ({@link WaveState}, {@link WaveSummary}: the same reading as {@code cutover wave
 * status}): each wave of the plan in order, then the waves only the journal knows (rehearsals), with the current
 * attempt's steps, the workloads' pause and replayed/skipped records of their last confirmed move, the stray clients
 * the observe steps recorded, and the journal's latest entries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WavesView(List<WaveView> waves, List<Entry> journal, int journalEntries, boolean tornTail) {
    /** How many of the journal's latest entries are shown; the file has them all ({@code cutover journal}). */
    static final int LATEST = 200;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WaveView(
            String name,
            Integer order,
            String pattern,
            List<String> planned,
            String status,
            String statusText,
            String attempt,
            Entry waitingOn,
            Entry failed,
            List<WorkloadRow> workloads,
            List<Entry> steps) {}

    /**
     * A workload of a wave's current attempt.
     *
     * @param strays what the last observe step recorded of stray clients (clients still on the source), or null when
     *     none has run yet
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkloadRow(
            String workload,
            String runsOn,
            String lastStep,
            String lastPhase,
            Long pauseMs,
            String replayed,
            String skipped,
            String strays) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            long seq,
            String at,
            String wave,
            String workload,
            String step,
            String phase,
            String who,
            String result,
            java.util.Map<String, String> figures) {
        static Entry of(JournalEntry e) {
            return new Entry(
                    e.seq(),
                    e.at(),
                    e.wave(),
                    e.workload().orElse(null),
                    e.step(),
                    e.phase().name().toLowerCase(Locale.ROOT),
                    e.who(),
                    e.result(),
                    e.figures().entrySet().stream()
                            // the stray baseline is a large internal JSON document, not for people
                            .filter(f -> !f.getKey().equals("strayBaseline"))
                            .collect(java.util.stream.Collectors.toMap(
                                    java.util.Map.Entry::getKey,
                                    java.util.Map.Entry::getValue,
                                    (a, b) -> a,
                                    java.util.TreeMap::new)));
        }
    }

    static WavesView of(Optional<Plan> plan, List<JournalEntry> entries, boolean tornTail) {
        Set<String> names = new LinkedHashSet<>();
        plan.ifPresent(p -> p.waves().forEach(w -> names.add(w.name())));
        entries.forEach(e -> names.add(e.wave()));
        List<WaveView> waves = new ArrayList<>();
        for (String name : names) {
            Optional<Wave> planned = plan.flatMap(
                    p -> p.waves().stream().filter(w -> w.name().equals(name)).findFirst());
            WaveState state = WaveState.of(name, entries);
            waves.add(new WaveView(
                    name,
                    planned.map(Wave::order).orElse(null),
                    planned.map(w -> w.pattern().yamlName()).orElse(null),
                    planned.map(Wave::workloads).orElse(null),
                    state.status().name().toLowerCase(Locale.ROOT),
                    state.status().text(),
                    state.attempt().orElse(null),
                    state.waitingOn().map(Entry::of).orElse(null),
                    state.status() == WaveState.Status.FAILED
                            ? state.entries().stream()
                                    .filter(e -> e.phase() == JournalEntry.Phase.FAILED)
                                    .reduce((a, b) -> b)
                                    .map(Entry::of)
                                    .orElse(null)
                            : null,
                    rows(state),
                    state.entries().stream().map(Entry::of).toList()));
        }
        List<Entry> latest = entries.subList(Math.max(0, entries.size() - LATEST), entries.size()).stream()
                .map(Entry::of)
                .toList();
        return new WavesView(waves, latest, entries.size(), tornTail);
    }

    private static List<WorkloadRow> rows(WaveState state) {
        return WaveSummary.of(state).stream()
                .map(r -> new WorkloadRow(
                        r.workload(),
                        r.runsOn(),
                        r.lastStep(),
                        r.lastPhase(),
                        r.pauseMs().orElse(null),
                        r.replayed(),
                        r.skipped(),
                        state.entries().stream()
                                .filter(e -> e.workload()
                                                .filter(r.workload()::equals)
                                                .isPresent()
                                        && e.figures().containsKey("strays"))
                                .reduce((a, b) -> b)
                                .map(e -> e.figures().get("strays"))
                                .orElse(null)))
                .toList();
    }
}
