package dev.cutover.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The bar a terminal gets, drawn by the progressbar library, and the lines printed above it. */
class TerminalProgressTest {
    @Test
    void theBarShowsTheTaskItsCountsAndNoteAndALinePrintedMeanwhileClearsItsLineFirst() {
        // Given a bar on a stream standing for a terminal's stderr
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TerminalProgress progress = new TerminalProgress(err, 160);

        // When a task of 40 partitions runs to its end, with a line printed while it runs
        Progress.Task task = progress.begin("verify", "partitions", OptionalLong.of(40));
        task.note("topic orders");
        task.update(10, OptionalLong.of(40));
        progress.line("evidence: evidence/x.json");
        task.update(40, OptionalLong.of(40));
        task.close();

        // Then the bar was drawn with the task, its count and total, and the line came on a cleared line of its own
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("verify", "40/40 partitions", "topic orders");
        assertThat(drawn).contains("\r\u001b[Kevidence: evidence/x.json" + System.lineSeparator());
    }
}
