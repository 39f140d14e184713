package dev.cutover.orchestrator.journal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of the journal (format {@value #FORMAT}, documented in {@code docs/waves.md}). A step is written twice: with
 * {@link Phase#BEGIN} before it runs and with {@link Phase#END}, {@link Phase#FAILED} or {@link Phase#WAITING} after.
 * Never holds a secret.
 *
 * @param v the format version of this line
 * @param seq the line's position in the journal, from 1
 * @param at when it was written (ISO-8601, UTC)
 * @param run the run that wrote it ({@code wave run}, {@code resume} and {@code rollback} each start one)
 * @param wave the wave's name in {@code plan.yaml}
 * @param workload the workload the step moves; empty for a step of the whole wave
 * @param step what ran, e.g. {@code stop-source}
 * @param phase where the step stands
 * @param who the operating-system user, {@code user@host}, and the process id
 * @param result one sentence: what happened
 * @param figures facts and figures worth keeping (offsets, durations in ms, counts)
 */
public record JournalEntry(
        int v,
        long seq,
        String at,
        String run,
        String wave,
        Optional<String> workload,
        String step,
        Phase phase,
        String who,
        String result,
        Map<String, String> figures) {
    public static final int FORMAT = 1;

    /** Where a step stands. */
    public enum Phase {
        /** About to run. */
        BEGIN,
        /** Ran to its end. */
        END,
        /** Failed; the wave stops here (resume runs it again, rollback undoes what ended). */
        FAILED,
        /** Waits for an operator ({@code manual} switcher, a stray client); {@code wave resume} continues. */
        WAITING,
        /** A fact recorded on the way, not a step. */
        NOTE
    }

    public JournalEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(result, "result");
        figures = java.util.Collections.unmodifiableMap(new TreeMap<>(figures));
    }

    /** The workload's name, or {@code -} for a step of the whole wave. */
    public String subject() {
        return workload.orElse("-");
    }
}
