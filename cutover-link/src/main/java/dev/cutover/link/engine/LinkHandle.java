package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running link, started by {@link LinkService}: its state, its events, and what a caller can ask of it. The link
 * runs on its own thread; a run that fails with a retriable error is started again by the {@link RestartPolicy} (the
 * new run takes over from the failed one exactly as after a crash). All methods are thread-safe.
 */
public final class LinkHandle implements AutoCloseable, MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(LinkHandle.class);

    /** Where the link stands. */
    public enum State {
        /** Taking over and preparing; nothing copied yet by this run. */
        STARTING,
        /** Copying. */
        RUNNING,
        /** A run failed with a retriable error; the next starts after a back-off. */
        RESTARTING,
        /** Asked to stop: finishing the open transaction and a last checkpoint. */
        STOPPING,
        /** Stopped cleanly on request. */
        STOPPED,
        /** Stopped by an error a restart cannot fix, or the retry budget ran out: see {@link #failure()}. */
        FAILED
    }

    private final Map<String, Object> sourceProps;
    private final Map<String, Object> targetProps;
    private final LinkSettings settings;
    private final Consumer<LinkEvent> listener;
    private final Takeover takeover;
    private final RestartPolicy policy;
    private final LinkControl control;
    private final ReverseCopy reverse;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread thread;
    private volatile State state = State.STARTING;
    private volatile Throwable failure;
    private volatile boolean everStarted;

    LinkHandle(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Consumer<LinkEvent> listener,
            Takeover takeover,
            RestartPolicy policy) {
        this.sourceProps = Map.copyOf(sourceProps);
        this.targetProps = Map.copyOf(targetProps);
        this.settings = settings;
        this.listener = listener;
        this.takeover = takeover;
        this.policy = policy;
        this.control = new LinkControl(new LinkMeters(settings.topics().link(), this::state));
        this.thread =
                new Thread(this::runAll, "cutover-link-" + settings.topics().link());
        this.reverse = new ReverseCopy(this.sourceProps, this.targetProps, settings, this::emit, takeover, policy);
    }

    void launch() {
        thread.start();
    }

    public State state() {
        return state;
    }

    public String name() {
        return settings.topics().link();
    }

    /** Why the link failed, once it is {@link State#FAILED}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Why the link stopped (or is stopping), once asked to: the reason it records in its {@code stopped} state. */
    public String stopReason() {
        return control.stopReason();
    }

    /** Records copied since this handle started, across restarts (committed ones). */
    public long copied() {
        return control.copied.get();
    }

    /**
     * How far the link is, as its last committed checkpoint saw it (see {@link LinkProgress} for what its figures
     * count); empty before the first checkpoint.
     */
    public Optional<LinkProgress> progress() {
        return control.progress();
    }

    /**
     * Waits until the link copies (true), or has ended without getting there (false; see {@link #state()} and {@link
     * #failure()}). Throws {@link TimeoutException} when neither happens in time.
     */
    public boolean awaitStarted(Duration timeout) throws InterruptedException, TimeoutException {
        if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("link '" + name() + "' did not start within " + timeout.toSeconds() + " s");
        }
        return everStarted;
    }

    /**
     * Waits until the link's stored offset map covers every given source offset (exclusive: everything below it is
     * copied or passed, and committed with the map), so that a group committed at that offset translates exactly.
     *
     * @throws TimeoutException when it does not within the timeout; the message names the partitions behind
     * @throws CutoverException when the link ended, or a partition stopped, before covering them
     */
    public void awaitCoverage(Map<TopicPartition, Long> offsets, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (control) {
            while (true) {
                Map<TopicPartition, String> behind = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition));
                offsets.forEach((tp, offset) -> {
                    long covered = control.coveredTo(tp);
                    if (covered < offset) {
                        behind.put(tp, "needs " + offset + ", covers " + (covered < 0 ? "nothing yet" : covered));
                    }
                });
                if (behind.isEmpty()) {
                    return;
                }
                if (ended.getCount() == 0) {
                    throw new CutoverException(
                            Reason.CHECK_FAILED,
                            "link '" + name() + "' ended (" + state + ") before covering " + behind,
                            "see the link's status for why it stopped");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(
                            "link '" + name() + "' did not cover " + behind + " within " + timeout.toSeconds() + " s");
                }
                control.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /**
     * Stops copying these topics once everything up to the source's current end (its last stable offset, read when
     * the link takes the request) is copied and committed, then releases them: they stay in the link's state as
     * {@code released}, with where they ended, and a restart does not copy them again.
     */
    public CompletableFuture<DrainResult> drain(Set<String> topics) {
        return request(new LinkControl.Request.Drain(Set.copyOf(topics), Optional.empty(), new CompletableFuture<>()));
    }

    /** As {@link #drain(Set)}, up to the given exclusive source offsets instead (one for each partition). */
    public CompletableFuture<DrainResult> drain(Set<String> topics, Map<TopicPartition, Long> upTo) {
        return request(new LinkControl.Request.Drain(
                Set.copyOf(topics), Optional.of(Map.copyOf(upTo)), new CompletableFuture<>()));
    }

    /**
     * Starts copying a topic the link does not copy yet from exact source offsets, one for each of its partitions. The
     * target topic must exist with as many partitions; it may already hold records (a copy back into a topic with its
     * history): the map starts at the target's end. Completes with the partitions taken on.
     */
    public CompletableFuture<Set<TopicPartition>> startTopic(String topic, Map<TopicPartition, Long> from) {
        return request(new LinkControl.Request.StartTopic(topic, Map.copyOf(from), new CompletableFuture<>()));
    }

    /**
     * Takes released partitions on again, each from an exact source offset at or after where its copy ended, the
     * target at its end now (a producer move rolled back). Completes with where each partition's copy stands.
     */
    public CompletableFuture<Map<TopicPartition, DrainResult.End>> resume(Map<TopicPartition, Long> from) {
        return request(new LinkControl.Request.Resume(Map.copyOf(from), new CompletableFuture<>()));
    }

    private <T> CompletableFuture<T> request(LinkControl.Request request) {
        CompletableFuture<T> done = cast(request.done());
        if (ended.getCount() == 0) {
            done.completeExceptionally(new CutoverException(
                    Reason.CHECK_FAILED, "link '" + name() + "' is not running (" + state + ")", null));
            return done;
        }
        control.requests.add(request);
        return done;
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> cast(CompletableFuture<?> f) {
        return (CompletableFuture<T>) f;
    }

    /**
     * Asks the link to finish its open transaction, write a last checkpoint, give its lease up and stop, recording
     * that its process stopped it.
     */
    public void stop() {
        stop("stopped by its process (pid " + ProcessHandle.current().pid() + ")");
    }

    /** As {@link #stop()}, recording {@code reason} in the link's {@code stopped} state on the target. */
    public void stop(String reason) {
        if (state != State.STOPPED && state != State.FAILED) {
            state = State.STOPPING;
        }
        control.requestStop(reason); // the engine checks it between transactions; a back-off wakes at once
    }

    /** Waits until the link has ended; true if it did in time. */
    public boolean awaitEnded(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the link and waits for it (up to a minute); a clean stop commits what it copied. */
    @Override
    public void close() {
        stop();
        try {
            if (!awaitEnded(Duration.ofMinutes(1))) {
                log.warn("link '{}' did not stop within a minute", name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runAll() {
        int attempt = 0;
        try {
            while (!control.stopRequested) {
                long runStart = System.nanoTime();
                LinkEngine engine;
                try {
                    engine = new LinkEngine(sourceProps, targetProps, settings, this::onEvent, takeover, control);
                } catch (RuntimeException e) {
                    end(State.FAILED, policy.fatal(e, everStarted).orElse(e));
                    return;
                }
                try (engine) {
                    engine.run();
                    end(State.STOPPED, null);
                    emit(new LinkEvent.Stopped(control.copied.get()));
                    return;
                } catch (RuntimeException e) {
                    if (control.stopRequested) {
                        end(State.FAILED, e);
                        return;
                    }
                    Optional<Throwable> fatal = policy.fatal(e, everStarted);
                    if (System.nanoTime() - runStart > policy.resetAfter().toNanos()) {
                        attempt = 0;
                    }
                    if (fatal.isPresent() || ++attempt > policy.budget()) {
                        end(State.FAILED, fatal.orElse(e));
                        return;
                    }
                    state = State.RESTARTING;
                    control.meters.restarted();
                    log.warn("link '{}' failed, restarting ({} of {})", name(), attempt, policy.budget(), e);
                    emit(new LinkEvent.Restarting(attempt, policy.budget(), String.valueOf(e.getMessage())));
                    control.pauseUnlessStopped(policy.backoff(attempt).toMillis());
                }
            }
            end(State.STOPPED, null);
        } catch (Error e) {
            end(State.FAILED, e);
            throw e;
        }
    }

    /**
     * Registers this link's meters (lag, copied records and bytes, partition states, transactions, offset-map chunks,
     * restarts: {@code docs/observability.md}) in {@code registry}, and those of the reverse copy it runs for a wave.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        control.meters.bindTo(registry);
        reverse.bindTo(registry);
    }

    /**
     * The reverse copy this link's process runs for the topics a wave turned around (target → source), once there is
     * one.
     */
    public Optional<LinkHandle> reverseCopy() {
        return reverse.handle();
    }

    private void onEvent(LinkEvent event) {
        if (event instanceof LinkEvent.Started || event instanceof LinkEvent.Reversed) {
            reverse.refresh();
        }
        if (event instanceof LinkEvent.Started) {
            everStarted = true;
            if (state != State.STOPPING) {
                state = State.RUNNING;
            }
            started.countDown();
        }
        emit(event);
    }

    private void emit(LinkEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            log.warn("a link event listener failed on {}", event, e);
        }
    }

    private void end(State end, Throwable cause) {
        failure = cause;
        state = end;
        if (cause != null) {
            log.warn("link '{}' failed", name(), cause);
            emit(new LinkEvent.Failed(cause));
        }
        control.requests.forEach(r -> {
            r.fail(new CutoverException(Reason.CHECK_FAILED, "link '" + name() + "' ended", null));
        });
        reverse.close();
        started.countDown();
        ended.countDown();
        control.wake();
    }
}
