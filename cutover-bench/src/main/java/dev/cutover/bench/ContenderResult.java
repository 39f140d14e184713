package dev.cutover.bench;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Every run of one contender. Medians and ranges are over its completed runs; {@link #failures()} holds the others.
 */
public record ContenderResult(String name, List<CopyRun> runs) {
    public ContenderResult {
        runs = List.copyOf(runs);
    }

    public List<CopyRun> completed() {
        return runs.stream().filter(CopyRun::completed).toList();
    }

    public List<CopyRun> failures() {
        return runs.stream().filter(r -> !r.completed()).toList();
    }

    public boolean anyCompleted() {
        return runs.stream().anyMatch(CopyRun::completed);
    }

    public double medianRate(long records) {
        return median(completed(), r -> r.recordsPerSecond(records));
    }

    public double minRate(long records) {
        return completed().stream()
                .mapToDouble(r -> r.recordsPerSecond(records))
                .min()
                .orElse(Double.NaN);
    }

    public double maxRate(long records) {
        return completed().stream()
                .mapToDouble(r -> r.recordsPerSecond(records))
                .max()
                .orElse(Double.NaN);
    }

    public double medianSteadyRate(long records) {
        return median(completed(), r -> r.steadyRecordsPerSecond(records));
    }

    /** Over every run that saw a first record, failed ones included: start-up is measured even if the copy fails. */
    public double medianFirstRecordSeconds() {
        return median(
                runs.stream().filter(r -> r.firstRecord().isPresent()).toList(),
                r -> Stats.secs(r.firstRecord().orElseThrow()));
    }

    public double medianHeapPeakMib() {
        return median(completed(), r -> r.heap().peakUsed() / Stats.MIB);
    }

    public double medianRetainedMib() {
        return median(
                completed().stream().filter(r -> r.retainedBytes().isPresent()).toList(),
                r -> r.retainedBytes().getAsLong() / Stats.MIB);
    }

    /** The completed run with the median replayed + skipped count, if this contender translates offsets. */
    public Optional<OffsetTranslation> medianTranslation() {
        List<OffsetTranslation> all = completed().stream()
                .flatMap(r -> r.translation().stream())
                .sorted((a, b) -> Long.compare(a.replayed() + a.skipped(), b.replayed() + b.skipped()))
                .toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get((all.size() - 1) / 2));
    }

    /** The offset map of the last completed run that measured one. */
    public Optional<OffsetMapSize> offsetMap() {
        return completed().stream().flatMap(r -> r.offsetMap().stream()).reduce((a, b) -> b);
    }

    private static double median(List<CopyRun> runs, ToDoubleFunction<CopyRun> f) {
        double[] sorted = runs.stream()
                .mapToDouble(f)
                .filter(d -> !Double.isNaN(d))
                .sorted()
                .toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
