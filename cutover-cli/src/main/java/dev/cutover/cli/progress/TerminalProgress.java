package dev.cutover.cli.progress;

import dev.cutover.api.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress as a bar on a terminal (stderr), drawn by the progressbar library: count, total, rate and the time left as
 * {@link ProgressFigures} computes it over the last half minute (so a total that grows gives an honest estimate, or
 * none). A task with no total is an open-ended bar with its count, or with its note for a wait. Lines printed while a
 * bar shows go through {@link #line(String)}, which clears the bar's line first; the bar is drawn again at its next
 * refresh.
 */
final class TerminalProgress implements Progress {
    private static final Duration ETA_WINDOW = Duration.ofSeconds(30);
    private final PrintStream err;
    private final int width;

    /** A bar as wide as the terminal. */
    TerminalProgress(PrintStream err) {
        this(err, -1);
    }

    /** A bar of at most {@code width} characters ({@code -1}: as wide as the terminal). */
    TerminalProgress(PrintStream err, int width) {
        this.err = err;
        this.width = width;
    }

    @Override
    public Task begin(String name, String unit, OptionalLong total) {
        BarTask task = new BarTask();
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total.orElse(-1))
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(err, width))
                .setUpdateIntervalMillis(500)
                .setEtaFunction(state -> task.eta());
        if (!unit.isEmpty()) {
            builder.setUnit(" " + unit, 1).showSpeed();
        }
        task.bar = builder.build();
        return task;
    }

    /** Prints a line above the bar. */
    void line(String text) {
        synchronized (err) {
            err.print("\r\033[K");
            err.println(text);
            err.flush();
        }
    }

    private static final class BarTask implements Task {
        private ProgressBar bar;
        private final Deque<ProgressFigures.Look> looks = new ArrayDeque<>();

        @Override
        public synchronized void update(long done, OptionalLong total) {
            long now = System.nanoTime();
            looks.addLast(new ProgressFigures.Look(now, done, total));
            while (looks.size() > 2 && now - looks.peekFirst().atNanos() > ETA_WINDOW.toNanos()) {
                looks.removeFirst();
            }
            if (total.isPresent()) {
                bar.maxHint(total.getAsLong());
            }
            bar.stepTo(done);
        }

        synchronized Optional<Duration> eta() {
            if (looks.size() < 2) {
                return Optional.empty();
            }
            return ProgressFigures.between(looks.peekFirst(), looks.peekLast()).eta();
        }

        @Override
        public void note(String text) {
            bar.setExtraMessage(text == null || text.isEmpty() ? "" : " " + text); // the library adds no space
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
