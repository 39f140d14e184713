package dev.cutover.cli.progress;

import dev.cutover.api.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines, for output that is not a terminal (CI logs, files, pipes): a line per task at most every
 * {@code every}, whether or not the task told anything new (a wait shows that it still waits), and a last line when a
 * counted task ends. Nothing is redrawn, so the log reads top to bottom.
 *
 * <p>Lines look like {@code verify: 12 of 40 partitions, 28 remaining, 1.2 partitions/s, ETA 24 s (after 10 s)}. A
 * task with no unit is a wait: {@code [w1] orders await-empty-source: still running after 30 s: 2 member(s) left}.
 *
 * <p>Time comes from {@code clock} and lines are due when {@link #tick()} runs, so tests drive both; the caller runs
 * {@link #tick()} on a timer (see {@link ProgressOutput}).
 */
public final class PlainProgress implements Progress {
    private final Consumer<String> out;
    private final LongSupplier clock;
    private final long everyNanos;
    private final List<PlainTask> open = new ArrayList<>();

    public PlainProgress(Consumer<String> out, LongSupplier nanoClock, Duration every) {
        this.out = out;
        this.clock = nanoClock;
        this.everyNanos = every.toNanos();
    }

    @Override
    public Task begin(String name, String unit, OptionalLong total) {
        PlainTask task = new PlainTask(name, unit, new ProgressFigures.Look(clock.getAsLong(), 0, total));
        synchronized (open) {
            open.add(task);
        }
        return task;
    }

    /** Writes the line of every open task that is due. */
    public void tick() {
        List<PlainTask> tasks;
        synchronized (open) {
            tasks = List.copyOf(open);
        }
        tasks.forEach(PlainTask::showIfDue);
    }

    private final class PlainTask implements Task {
        private final String name;
        private final String unit;
        private final ProgressFigures.Look start;
        private ProgressFigures.Look lastShown;
        private ProgressFigures.Look latest;
        /** The first look with a known total: figures start there when the last line had none. */
        private ProgressFigures.Look firstKnown;

        private String note = "";
        private boolean closed;

        PlainTask(String name, String unit, ProgressFigures.Look start) {
            this.name = name;
            this.unit = unit;
            this.start = start;
            this.lastShown = start;
            this.latest = start;
        }

        @Override
        public synchronized void update(long done, OptionalLong total) {
            latest = new ProgressFigures.Look(clock.getAsLong(), done, total);
            if (firstKnown == null && total.isPresent()) {
                firstKnown = latest;
            }
            showIfDue();
        }

        @Override
        public synchronized void note(String text) {
            note = text == null ? "" : text;
        }

        synchronized void showIfDue() {
            long now = clock.getAsLong();
            if (closed || now - lastShown.atNanos() < everyNanos) {
                return;
            }
            ProgressFigures.Look look = new ProgressFigures.Look(now, latest.done(), latest.total());
            String elapsed = ProgressFigures.duration(Duration.ofNanos(now - start.atNanos()));
            if (unit.isEmpty()) {
                out.accept(name + ": still running after " + elapsed + (note.isEmpty() ? "" : ": " + note));
            } else {
                ProgressFigures.Look from =
                        lastShown.total().isEmpty() && firstKnown != null && firstKnown.atNanos() < now
                                ? firstKnown
                                : lastShown;
                out.accept(name + ": " + ProgressFigures.between(from, look).line(unit) + " (after " + elapsed + ")"
                        + (note.isEmpty() ? "" : "; " + note));
            }
            lastShown = look;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (!unit.isEmpty()) {
                    out.accept(name + ": " + summary(clock.getAsLong()));
                }
            }
            synchronized (open) {
                open.remove(this);
            }
        }

        private String summary(long now) {
            ProgressFigures.Look end = new ProgressFigures.Look(now, latest.done(), latest.total());
            ProgressFigures whole = ProgressFigures.between(start, end);
            String took = ProgressFigures.duration(Duration.ofNanos(now - start.atNanos()));
            String rate = whole.rate().isPresent()
                    ? " (" + ProgressFigures.rate(whole.rate().getAsDouble()) + " " + unit + "/s)"
                    : "";
            OptionalLong left = whole.remaining();
            if (left.isPresent() && left.getAsLong() == 0) {
                return "done, " + ProgressFigures.count(end.done()) + " " + unit + " in " + took + rate;
            }
            if (left.isPresent()) {
                return "ended at " + ProgressFigures.count(end.done()) + " of "
                        + ProgressFigures.count(end.total().getAsLong()) + " " + unit + " after " + took + rate;
            }
            return "ended, " + ProgressFigures.count(end.done()) + " " + unit + " in " + took + rate;
        }
    }
}
