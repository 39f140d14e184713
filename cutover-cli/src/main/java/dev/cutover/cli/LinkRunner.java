package dev.cutover.cli;

import dev.cutover.link.engine.LinkEvent;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code link start} shows while the link runs: the link's events as lines on the terminal, with the progress
 * every ten seconds. The link itself, its restarts and its stop are {@link LinkHandle}'s.
 */
final class LinkRunner {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final PrintWriter err;
    private long lastReport = System.nanoTime();
    private long lastCopied;

    private LinkRunner(PrintWriter err) {
        this.err = err;
    }

    /** Starts the link; {@code onEnd} runs once it has ended for good, whatever the reason. */
    static LinkHandle start(
            Map<String, Object> source,
            Map<String, Object> target,
            LinkSettings settings,
            PrintWriter err,
            Runnable onEnd) {
        LinkRunner runner = new LinkRunner(err);
        return LinkService.start(source, target, settings, event -> {
            runner.show(event);
            if (event instanceof LinkEvent.Failed || event instanceof LinkEvent.Stopped) {
                onEnd.run();
            }
        });
    }

    private void show(LinkEvent event) {
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
        } else if (event instanceof LinkEvent.CaughtUp caughtUp) {
            say("caught up: all " + caughtUp.partitions() + " partition(s) copied up to the source's end");
        } else if (event instanceof LinkEvent.Checkpoint checkpoint) {
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY.toNanos()) {
                double rate = (checkpoint.copiedTotal() - lastCopied) / ((now - lastReport) / 1e9);
                say(String.format("copied %d record(s) in this run (%.0f/s)", checkpoint.copiedTotal(), rate));
                lastReport = now;
                lastCopied = checkpoint.copiedTotal();
            }
        }
    }

    private void say(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
