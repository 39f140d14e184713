package dev.cutover.cli;

import dev.cutover.api.Progress;
import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.link.engine.LinkEvent;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkProgress;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What {@code link start} shows while the link runs: the link's events as lines on stderr, and its progress until it
 * has caught up (copied, remaining, rate, ETA: a bar on a terminal, a line every ten seconds in a log), again whenever
 * it falls behind. Once caught up, a line every ten seconds says what it copied. The link itself, its restarts and its
 * stop are {@link LinkHandle}'s.
 */
final class LinkRunner {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final ProgressOutput output;
    private final String name;
    private Progress.Task behind;
    /** What the handle had copied when the task began: the task counts from there. */
    private long base;
    /** What the handle had copied at the last checkpoint. */
    private long copiedSeen;

    private long lastReport = System.nanoTime();
    private long lastCopied;

    private LinkRunner(ProgressOutput output, String name) {
        this.output = output;
        this.name = name;
    }

    /** Starts the link; {@code onEnd} runs once it has ended for good, whatever the reason. */
    static LinkHandle start(
            Map<String, Object> source,
            Map<String, Object> target,
            LinkSettings settings,
            ProgressOutput output,
            Runnable onEnd) {
        LinkRunner runner = new LinkRunner(output, "link " + settings.topics().link());
        return LinkService.start(source, target, settings, event -> {
            runner.show(event);
            if (event instanceof LinkEvent.Failed || event instanceof LinkEvent.Stopped) {
                runner.endProgress();
                onEnd.run();
            }
        });
    }

    private synchronized void show(LinkEvent event) {
        if (event instanceof LinkEvent.Info info) {
            say(info.message());
        } else if (event instanceof LinkEvent.TopicSynced synced) {
            var item = synced.item();
            say("topic " + item.subject() + ": " + item.outcome().name().toLowerCase() + " " + item.detail());
        } else if (event instanceof LinkEvent.PartitionStopped stopped) {
            say("partition " + stopped.partition() + " stopped: " + stopped.reason());
        } else if (event instanceof LinkEvent.PartitionWarning warning) {
            say("partition " + warning.partition() + " warning: " + warning.warning());
        } else if (event instanceof LinkEvent.Restarting restarting) {
            say("the link failed (" + restarting.cause() + "); restarting, " + restarting.attempt() + " of "
                    + restarting.budget());
        } else if (event instanceof LinkEvent.Started) {
            begin();
        } else if (event instanceof LinkEvent.CaughtUp caughtUp) {
            endProgress();
            say("caught up: all " + caughtUp.partitions() + " partition(s) copied up to the source's end");
        } else if (event instanceof LinkEvent.Checkpoint checkpoint) {
            progress(checkpoint.progress());
        }
    }

    /**
     * Until caught up, the progress: done is what was copied since the task began (the start, or a checkpoint that
     * found the link behind again), the total that plus what the checkpoint found left (unknown while any partition's
     * end is). Caught up, a line every ten seconds.
     */
    private void progress(LinkProgress progress) {
        boolean caughtUp = progress.caughtUp();
        if (!caughtUp) {
            begin(); // from what the last checkpoint had copied
        }
        copiedSeen = progress.copied();
        if (behind != null) {
            long done = progress.copied() - base;
            behind.note(
                    progress.endsUnknown() > 0
                            ? "the source's end of " + progress.endsUnknown() + " of " + progress.partitions()
                                    + " partition(s) not known yet"
                            : progress.partitions() + " partition(s)");
            // Caught up, the task is closed by the CaughtUp event that follows.
            behind.update(
                    done,
                    progress.remaining().isPresent()
                            ? OptionalLong.of(done + progress.remaining().getAsLong())
                            : OptionalLong.empty());
            return;
        }
        long now = System.nanoTime();
        if (output.mode() != ProgressOutput.Mode.OFF && now - lastReport >= PROGRESS_EVERY.toNanos()) {
            double rate = (progress.copied() - lastCopied) / ((now - lastReport) / 1e9);
            say(String.format(
                    java.util.Locale.ROOT,
                    "copied %d record(s) in this run (%.0f/s); caught up at the last checkpoint",
                    progress.copied(),
                    rate));
            lastReport = now;
            lastCopied = progress.copied();
        }
    }

    private void begin() {
        if (behind == null) {
            base = copiedSeen;
            behind = output.progress().begin(name, "records", OptionalLong.empty());
        }
    }

    private synchronized void endProgress() {
        if (behind != null) {
            behind.close();
            behind = null;
            lastReport = System.nanoTime();
            lastCopied = copiedSeen;
        }
    }

    private void say(String line) {
        output.line(line);
    }
}
