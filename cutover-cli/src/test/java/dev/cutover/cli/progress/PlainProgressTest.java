package dev.cutover.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress in a log: a line per task at most every interval, a last line at the end, and the mode chosen. */
class PlainProgressTest {
    private static final long S = 1_000_000_000L;
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(100 * S);
    private final PlainProgress progress = new PlainProgress(lines::add, now::get, Duration.ofSeconds(10));

    @Test
    void aCountedTaskWritesALineEveryIntervalAndASummaryAtTheEnd() {
        // Given a task of 40 partitions
        Progress.Task task = progress.begin("verify", "partitions", OptionalLong.of(40));

        // When updates come faster than the interval
        now.addAndGet(4 * S);
        task.update(8, OptionalLong.of(40));
        now.addAndGet(6 * S);
        task.update(20, OptionalLong.of(40));
        now.addAndGet(5 * S);
        task.update(30, OptionalLong.of(40));
        progress.tick();

        // Then one line came, at 10 s, with the figures since the start
        assertThat(lines)
                .containsExactly(
                        "verify: 20 of 40 partitions, 20 remaining, 2.0 partitions/s, ETA 10 s" + " (after 10 s)");

        // And when it ends (before the next line is due), a summary line
        now.addAndGet(4 * S);
        task.update(40, OptionalLong.of(40));
        task.close();
        assertThat(lines).hasSize(2).last().isEqualTo("verify: done, 40 partitions in 19 s (2.1 partitions/s)");

        // And nothing after it ends
        now.addAndGet(60 * S);
        progress.tick();
        task.update(41, OptionalLong.of(40));
        assertThat(lines).hasSize(2);
    }

    @Test
    void aTaskWithAnUnknownTotalSaysSoAndEndsWithoutClaimingToBeDone() {
        Progress.Task task = progress.begin("inventory", "groups", OptionalLong.empty());
        now.addAndGet(10 * S);
        task.update(500, OptionalLong.empty());
        task.note("describing groups");
        now.addAndGet(10 * S);
        progress.tick();
        task.close();

        assertThat(lines)
                .containsExactly(
                        "inventory: 500 groups so far (total unknown), 50 groups/s (after 10 s)",
                        "inventory: 500 groups so far (total unknown), 0 groups/s (after 20 s); describing groups",
                        "inventory: ended, 500 groups in 20 s (25 groups/s)");
    }

    @Test
    void aTotalLearnedAfterTheStartGivesATimeLeftFromWhenItWasLearned() {
        // Given a link: its total is unknown at the start and known from its first checkpoint on
        Progress.Task task = progress.begin("link orders", "records", OptionalLong.empty());
        now.addAndGet(1 * S);
        task.update(100, OptionalLong.of(10_100));

        // When it has copied 2,100 more 10 s later, with nothing new on the source
        now.addAndGet(10 * S);
        task.update(4_100, OptionalLong.of(10_100));

        // Then the line has the remainder and the time left from the first known total: 4,000 in 10 s, 6,000 left
        assertThat(lines)
                .containsExactly("link orders: 4,100 of 10,100 records, 6,000 remaining, 400 records/s, ETA 15 s"
                        + " (after 11 s)");
    }

    @Test
    void aTaskThatEndsShortOfItsTotalSaysWhereItEnded() {
        Progress.Task task = progress.begin("probe", "messages", OptionalLong.of(100));
        now.addAndGet(2 * S);
        task.update(30, OptionalLong.of(100));
        task.close();

        assertThat(lines).containsExactly("probe: ended at 30 of 100 messages after 2.0 s (15 messages/s)");
    }

    @Test
    void aWaitShowsThatItStillWaitsWithItsNoteAndLeavesTheLastWordToItsCaller() {
        // Given a wave step that waits, with nothing to count
        Progress.Task task = progress.begin("[w1] orders await-empty-source", "", OptionalLong.empty());
        task.note("2 member(s) left");

        // When time passes with no update at all
        now.addAndGet(9 * S);
        progress.tick();
        now.addAndGet(1 * S);
        progress.tick();
        now.addAndGet(10 * S);
        progress.tick();
        task.close();

        // Then a line every interval, and none at the end (the step prints its result)
        assertThat(lines)
                .containsExactly(
                        "[w1] orders await-empty-source: still running after 10 s: 2 member(s) left",
                        "[w1] orders await-empty-source: still running after 20 s: 2 member(s) left");
    }

    @Test
    void aBarOnlyOnATerminalAndNothingWhenTurnedOff() {
        assertThat(ProgressOutput.mode(false, Map.of(), true)).isEqualTo(ProgressOutput.Mode.BAR);
        assertThat(ProgressOutput.mode(false, Map.of(), false)).isEqualTo(ProgressOutput.Mode.LINES);
        assertThat(ProgressOutput.mode(false, Map.of("TERM", "dumb"), true)).isEqualTo(ProgressOutput.Mode.LINES);
        assertThat(ProgressOutput.mode(false, Map.of("CUTOVER_PROGRESS", "lines"), true))
                .isEqualTo(ProgressOutput.Mode.LINES);
        assertThat(ProgressOutput.mode(true, Map.of(), true)).isEqualTo(ProgressOutput.Mode.OFF);
        assertThat(ProgressOutput.mode(false, Map.of("CUTOVER_PROGRESS", "off"), false))
                .isEqualTo(ProgressOutput.Mode.OFF);
    }
}
