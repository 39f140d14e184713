package dev.cutover.inventory.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ClusterScanner} runs.
 *
 * @param timeout how long to wait for the cluster to answer: the first request must succeed within it, else the scan
 *     fails with {@code CLUSTER_UNREACHABLE}; later requests that exceed it are recorded as {@code TIMEOUT} problems
 * @param rateSampleInterval how far apart the two end-offset samples for message rates are taken; {@link
 *     Duration#ZERO} skips rate sampling (rates are then {@code null})
 * @param chunkSize the most topics, partitions or groups sent in one Admin request; larger sets are split
 */
public record ScanOptions(Duration timeout, Duration rateSampleInterval, int chunkSize) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RATE_SAMPLE_INTERVAL = Duration.ofSeconds(2);
    public static final int DEFAULT_CHUNK_SIZE = 5_000;

    public ScanOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(rateSampleInterval, "rateSampleInterval");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (rateSampleInterval.isNegative()) {
            throw new IllegalArgumentException("rateSampleInterval must not be negative, not " + rateSampleInterval);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, not " + chunkSize);
        }
    }

    public static ScanOptions defaults() {
        return new ScanOptions(DEFAULT_TIMEOUT, DEFAULT_RATE_SAMPLE_INTERVAL, DEFAULT_CHUNK_SIZE);
    }

    public ScanOptions withTimeout(Duration value) {
        return new ScanOptions(value, rateSampleInterval, chunkSize);
    }

    public ScanOptions withRateSampleInterval(Duration value) {
        return new ScanOptions(timeout, value, chunkSize);
    }

    public ScanOptions withoutRateSampling() {
        return withRateSampleInterval(Duration.ZERO);
    }

    public ScanOptions withChunkSize(int value) {
        return new ScanOptions(timeout, rateSampleInterval, value);
    }

    boolean samplesRates() {
        return !rateSampleInterval.isZero();
    }
}
