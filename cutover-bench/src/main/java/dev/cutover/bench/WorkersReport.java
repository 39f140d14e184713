package dev.cutover.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The part of {@link LinkReport} about contenders that copy in worker JVMs of their own (cutover's link on Kafka
 * Connect): their workers' memory and what each task did, which this JVM's heap figures cannot show, and what such a
 * figure means on this machine.
 */
final class WorkersReport {
    private WorkersReport() {}

    /** The contender's workers as sampled in its last completed run (else its last run that got that far). */
    static Optional<WorkerFigures> last(ContenderResult c) {
        Optional<WorkerFigures> completed =
                c.completed().stream().flatMap(r -> r.workers().stream()).reduce((a, b) -> b);
        return completed.isPresent()
                ? completed
                : c.runs().stream().flatMap(r -> r.workers().stream()).reduce((a, b) -> b);
    }

    /** Each worker's resident set at the end of the copy, e.g. {@code 612 / 598 MiB}. */
    static String rss(WorkerFigures w) {
        return mib(w, WorkerFigures.Worker::rssBytes);
    }

    static void section(LinkBenchmark.Result result, List<String> lines) {
        List<ContenderResult> outside =
                result.contenders().stream().filter(c -> last(c).isPresent()).toList();
        if (outside.isEmpty()) {
            return;
        }
        long n = result.options().records();
        lines.add("");
        lines.add("### Kafka Connect workers");
        lines.add("");
        lines.add(
                "| contender | workers ready | -Xmx | tasks.max | tasks per worker | RSS per worker | peak RSS per worker"
                        + " | heap used per worker | CPU per worker (GC) | records/s per task | records per transaction,"
                        + " avg (max) |");
        lines.add("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |");
        for (ContenderResult c : outside) {
            WorkerFigures w = last(c).orElseThrow();
            double secs = c.completed().isEmpty()
                    ? Double.NaN
                    : Stats.secs(c.completed().get(c.completed().size() - 1).copy());
            lines.add(String.format(
                    "| %s | %.1f s | %s | %d | %s | %s | %s | %s | %s | %s | %s |",
                    c.name(),
                    Stats.secs(w.ready()),
                    w.maxHeap(),
                    w.tasksMax(),
                    w.workers().stream()
                            .map(x -> Integer.toString(x.tasks().size()))
                            .collect(Collectors.joining(" / ")),
                    rss(w),
                    mib(w, WorkerFigures.Worker::peakRssBytes),
                    mib(w, WorkerFigures.Worker::heapUsedBytes),
                    cpu(w),
                    perTask(w, t -> Double.isNaN(secs) ? "–" : String.format("%,.0f", t.recordsWritten() / secs)),
                    perTask(
                            w,
                            t -> String.format(
                                    "%s (%s)", count(t.transactionSizeAvg()), count(t.transactionSizeMax())))));
        }
        lines.add("");
        lines.add(String.format(
                "The Connect workers run in JVMs of their own (ConnectDistributed, exactly.once.source.support=enabled),"
                        + " started and joined to their group before the clock starts; the clock runs from the"
                        + " connector's submission (PUT /connectors/<name>/config) until the target holds every record,"
                        + " committed. %,d records in all; their copies are counted on the target under read_committed"
                        + " (commit markers, which take offsets too, are not counted). This JVM's heap columns do not"
                        + " apply to them (–): RSS is VmRSS of /proc/<pid>/status when the copy completed, peak RSS"
                        + " VmHWM, heap used as the worker's JVM reports it over JMX (garbage included); CPU: the"
                        + " worker JVM's CPU time during the copy (all its threads; 1 s per second is one core busy),"
                        + " of which its garbage collectors' time in brackets. Per task, from"
                        + " Connect's source-task-metrics: records written (copies and the link's checkpoint records)"
                        + " over the whole copy, and records per committed transaction. The copies are written by each"
                        + " task's producer with the in-process link's settings (linger, batch size, retry backoff as"
                        + " producer.override.*) unless the row says \"worker's producer\" (the worker's defaults)."
                        + " Each copy runs on fresh workers, whose JIT compiles Connect's and the link's code during"
                        + " the copy: a warm-up run warms this JVM, not theirs.",
                n));
        lines.add(String.format(
                "This machine has %d cores, shared by both clusters, this JVM and every worker: more workers add no"
                        + " cores here, so their row measures what spreading the same tasks over more JVMs costs, not"
                        + " how the link scales on Connect (that needs workers on machines of their own).",
                Runtime.getRuntime().availableProcessors()));
    }

    private static String mib(WorkerFigures w, Function<WorkerFigures.Worker, OptionalLong> bytes) {
        List<OptionalLong> all = w.workers().stream().map(bytes).toList();
        if (all.stream().anyMatch(OptionalLong::isEmpty)) {
            return "–";
        }
        return all.stream()
                        .map(b -> String.format("%,.0f", b.getAsLong() / Stats.MIB))
                        .collect(Collectors.joining(" / "))
                + " MiB";
    }

    private static String cpu(WorkerFigures w) {
        if (w.workers().stream().anyMatch(x -> x.cpu().isEmpty() || x.gc().isEmpty())) {
            return "–";
        }
        return w.workers().stream()
                .map(x -> String.format(
                        "%.1f s (%.1f s)", Stats.secs(x.cpu().orElseThrow()), Stats.secs(x.gc().orElseThrow())))
                .collect(Collectors.joining(" / "));
    }

    private static String perTask(WorkerFigures w, Function<WorkerFigures.Task, String> figure) {
        List<WorkerFigures.Task> tasks = w.workers().stream()
                .flatMap(x -> x.tasks().stream())
                .sorted(java.util.Comparator.comparingInt(WorkerFigures.Task::id))
                .toList();
        if (tasks.isEmpty()) {
            return "–";
        }
        return tasks.stream().map(t -> "t" + t.id() + " " + figure.apply(t)).collect(Collectors.joining("; "));
    }

    private static String count(OptionalDouble d) {
        return d.isPresent() ? String.format("%,.0f", d.getAsDouble()) : "–";
    }
}
