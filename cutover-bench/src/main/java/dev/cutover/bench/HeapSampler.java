package dev.cutover.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Approximate heap cost of whatever runs in this JVM while the sampler runs: {@link MemoryMXBean} heap used, sampled
 * every 20 ms, peak minus the value at start (taken just after a requested GC). Everything in the JVM counts, the
 * benchmark's own polling included, and "used" includes garbage not yet collected, so with a large heap the figure
 * tracks allocation rate as much as live data. The heap left after collections (sum of the pools' usage after their
 * last GC) is sampled too, as a rougher bound on live data. Neither is precise; both are for comparing contenders run
 * the same way.
 */
final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
            .toList();
    private final long baseline;
    private final long baselineAfterGc;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;
    private volatile long peakAfterGc;

    private HeapSampler() {
        System.gc();
        this.baseline = memory.getHeapMemoryUsage().getUsed();
        this.baselineAfterGc = afterGc();
        this.peak = baseline;
        this.peakAfterGc = baselineAfterGc;
        this.thread = new Thread(this::sample, "heap-sampler");
        this.thread.setDaemon(true);
    }

    static HeapSampler start() {
        HeapSampler sampler = new HeapSampler();
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        while (running) {
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
            peakAfterGc = Math.max(peakAfterGc, afterGc());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long afterGc() {
        return heapPools.stream()
                .mapToLong(p -> p.getCollectionUsage().getUsed())
                .sum();
    }

    /**
     * Heap used after forcing full collections ({@code System.gc()}, three times, the lowest reading): the live data
     * of this JVM, give or take what other threads allocate between the collection and the reading. The difference of
     * two such readings, before a contender starts and while it still runs after copying everything, is the heap the
     * contender retains.
     */
    static long usedAfterFullGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    /** Stops sampling; returns peak minus baseline, in bytes (0 if the heap never grew). */
    HeapUse stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new HeapUse(Math.max(0, peak - baseline), Math.max(0, peakAfterGc - baselineAfterGc));
    }

    @Override
    public void close() {
        stop();
    }

    /** Bytes over the baseline: peak of heap used, and peak of heap left after collections. */
    record HeapUse(long peakUsed, long peakAfterGc) {}
}
