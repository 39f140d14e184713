package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.link.engine.LinkEngine;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.engine.Takeover;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a link in the background for {@code link start}: reports progress, and after an unexpected failure starts the
 * engine again (the new engine takes over from the failed one exactly as after a crash). Configuration problems,
 * refusals and repeated failures end it.
 */
final class LinkRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LinkRunner.class);
    private static final int MAX_RESTARTS = 5;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Map<String, Object> source;
    private final Map<String, Object> target;
    private final LinkSettings settings;
    private final PrintWriter err;
    private final Takeover takeover;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Runnable onEnd = () -> {};
    private volatile LinkEngine engine;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile long copiedBefore;

    LinkRunner(Map<String, Object> source, Map<String, Object> target, LinkSettings settings, PrintWriter err) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.err = err;
        this.takeover = LinkTakeover::adopt;
    }

    /** Called once the runner stops for good, whatever the reason. */
    void onEnd(Runnable action) {
        this.onEnd = action;
    }

    boolean ended() {
        return ended.getCount() == 0;
    }

    @Override
    public void run() {
        try {
            runEngines();
        } finally {
            started.countDown();
            ended.countDown();
            onEnd.run();
        }
    }

    private void runEngines() {
        int restarts = 0;
        while (!stopping) {
            LinkEngine current = new LinkEngine(source, target, settings, new Progress(), takeover);
            engine = current;
            try (current) {
                current.run();
                return;
            } catch (CutoverException e) {
                failure = e;
                started.countDown();
                return;
            } catch (RuntimeException e) {
                copiedBefore += current.copiedTotal();
                Optional<CutoverException> denied = denied(e);
                if (denied.isPresent()) {
                    failure = denied.get(); // a restart cannot help until someone grants the permission
                    started.countDown();
                    return;
                }
                if (stopping || ++restarts > MAX_RESTARTS) {
                    failure = e;
                    started.countDown();
                    return;
                }
                log.warn("link failed, restarting ({} of {})", restarts, MAX_RESTARTS, e);
                say("the link failed (" + e.getMessage() + "); restarting, " + restarts + " of " + MAX_RESTARTS);
                sleep(2000);
            }
        }
    }

    /**
     * A failure caused by a cluster refusing the link's principal (exit 3, no restart), described with what Kafka says
     * was refused: topics, group, transactional id or cluster.
     */
    static Optional<CutoverException> denied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException refused) {
                String what = "a resource";
                if (refused instanceof org.apache.kafka.common.errors.TopicAuthorizationException topics) {
                    what = "topic(s) " + new java.util.TreeSet<>(topics.unauthorizedTopics());
                } else if (refused instanceof org.apache.kafka.common.errors.GroupAuthorizationException group) {
                    what = "group " + group.groupId();
                } else if (refused instanceof org.apache.kafka.common.errors.TransactionalIdAuthorizationException) {
                    what = "its transactional id";
                } else if (refused instanceof org.apache.kafka.common.errors.ClusterAuthorizationException) {
                    what = "the cluster resource";
                }
                return Optional.of(new CutoverException(
                        dev.cutover.api.Reason.AUTHORIZATION_FAILED,
                        "the link was refused access to " + what + ": " + failure.getMessage(),
                        "grant the profiles' principals the ACLs listed under Permissions in the README's link"
                                + " section, then start the link again",
                        failure));
            }
        }
        return Optional.empty();
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    void stop() {
        stopping = true;
        LinkEngine current = engine;
        if (current != null) {
            current.stop();
        }
    }

    long copied() {
        LinkEngine current = engine;
        return copiedBefore + (current == null ? 0 : current.copiedTotal());
    }

    private void say(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Progress implements LinkEngine.Listener {
        private long lastReport = System.nanoTime();
        private long lastCopied;

        @Override
        public void info(String message) {
            say(message);
            if (message.startsWith("copying ")) {
                started.countDown();
            }
        }

        @Override
        public void partitionError(TopicPartition tp, String reason) {
            say("partition " + tp + " stopped: " + reason);
        }

        @Override
        public void partitionWarning(TopicPartition tp, String warning) {
            say("partition " + tp + " warning: " + warning);
        }

        @Override
        public void checkpoint(long copiedTotal) {
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY.toNanos()) {
                double rate = (copiedTotal - lastCopied) / ((now - lastReport) / 1e9);
                say(String.format("copied %d record(s) in this run (%.0f/s)", copiedBefore + copiedTotal, rate));
                lastReport = now;
                lastCopied = copiedTotal;
            }
        }
    }
}
