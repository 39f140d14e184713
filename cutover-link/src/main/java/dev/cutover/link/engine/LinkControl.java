package dev.cutover.link.engine;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * What a {@link LinkHandle} and the engine runs behind it share, across restarts: requests waiting for the engine's
 * thread, the coverage the target durably holds, and the count of copied records. Thread-safe.
 */
final class LinkControl {
    /** Asked of the engine, done on its thread between transactions. */
    sealed interface Request {
        CompletableFuture<?> done();

        default void fail(Throwable cause) {
            done().completeExceptionally(cause);
        }

        record Drain(Set<String> topics, Optional<Map<TopicPartition, Long>> upTo, CompletableFuture<DrainResult> done)
                implements Request {}

        /** Takes released partitions on again, each from an exact source offset, the target at its end now. */
        record Resume(Map<TopicPartition, Long> from, CompletableFuture<Map<TopicPartition, DrainResult.End>> done)
                implements Request {}

        record StartTopic(String topic, Map<TopicPartition, Long> from, CompletableFuture<Set<TopicPartition>> done)
                implements Request {}
    }

    final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    /** Per partition, what the stored (committed) offset map covers: every source offset below is mapped. */
    private final Map<TopicPartition, Long> covered = new ConcurrentHashMap<>();

    final AtomicLong copied = new AtomicLong();
    /** The link's meters (recording nothing until bound to a registry). */
    final LinkMeters meters;

    LinkControl(LinkMeters meters) {
        this.meters = meters;
    }
    /** What the last committed checkpoint saw left to copy, or null before the first. */
    private volatile LinkProgress progress;

    volatile boolean stopRequested;

    void covered(Map<TopicPartition, Long> committed) {
        committed.forEach((tp, offset) -> covered.merge(tp, offset, Math::max));
        synchronized (this) {
            notifyAll();
        }
    }

    void progress(LinkProgress latest) {
        progress = latest;
    }

    Optional<LinkProgress> progress() {
        return Optional.ofNullable(progress);
    }

    long coveredTo(TopicPartition tp) {
        return covered.getOrDefault(tp, -1L);
    }

    private final Object stopSignal = new Object();

    /** Why the link stops, once asked to; the first reason given wins. */
    private volatile String stopReason;

    void requestStop(String reason) {
        synchronized (stopSignal) {
            if (stopReason == null) {
                stopReason = reason;
            }
        }
        stopRequested = true;
        synchronized (stopSignal) {
            stopSignal.notifyAll();
        }
    }

    /** Waits up to {@code ms}, or less when a stop is requested (then the caller checks {@link #stopRequested}). */
    void pauseUnlessStopped(long ms) {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        synchronized (stopSignal) {
            while (!stopRequested) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return;
                }
                try {
                    stopSignal.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    String stopReason() {
        String reason = stopReason;
        return reason == null ? "stopped by its process" : reason;
    }

    /** Wakes coverage waiters, e.g. when the link ends and nothing more will come. */
    synchronized void wake() {
        notifyAll();
    }
}
