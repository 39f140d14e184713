package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plan for running the link on Kafka Connect at a given scale, calculated from measured figures (a task's records
 * per second, a worker's memory) and the link's own rules: how transactions are bounded ({@code HostedCopy}: 250 ms to
 * 2 s by partitions, at most 32 MiB or 100,000 records), one commit marker per partition a transaction wrote, one
 * offset-map run per such marker, the open offset-map chunk rewritten at every checkpoint until it reaches 16 KiB. What
 * it says is arithmetic on those, not a measurement at that scale: docs/scale.md shows it beside what was measured.
 *
 * @param partitions source partitions copied
 * @param bytesPerSecond the estate's write rate to copy
 * @param recordBytes average record size
 * @param taskRecordsPerSecond what one task copies, measured
 * @param tasksPerWorker tasks one worker runs (about its cores)
 * @param headroom how much faster than the estate writes the link must be able to copy (catching up after an outage)
 * @param checkpointSeconds how often each task checkpoints (a fifth of the lease)
 * @param bytesPerRun encoded offset-map bytes per run (1 to 5, docs/offset-map.md)
 * @param retentionDays how long the source keeps records, hence how long the map is kept
 * @param workerHeapBytes a worker's heap at {@code tasksPerWorker} tasks, measured or chosen
 */
public record ScalePlan(
        long partitions,
        double bytesPerSecond,
        double recordBytes,
        double taskRecordsPerSecond,
        int tasksPerWorker,
        double headroom,
        double checkpointSeconds,
        double bytesPerRun,
        double retentionDays,
        double workerHeapBytes) {
    static final double SPAN_MIN_S = 0.25;
    static final double SPAN_MAX_S = 2.0;
    static final double TRANSACTION_BYTES = 32.0 * 1024 * 1024;
    static final double TRANSACTION_RECORDS = 100_000;
    static final double CHUNK_BYTES = 16 * 1024;
    static final double DAY_S = 86_400;

    /** The plan's figures. */
    public record Figures(
            double recordsPerSecond,
            int tasks,
            int workers,
            double partitionsPerTask,
            double taskRecordsPerSecondSteady,
            double transactionSeconds,
            double transactionBytes,
            double partitionsPerTransaction,
            double markersPerSecond,
            double markerShare,
            double runsPerPartitionPerDay,
            double mapBytesPerDay,
            double mapBytesRetained,
            double checkpointBytesPerSecond,
            double taskTransactionMemory) {}

    public Figures figures() {
        double records = bytesPerSecond / recordBytes;
        int tasks = (int) Math.ceil(records * headroom / taskRecordsPerSecond);
        int workers = (int) Math.ceil((double) tasks / tasksPerWorker);
        double perTask = partitions / (double) tasks;
        double taskRate = records / tasks;
        // The span rule of the in-process link (1 ms per partition copied, 250 ms to 2 s), cut short by the caps
        double span = Math.max(SPAN_MIN_S, Math.min(SPAN_MAX_S, perTask / 1000.0));
        double full = Math.min(TRANSACTION_BYTES / (taskRate * recordBytes), TRANSACTION_RECORDS / taskRate);
        span = Math.min(span, full);
        // A partition written at r records/s has at least one record in a transaction of s seconds with 1 - e^(-rs)
        double perPartitionRate = records / partitions;
        double touched = 1 - Math.exp(-perPartitionRate * span);
        double partitionsPerTransaction = perTask * touched;
        double markers = tasks * partitionsPerTransaction / span;
        double runsPerDay = DAY_S / span * touched;
        double mapPerDay = partitions * runsPerDay * bytesPerRun;
        // Each checkpoint rewrites the open chunk of every partition that moved: half a chunk on average once chunks
        // fill, less while a partition's map has grown by less than a chunk in all
        double openChunk = Math.min(CHUNK_BYTES / 2, runsPerDay * bytesPerRun * retentionDays / 2);
        double dirtyPerCheckpoint = 1 - Math.exp(-perPartitionRate * checkpointSeconds);
        double rewrite = partitions * dirtyPerCheckpoint * openChunk / checkpointSeconds;
        return new Figures(
                records,
                tasks,
                workers,
                perTask,
                taskRate,
                span,
                taskRate * recordBytes * span,
                partitionsPerTransaction,
                markers,
                markers / records,
                runsPerDay,
                mapPerDay,
                mapPerDay * retentionDays,
                rewrite,
                // a transaction is held whole until committed, plus the producer's copy in flight
                2 * taskRate * recordBytes * span);
    }

    /** The plan as a markdown table, each figure with how it follows. */
    public String markdown() {
        Figures f = figures();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("records/s to copy", count(f.recordsPerSecond()), "write rate ÷ record size"));
        rows.add(row(
                "tasks",
                Integer.toString(f.tasks()),
                "records/s × headroom " + number(headroom) + " ÷ " + count(taskRecordsPerSecond) + " per task"));
        rows.add(row("workers", Integer.toString(f.workers()), "tasks ÷ " + tasksPerWorker + " per worker"));
        rows.add(row("partitions per task", count(f.partitionsPerTask()), "partitions ÷ tasks"));
        rows.add(row("records/s per task (steady)", count(f.taskRecordsPerSecondSteady()), "records/s ÷ tasks"));
        rows.add(row(
                "transaction span",
                number(f.transactionSeconds()) + " s",
                "1 ms per partition of the task, 250 ms to 2 s, ended early at 32 MiB or 100,000 records"));
        rows.add(row("transaction size", bytes(f.transactionBytes()), "records/s per task × span × record size"));
        rows.add(row(
                "partitions written per transaction",
                count(f.partitionsPerTransaction()),
                "partitions per task × (1 − e^(−rate per partition × span))"));
        rows.add(row(
                "commit markers/s (all tasks)",
                count(f.markersPerSecond()) + " (" + percent(f.markerShare()) + " of the records)",
                "one per partition a transaction wrote"));
        rows.add(row(
                "offset-map runs per partition per day",
                count(f.runsPerPartitionPerDay()),
                "one per transaction that wrote the partition"));
        rows.add(row(
                "offset map stored per day",
                bytes(f.mapBytesPerDay()),
                "runs × " + number(bytesPerRun) + " bytes × partitions"));
        rows.add(row(
                "offset map kept",
                bytes(f.mapBytesRetained()),
                "per day × " + number(retentionDays) + " days of source retention"));
        rows.add(row(
                "checkpoint writes to __cutover.<link>.offsets",
                bytes(f.checkpointBytesPerSecond()) + "/s",
                "open chunks (half of 16 KiB once they fill) of the partitions that moved, every "
                        + number(checkpointSeconds) + " s"));
        rows.add(row(
                "transaction memory per task",
                bytes(f.taskTransactionMemory()),
                "the transaction held whole, and the producer's copy"));
        rows.add(row(
                "worker heap", bytes(workerHeapBytes), tasksPerWorker + " tasks, measured or chosen (docs/scale.md)"));
        StringBuilder md = new StringBuilder("| figure | value | how |\n| --- | ---: | --- |\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return md.toString();
    }

    private static String[] row(String figure, String value, String how) {
        return new String[] {figure, value, how};
    }

    static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String bytes(double v) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, units[i]);
    }
}
