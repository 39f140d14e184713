package dev.cutover.orchestrator;

import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.orchestrator.journal.JournalEntry.Phase;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a wave stands, read from the journal alone (so {@code wave status} works with both clusters down). A wave's
 * current attempt is the last {@code wave run} of it (its {@code gate} step); {@code resume} and {@code rollback}
 * continue that attempt.
 *
 * @param attempt the current attempt's run id, empty when the wave never ran
 * @param entries the current attempt's entries, oldest first
 */
public record WaveState(String wave, Optional<String> attempt, Status status, List<JournalEntry> entries) {
    public WaveState {
        entries = List.copyOf(entries);
    }

    /** The wave's state. */
    public enum Status {
        NOT_STARTED("not started"),
        /** Running now, or interrupted (a crash): {@code wave resume} continues, {@code wave rollback} undoes. */
        IN_PROGRESS("in progress (running, or interrupted: resume or roll back)"),
        WAITING("waiting for an operator (act, then `cutover wave resume`)"),
        FAILED("failed (fix the cause, then resume; or roll back)"),
        CONFIRMED("confirmed: every workload runs on the target"),
        ROLLING_BACK("rolling back (running, or interrupted: run `cutover wave rollback` again)"),
        ROLLED_BACK("rolled back: every moved workload runs on the source again");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static WaveState of(String wave, List<JournalEntry> all) {
        List<JournalEntry> mine =
                all.stream().filter(e -> e.wave().equals(wave)).toList();
        Optional<String> attempt = mine.stream()
                .filter(e -> e.step().equals(Steps.GATE) && e.phase() == Phase.END)
                .reduce((a, b) -> b)
                .map(JournalEntry::run);
        if (attempt.isEmpty()) {
            return new WaveState(wave, Optional.empty(), Status.NOT_STARTED, List.of());
        }
        List<JournalEntry> entries =
                mine.stream().filter(e -> e.run().equals(attempt.get())).toList();
        return new WaveState(wave, attempt, status(entries), entries);
    }

    /** One given attempt of the wave (what a running step sees: its own attempt, never an earlier one). */
    static WaveState ofAttempt(String wave, String attempt, List<JournalEntry> all) {
        List<JournalEntry> entries = all.stream()
                .filter(e -> e.wave().equals(wave) && e.run().equals(attempt))
                .toList();
        return new WaveState(
                wave, Optional.of(attempt), entries.isEmpty() ? Status.IN_PROGRESS : status(entries), entries);
    }

    private static Status status(List<JournalEntry> entries) {
        boolean rollingBack = entries.stream().anyMatch(e -> e.step().startsWith("rollback-"));
        if (ended(entries, Steps.ROLLED_BACK)) {
            return Status.ROLLED_BACK;
        }
        JournalEntry last = entries.get(entries.size() - 1);
        if (last.phase() == Phase.WAITING) {
            return Status.WAITING;
        }
        if (last.phase() == Phase.FAILED) {
            return Status.FAILED;
        }
        if (rollingBack) {
            return Status.ROLLING_BACK;
        }
        if (ended(entries, Steps.CONFIRM_WAVE)) {
            return Status.CONFIRMED;
        }
        return Status.IN_PROGRESS;
    }

    private static boolean ended(List<JournalEntry> entries, String step) {
        return entries.stream().anyMatch(e -> e.step().equals(step) && e.phase() == Phase.END);
    }

    /** The steps that ended in this attempt, per subject (workload name, or {@code -} for the wave). */
    public Map<String, Set<String>> ended() {
        Map<String, Set<String>> done = new HashMap<>();
        entries.stream().filter(e -> e.phase() == Phase.END).forEach(e -> done.computeIfAbsent(
                        e.subject(), k -> new HashSet<>())
                .add(e.step()));
        return done;
    }

    public boolean ended(String subject, String step) {
        return ended().getOrDefault(subject, Set.of()).contains(step);
    }

    /** The last entry of a step for a subject in this attempt. */
    public Optional<JournalEntry> last(String subject, String step) {
        return entries.stream()
                .filter(e -> e.subject().equals(subject) && e.step().equals(step))
                .reduce((a, b) -> b);
    }

    /** The entry the wave waits on, when it waits. */
    public Optional<JournalEntry> waitingOn() {
        return status == Status.WAITING ? Optional.of(entries.get(entries.size() - 1)) : Optional.empty();
    }
}
