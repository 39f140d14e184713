package dev.cutover.bench;

import java.util.List;

/**
 * {@code cutover bench link --output json}: the same figures as {@link LinkReport}, every run included. Version 1.
 * Numbers that a run could not measure are {@code null}. A run's {@code workers} (added within version 1, so readers
 * that do not know it lose nothing) describes the worker JVMs of a contender that copies outside this one, and is
 * {@code null} for the others.
 */
public final class LinkReportJson {
    public static final int VERSION = 1;

    private LinkReportJson() {}

    public record Doc(
            int version,
            String kind,
            long records,
            int valueSize,
            int partitions,
            int runs,
            int warmups,
            double fillSecondsMedian,
            List<ContenderDoc> contenders,
            List<Goals.Goal> goals) {}

    public record ContenderDoc(
            String name,
            Double recordsPerSecond,
            Double steadyRecordsPerSecond,
            Double firstRecordSeconds,
            Double heapRetainedMib,
            Double heapPeakMib,
            OffsetTranslation translation,
            OffsetMapSize offsetMap,
            List<RunDoc> runs) {}

    public record RunDoc(
            boolean completed,
            double seconds,
            Double firstRecordSeconds,
            long copied,
            Long heapRetainedBytes,
            long heapPeakBytes,
            long targetRecords,
            boolean partitionsMatch,
            OffsetTranslation translation,
            OffsetMapSize offsetMap,
            String failure,
            WorkersDoc workers) {}

    /** {@link WorkerFigures}: sizes in bytes, {@code null} where not measured. */
    public record WorkersDoc(double readySeconds, String maxHeap, int tasksMax, List<WorkerDoc> workers) {}

    public record WorkerDoc(
            String id,
            Long rssBytes,
            Long peakRssBytes,
            Long heapUsedBytes,
            Double cpuSeconds,
            Double gcSeconds,
            List<TaskDoc> tasks) {}

    public record TaskDoc(int id, long recordsWritten, Double transactionSizeAvg, Double transactionSizeMax) {}

    public static Doc of(LinkBenchmark.Result result) {
        LinkBenchmark.Options o = result.options();
        long n = o.records();
        List<ContenderDoc> contenders = result.contenders().stream()
                .map(c -> new ContenderDoc(
                        c.name(),
                        num(c.medianRate(n)),
                        num(c.medianSteadyRate(n)),
                        num(c.medianFirstRecordSeconds()),
                        num(c.medianRetainedMib()),
                        num(c.medianHeapPeakMib()),
                        c.medianTranslation().orElse(null),
                        c.offsetMap().orElse(null),
                        c.runs().stream().map(LinkReportJson::run).toList()))
                .toList();
        return new Doc(
                VERSION,
                "bench-link",
                n,
                o.valueSize(),
                o.partitions(),
                o.runs(),
                o.warmups(),
                Stats.secs(result.fill().median()),
                contenders,
                Goals.of(result));
    }

    private static RunDoc run(CopyRun r) {
        return new RunDoc(
                r.completed(),
                Stats.secs(r.copy()),
                r.firstRecord().map(Stats::secs).orElse(null),
                r.copied(),
                r.retainedBytes().isPresent() ? r.retainedBytes().getAsLong() : null,
                r.heap().peakUsed(),
                r.targetRecords(),
                r.partitionsMatch(),
                r.translation().orElse(null),
                r.offsetMap().orElse(null),
                r.failure().orElse(null),
                r.workers().map(LinkReportJson::workers).orElse(null));
    }

    private static WorkersDoc workers(WorkerFigures w) {
        return new WorkersDoc(
                Stats.secs(w.ready()),
                w.maxHeap(),
                w.tasksMax(),
                w.workers().stream()
                        .map(x -> new WorkerDoc(
                                x.id(),
                                num(x.rssBytes()),
                                num(x.peakRssBytes()),
                                num(x.heapUsedBytes()),
                                x.cpu().map(Stats::secs).orElse(null),
                                x.gc().map(Stats::secs).orElse(null),
                                x.tasks().stream()
                                        .map(t -> new TaskDoc(
                                                t.id(),
                                                t.recordsWritten(),
                                                num(t.transactionSizeAvg()),
                                                num(t.transactionSizeMax())))
                                        .toList()))
                        .toList());
    }

    private static Long num(java.util.OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    private static Double num(java.util.OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static Double num(double d) {
        return Double.isNaN(d) ? null : d;
    }
}
