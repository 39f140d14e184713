package dev.cutover.bench;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Every run of one contender; {@code runs} is empty when the contender was not available. */
public record ContenderResult(String name, boolean available, String note, List<CopyRun> runs) {
    public ContenderResult {
        runs = List.copyOf(runs);
    }

    static ContenderResult unavailable(String name, String note) {
        return new ContenderResult(name, false, note, List.of());
    }

    public double medianRate(long records) {
        return median(r -> r.recordsPerSecond(records));
    }

    public double minRate(long records) {
        return runs.stream().mapToDouble(r -> r.recordsPerSecond(records)).min().orElse(Double.NaN);
    }

    public double maxRate(long records) {
        return runs.stream().mapToDouble(r -> r.recordsPerSecond(records)).max().orElse(Double.NaN);
    }

    public double medianSteadyRate(long records) {
        return median(r -> r.steadyRecordsPerSecond(records));
    }

    public double medianFirstRecordSeconds() {
        return median(r -> Stats.secs(r.firstRecord()));
    }

    public double medianHeapMb() {
        return median(r -> r.heap().peakUsed() / 1e6);
    }

    public double medianHeapAfterGcMb() {
        return median(r -> r.heap().peakAfterGc() / 1e6);
    }

    /** The run with the median replayed + skipped count, if this contender translates offsets. */
    public Optional<OffsetTranslation> medianTranslation() {
        List<OffsetTranslation> all = runs.stream()
                .flatMap(r -> r.translation().stream())
                .sorted((a, b) -> Long.compare(a.replayed() + a.skipped(), b.replayed() + b.skipped()))
                .toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get((all.size() - 1) / 2));
    }

    private double median(ToDoubleFunction<CopyRun> f) {
        double[] sorted = runs.stream().mapToDouble(f).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
