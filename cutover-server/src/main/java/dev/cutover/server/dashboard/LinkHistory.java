package dev.cutover.server.dashboard;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A link's recent past for the dashboard's charts: one {@link Sample} per poll of its status, kept for a bounded time
 * (and count), oldest dropped first. The throughput of a sample is the records the link copied since the previous
 * sample (the growth of the sum of its partitions' {@code replicatedTo}) per second of the time between them; it is
 * absent for the first sample, after a gap in the polls (the target was unreachable: nothing is known of that time),
 * and when the sum went down (a partition left the link), rather than a made-up figure.
 */
public final class LinkHistory {
    /** One poll: when, the link's lag, and its copy rate since the previous poll (null when unknown). */
    public record Sample(long atMs, long lagRecords, long lagMs, long copiedTo, Double recordsPerSecond) {}

    private final Duration keep;
    private final int maxSamples;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private boolean gap = true;

    /**
     * @param keep how long a sample is kept
     * @param maxSamples the most samples kept, whatever their age (bounds memory when polled fast)
     */
    public LinkHistory(Duration keep, int maxSamples) {
        if (keep.isNegative() || keep.isZero() || maxSamples < 2) {
            throw new IllegalArgumentException("keep a positive time and at least two samples");
        }
        this.keep = keep;
        this.maxSamples = maxSamples;
    }

    /**
     * Adds a poll's figures.
     *
     * @param copiedTo the sum of the link's partitions' {@code replicatedTo}
     */
    public synchronized void add(long atMs, long lagRecords, long lagMs, long copiedTo) {
        Sample last = samples.peekLast();
        Double rate = null;
        if (!gap && last != null && atMs > last.atMs() && copiedTo >= last.copiedTo()) {
            rate = (copiedTo - last.copiedTo()) * 1000.0 / (atMs - last.atMs());
        }
        samples.addLast(new Sample(atMs, lagRecords, lagMs, copiedTo, rate));
        gap = false;
        trim(atMs);
    }

    /** A poll that failed: the next sample has no rate, since the time in between is unknown. */
    public synchronized void unknown(long atMs) {
        gap = true;
        trim(atMs);
    }

    /** The samples kept, oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void trim(long nowMs) {
        long oldest = nowMs - keep.toMillis();
        while (!samples.isEmpty() && (samples.peekFirst().atMs() < oldest || samples.size() > maxSamples)) {
            samples.removeFirst();
        }
    }
}
