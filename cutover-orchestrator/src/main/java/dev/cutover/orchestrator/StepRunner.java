package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Progress;
import dev.cutover.config.Redactor;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.orchestrator.journal.JournalEntry.Phase;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Runs one step at a time within an attempt: skips a step that already ended in it (a resumed wave), writes {@code
 * begin} to the journal before the step acts and {@code end}, {@code waiting} or {@code failed} after, and prints
 * progress: a line when a step ends, and the step as a running task while it runs.
 */
final class StepRunner {
    /** What a step's body returns. */
    record Done(boolean waiting, String result, Map<String, String> figures) {
        /** The figure of a waiting step: how many stray clients block it. */
        static final String STRAYS_FOUND = "straysFound";

        static Done of(String result, Map<String, String> figures) {
            return new Done(false, result, figures);
        }

        static Done of(String result) {
            return new Done(false, result, Map.of());
        }

        static Done waiting(String instruction) {
            return new Done(true, instruction, Map.of());
        }

        /** Waiting for an operator because of stray clients: their count is kept ({@code straysFound}) for metrics. */
        static Done waitingForStrays(String instruction, int found) {
            return new Done(true, instruction, Map.of(STRAYS_FOUND, Integer.toString(found)));
        }
    }

    /** A step's body. {@code resumedFromWaiting} is true when the step waited for an operator and the wave resumed. */
    @FunctionalInterface
    interface Body {
        Done run(boolean resumedFromWaiting) throws Exception;
    }

    /** Thrown when a step waits for an operator: the run stops here and {@code wave resume} continues. */
    static final class Paused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Paused(String instruction) {
            super(instruction, null, false, false);
        }
    }

    private static final java.time.format.DateTimeFormatter ATTEMPT =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC);

    private final Journal journal;
    private final String attempt;
    private final String wave;
    private final Consumer<String> progress;
    private final Progress running;
    private WaveState state;

    /** {@code running} shows each step while it runs, as a task with nothing to count (most steps wait). */
    StepRunner(Journal journal, String attempt, String wave, Consumer<String> progress, Progress running) {
        this.running = running;
        this.journal = journal;
        this.attempt = attempt;
        this.wave = wave;
        this.progress = progress;
        this.state = WaveState.ofAttempt(wave, attempt, journal.entries());
    }

    String attempt() {
        return attempt;
    }

    boolean ended(Optional<String> workload, String step) {
        return state.ended(workload.orElse("-"), step);
    }

    /** The figures of the step's {@code end} entry in this attempt, if it ended. */
    Optional<Map<String, String>> figures(Optional<String> workload, String step) {
        return state.last(workload.orElse("-"), step)
                .filter(e -> e.phase() == Phase.END)
                .map(JournalEntry::figures);
    }

    /** When the step last began in this attempt, if it did. */
    Optional<java.time.Instant> began(Optional<String> workload, String step) {
        String subject = workload.orElse("-");
        return state.entries().stream()
                .filter(e -> e.subject().equals(subject) && e.step().equals(step) && e.phase() == Phase.BEGIN)
                .map(e -> java.time.Instant.parse(e.at()))
                .reduce((a, b) -> b);
    }

    /** A new attempt's id: the wave, the time (UTC, to the second) and a random suffix. */
    static String newAttempt(String wave, java.time.Clock clock) {
        return wave + "-" + ATTEMPT.format(java.time.Instant.now(clock)) + "-"
                + Integer.toHexString(
                        java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /** Runs the step unless it ended already in this attempt; returns its end entry. */
    @SuppressWarnings("try") // the task shows while the body runs, never used in it
    JournalEntry run(Optional<String> workload, String step, Body body) {
        String subject = workload.orElse("-");
        Optional<JournalEntry> previous = state.last(subject, step);
        if (previous.isPresent() && previous.get().phase() == Phase.END) {
            progress.accept(
                    label(workload, step) + ": done earlier (" + previous.get().result() + ")");
            return previous.get();
        }
        boolean resumedFromWaiting = previous.isPresent() && previous.get().phase() == Phase.WAITING;
        journal.append(attempt, wave, workload, step, Phase.BEGIN, "started", Map.of());
        long start = System.nanoTime();
        Done done;
        try (Progress.Task task = running.begin(label(workload, step), "", OptionalLong.empty())) {
            done = body.run(resumedFromWaiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(workload, step, "interrupted", start);
            throw new CutoverException(
                    dev.cutover.api.Reason.CHECK_FAILED, label(workload, step) + " was interrupted", null, e);
        } catch (Exception e) {
            fail(
                    workload,
                    step,
                    String.valueOf(e.getMessage()),
                    start,
                    e instanceof StepFailure f ? f.figures() : Map.of());
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        java.util.Map<String, String> figures = new java.util.LinkedHashMap<>(done.figures());
        figures.put("durationMs", Long.toString(ms));
        JournalEntry end = journal.append(
                attempt, wave, workload, step, done.waiting() ? Phase.WAITING : Phase.END, done.result(), figures);
        state = WaveState.ofAttempt(wave, attempt, journal.entries());
        if (done.waiting()) {
            progress.accept(label(workload, step) + ": WAITING for an operator: " + done.result());
            throw new Paused(done.result());
        }
        progress.accept(label(workload, step) + ": " + done.result() + " (" + seconds(ms) + ")");
        return end;
    }

    private void fail(Optional<String> workload, String step, String why, long start) {
        fail(workload, step, why, start, Map.of());
    }

    private void fail(Optional<String> workload, String step, String why, long start, Map<String, String> more) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        Map<String, String> figures = new java.util.LinkedHashMap<>(more);
        figures.put("durationMs", Long.toString(ms));
        journal.append(attempt, wave, workload, step, Phase.FAILED, Redactor.redactText(why), figures);
        state = WaveState.ofAttempt(wave, attempt, journal.entries());
        progress.accept(label(workload, step) + ": FAILED: " + Redactor.redactText(why));
    }

    void note(Optional<String> workload, String step, String result, Map<String, String> figures) {
        journal.append(attempt, wave, workload, step, Phase.NOTE, result, figures);
        state = WaveState.ofAttempt(wave, attempt, journal.entries());
    }

    private String label(Optional<String> workload, String step) {
        return "[" + wave + "] " + workload.map(w -> w + " ").orElse("") + step;
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
