package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.bench.ScalePlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cutover bench scale-plan}: the link on Kafka Connect planned for a scale, from measured figures. */
@Command(
        name = "scale-plan",
        mixinStandardHelpOptions = true,
        description = {
            "Plans the link on Kafka Connect for an estate's scale: tasks and workers, transaction span and size,",
            "commit markers, the offset map's size and its checkpoint writes, memory. A calculation from a task's",
            "measured records/s (cutover bench link --connect) and the link's own rules, not a measurement at that",
            "scale; each figure says how it follows (docs/scale.md). Contacts no cluster."
        },
        footer = {"", "Exit codes: 0 planned, 2 usage error."})
final class BenchScalePlanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--partitions",
            defaultValue = "100000",
            description = "Source partitions copied (default: ${DEFAULT-VALUE}).")
    long partitions;

    @Option(
            names = "--bytes-per-second",
            defaultValue = "1000000000",
            description = "The estate's write rate to copy, bytes/s (default: ${DEFAULT-VALUE}, 1 GB/s).")
    double bytesPerSecond;

    @Option(
            names = "--record-bytes",
            defaultValue = "1000",
            description = "Average record size (default: ${DEFAULT-VALUE}).")
    double recordBytes;

    @Option(
            names = "--task-records-per-second",
            defaultValue = "20000",
            description = "What one task copies, measured (default: ${DEFAULT-VALUE}, a task's share measured on 2"
                    + " cores shared with both clusters: docs/scale.md).")
    double taskRecordsPerSecond;

    @Option(
            names = "--tasks-per-worker",
            defaultValue = "4",
            description = "Tasks one worker runs, about its cores (default: ${DEFAULT-VALUE}).")
    int tasksPerWorker;

    @Option(
            names = "--headroom",
            defaultValue = "1.5",
            description = "How much faster than the estate writes the link must copy, to catch up after an outage"
                    + " (default: ${DEFAULT-VALUE}).")
    double headroom;

    @Option(
            names = "--checkpoint-seconds",
            defaultValue = "6",
            description = "How often each task checkpoints: a fifth of link.lease (default: ${DEFAULT-VALUE}).")
    double checkpointSeconds;

    @Option(
            names = "--bytes-per-run",
            defaultValue = "4",
            description = "Encoded offset-map bytes per run, 1 to 5 (default: ${DEFAULT-VALUE}; docs/offset-map.md).")
    double bytesPerRun;

    @Option(
            names = "--retention-days",
            defaultValue = "7",
            description = "The source's retention, which the map follows (default: ${DEFAULT-VALUE}).")
    double retentionDays;

    @Option(
            names = "--worker-heap",
            defaultValue = "2147483648",
            description = "A worker's heap at --tasks-per-worker tasks, bytes (default: ${DEFAULT-VALUE}, 2 GiB).")
    double workerHeap;

    @Override
    public Integer call() {
        if (partitions < 1
                || bytesPerSecond <= 0
                || recordBytes <= 0
                || taskRecordsPerSecond <= 0
                || tasksPerWorker < 1
                || headroom < 1
                || checkpointSeconds <= 0
                || bytesPerRun <= 0
                || retentionDays <= 0
                || workerHeap <= 0) {
            throw new CutoverException(
                    Reason.USAGE,
                    "every figure of bench scale-plan is positive, --tasks-per-worker and --partitions at least 1 and"
                            + " --headroom at least 1",
                    "see cutover bench scale-plan --help");
        }
        ScalePlan plan = new ScalePlan(
                partitions,
                bytesPerSecond,
                recordBytes,
                taskRecordsPerSecond,
                tasksPerWorker,
                headroom,
                checkpointSeconds,
                bytesPerRun,
                retentionDays,
                workerHeap);
        PrintWriter out = spec.commandLine().getOut();
        out.print(plan.markdown());
        out.flush();
        return 0;
    }
}
