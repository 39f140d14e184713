package dev.cutover.bench;

import java.time.Duration;
import java.util.List;

/** Repeated measurements of one thing. Benchmarks report the median; min and max show the noise. */
public record Stats(String what, List<Duration> runs) {
    /** Bytes in a mebibyte: heap figures are in MiB, as the JVM's own options are. */
    static final double MIB = 1024.0 * 1024.0;

    public Stats {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs of " + what);
        }
        runs = List.copyOf(runs);
    }

    public Duration median() {
        List<Duration> sorted = runs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    public Duration min() {
        return runs.stream().min(Duration::compareTo).orElseThrow();
    }

    public Duration max() {
        return runs.stream().max(Duration::compareTo).orElseThrow();
    }

    /** One line, e.g. {@code inventory, seeded estate: median 1.32 s (1.20–1.90 s, 3 runs)}. */
    public String line() {
        return String.format(
                "%-52s median %6.2f s  (%.2f–%.2f s, %d run%s)",
                what, secs(median()), secs(min()), secs(max()), runs.size(), runs.size() == 1 ? "" : "s");
    }

    static double secs(Duration d) {
        return d.toNanos() / 1e9;
    }
}
