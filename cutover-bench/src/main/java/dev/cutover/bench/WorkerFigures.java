package dev.cutover.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The Kafka Connect workers of a contender that copies outside this JVM, sampled the moment its copy completed (the
 * workers still running): what this JVM's heap figures cannot show.
 *
 * @param ready how long the workers took to start and join their group; before the clock, not part of the copy
 * @param maxHeap each worker's {@code -Xmx}, e.g. {@code 1g}
 * @param tasksMax the connector's {@code tasks.max}
 * @param workers each worker, in start order
 */
public record WorkerFigures(Duration ready, String maxHeap, int tasksMax, List<Worker> workers) {
    public WorkerFigures {
        workers = List.copyOf(workers);
    }

    /**
     * One worker JVM.
     *
     * @param id {@code host:port} of its REST API, as Connect names it
     * @param rssBytes its resident set ({@code VmRSS}), empty where {@code /proc} is not readable
     * @param peakRssBytes its peak resident set since it started ({@code VmHWM})
     * @param heapUsedBytes heap used, garbage included, as its JVM reports it over JMX; empty when JMX did not answer
     * @param cpu CPU time the worker's JVM used during the copy (JMX {@code ProcessCpuTime}, all its threads)
     * @param gc time its garbage collectors took during the copy (JMX {@code CollectionTime}, summed)
     * @param tasks the connector's tasks running on it, as its JMX metrics show them
     */
    public record Worker(
            String id,
            OptionalLong rssBytes,
            OptionalLong peakRssBytes,
            OptionalLong heapUsedBytes,
            Optional<Duration> cpu,
            Optional<Duration> gc,
            List<Task> tasks) {
        public Worker {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One task, from Connect's {@code source-task-metrics}.
     *
     * @param recordsWritten records its producer wrote: copies, and the link's checkpoint records (offset-map chunks,
     *     statuses, the lease) in the same transactions
     * @param transactionSizeAvg records per committed transaction, on average
     * @param transactionSizeMax records in its largest committed transaction
     */
    public record Task(
            int id, long recordsWritten, OptionalDouble transactionSizeAvg, OptionalDouble transactionSizeMax) {}

    /** Tasks over all workers. */
    public int tasks() {
        return workers.stream().mapToInt(w -> w.tasks().size()).sum();
    }
}
