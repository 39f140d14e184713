package dev.cutover.cli;

import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.testkit.clients.ClientApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Kills cutover, run as a child JVM, with SIGKILL at a chosen point of a wave: the crash tests' one tool. */
final class WaveKills {
    private WaveKills() {}

    /**
     * Runs cutover with {@code args} in a child JVM and SIGKILLs it as soon as the workspace's journal holds the given
     * step and phase ({@code point}: step, phase name) anew.
     */
    static void killAt(Path ws, Duration timeout, String[] point, String... args) throws Exception {
        int seen = Journal.open(ws, Clock.systemUTC()).entries().size();
        try (Cli.Child child = Cli.Child.start(ws.resolve("child.log"), args)) {
            ClientApp.await(point[0] + " " + point[1] + " in the journal", timeout, () -> {
                List<JournalEntry> now = Journal.open(ws, Clock.systemUTC()).entries();
                boolean there = now.subList(Math.min(seen, now.size()), now.size()).stream()
                        .anyMatch(e ->
                                e.step().equals(point[0]) && e.phase().name().equals(point[1]));
                if (!there && !child.isAlive()) {
                    throw new AssertionError("cutover ended before " + point[0] + ": " + child.output());
                }
                return there;
            });
            child.kill();
        }
    }

    /**
     * Asserts that the wave's journal holds {@code attempts} attempts, in each of which no step of any subject ended
     * twice (each step's effect once, however often cutover was killed) and each of {@code ended} ({@code "SUBJECT
     * STEP"}, {@code -} for the wave itself) ended.
     */
    static void assertEachStepEndedOncePerAttempt(Path ws, String wave, int attempts, String... ended) {
        java.util.Map<String, List<JournalEntry>> byAttempt = Journal.open(ws, Clock.systemUTC()).entries(wave).stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        JournalEntry::run, java.util.TreeMap::new, java.util.stream.Collectors.toList()));
        org.assertj.core.api.Assertions.assertThat(byAttempt).hasSize(attempts);
        byAttempt.forEach((attempt, list) -> {
            List<String> ends = list.stream()
                    .filter(e -> e.phase() == JournalEntry.Phase.END)
                    .map(e -> e.subject() + " " + e.step())
                    .toList();
            org.assertj.core.api.Assertions.assertThat(ends).as(attempt).doesNotHaveDuplicates();
            org.assertj.core.api.Assertions.assertThat(ends).as(attempt).contains(ended);
        });
    }
}
