package dev.cutover.link.engine;

import dev.cutover.link.state.LinkState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse copy a link's process runs for its turned-around topics ({@link LinkState.Reversal}s in the link's
 * state): a second link, {@link LinkSettings#reverseName named after it}, from the target back to the source, each
 * partition starting at the exact target offset where its writers took over. It runs as long as the link's handle, is
 * started again with a wider set when another topic turns around, and takes over from its own state after a restart
 * (its progress is in {@code __cutover.<link>-reverse.*} on the source cluster), so a record is copied back once.
 *
 * <p>Everything here runs on a thread of its own: the engine's thread only asks for a {@link #refresh()}.
 */
final class ReverseCopy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReverseCopy.class);

    private final Map<String, Object> sourceProps;
    private final Map<String, Object> targetProps;
    private final LinkSettings forward;
    private final Consumer<LinkEvent> listener;
    private final Takeover takeover;
    private final RestartPolicy policy;
    private final ExecutorService thread;
    private volatile LinkHandle handle;
    private Set<String> topics = Set.of();

    ReverseCopy(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings forward,
            Consumer<LinkEvent> listener,
            Takeover takeover,
            RestartPolicy policy) {
        this.sourceProps = sourceProps;
        this.targetProps = targetProps;
        this.forward = forward;
        this.listener = listener;
        this.takeover = takeover;
        this.policy = policy;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cutover-link-" + forward.topics().link() + "-reverse-host");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the link's reversals and starts (or widens) the reverse copy to match; returns at once. */
    void refresh() {
        try {
            thread.execute(this::refreshNow);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nothing more to start
        }
    }

    /** The running reverse copy, if any topic is turned around. */
    /** Where the reverse copies' meters go, once the forward link's are bound. */
    private volatile io.micrometer.core.instrument.MeterRegistry registry;

    void bindTo(io.micrometer.core.instrument.MeterRegistry target) {
        registry = target;
        LinkHandle current = handle;
        if (current != null) {
            current.bindTo(target);
        }
    }

    Optional<LinkHandle> handle() {
        return Optional.ofNullable(handle);
    }

    private void refreshNow() {
        try {
            Map<String, LinkState.Reversal> reversals = LinkState.read(targetProps, forward.topics(), forward.timeout())
                    .reversals();
            LinkHandle current = handle;
            boolean alive = current != null
                    && current.state() != LinkHandle.State.STOPPED
                    && current.state() != LinkHandle.State.FAILED;
            if (alive && reversals.keySet().equals(topics) || reversals.isEmpty() && !alive) {
                return;
            }
            if (current != null) {
                current.close(); // a clean stop; the new set's copy takes over from its state
                handle = null;
                topics = Set.of();
            }
            if (reversals.isEmpty()) {
                listener.accept(new LinkEvent.Info("reverse copy stopped: no topic is turned around any more"));
                return;
            }
            Map<TopicPartition, Long> starts = new HashMap<>();
            reversals.values().forEach(r -> r.ends()
                    .forEach(e -> starts.put(new TopicPartition(e.topic(), e.partition()), e.targetEnd())));
            topics = new TreeSet<>(reversals.keySet());
            LinkSettings settings = forward.reverse(topics, starts);
            listener.accept(new LinkEvent.Info(
                    "reverse copy " + settings.topics().link() + " (target → source) of " + topics + " starting"));
            LinkHandle started = LinkService.start(targetProps, sourceProps, settings, this::tell, takeover, policy);
            handle = started;
            if (registry != null) {
                started.bindTo(registry);
            }
            if (started.awaitStarted(forward.timeout().multipliedBy(4))) {
                resumeReleased(started, reversals);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            log.warn(
                    "could not start the reverse copy of link '{}': {}; it is tried again when the link restarts",
                    forward.topics().link(),
                    e.toString());
            listener.accept(new LinkEvent.Info("reverse copy not started: " + e.getMessage()));
        }
    }

    /**
     * A topic turned around again (after a rollback released it from this copy) is taken on again from where its
     * writers took over this time; one still copied is left as it is.
     */
    private void resumeReleased(LinkHandle started, Map<String, LinkState.Reversal> reversals) {
        for (LinkState.Reversal r : reversals.values()) {
            Map<TopicPartition, Long> from = new HashMap<>();
            r.ends().forEach(e -> from.put(new TopicPartition(e.topic(), e.partition()), e.targetEnd()));
            try {
                started.resume(from).get(forward.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                listener.accept(new LinkEvent.Info("reverse copy of " + r.topic() + " not resumed: "
                        + (e.getCause() == null ? e : e.getCause()).getMessage()));
            }
        }
    }

    /** What the reverse copy tells: its start, its stops and failures, as the link's own information. */
    private void tell(LinkEvent event) {
        String name = LinkSettings.reverseName(forward.topics().link());
        if (event instanceof LinkEvent.Started s) {
            listener.accept(
                    new LinkEvent.Info("reverse copy " + name + " copying " + s.partitions() + " partition(s)"));
        } else if (event instanceof LinkEvent.PartitionStopped p) {
            listener.accept(
                    new LinkEvent.Info("reverse copy " + name + ": " + p.partition() + " stopped: " + p.reason()));
        } else if (event instanceof LinkEvent.Failed f) {
            listener.accept(new LinkEvent.Info(
                    "reverse copy " + name + " failed: " + f.error().getMessage()));
        } else if (event instanceof LinkEvent.Restarting r) {
            listener.accept(new LinkEvent.Info("reverse copy " + name + " restarting: " + r.cause()));
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(forward.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LinkHandle current = handle;
        if (current != null) {
            current.stop("its link stopped");
            try {
                if (!current.awaitEnded(Duration.ofMinutes(1))) {
                    log.warn("reverse copy {} did not stop within a minute", current.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
