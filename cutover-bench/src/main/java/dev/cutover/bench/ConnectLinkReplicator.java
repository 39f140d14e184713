package dev.cutover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.config.LinkConfig;
import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.groups.GroupOffsets;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.OffsetMaps;
import dev.cutover.link.groups.SyncOptions;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.offsets.Direction;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * cutover's link as a Kafka Connect source connector ({@code cutover-connect}, {@link ConnectorConfig}) on real Connect
 * workers, each in a JVM of its own ({@link ConnectWorker}): a contender of {@link LinkBenchmark}.
 *
 * <p>{@link #stage} starts the workers — distributed mode, exactly-once source support, a fresh group (and internal
 * topics) per copy, writing to the target — and waits until each has joined the group. That is not timed: a platform's
 * Connect cluster runs before anyone submits a connector. {@link Staged#start} submits the connector ({@code PUT
 * /connectors/<name>/config}), timed from there: a fresh link {@code bench-connect-<id>} copying the job's topic, with a
 * lease of {@value #LEASE_SECONDS} s, so that it checkpoints every 2 s as the in-process link does by default. Its
 * {@code tasks.max} is the one given, or the partition count capped at {@value #TASKS_PER_WORKER} per worker.
 *
 * <p>The copies are written by the worker's producer, one per task, not the link's own: with {@link Producer#LINK}
 * (the default) it has the in-process link's producer settings as {@code producer.override.*}, as {@link
 * ConnectorConfig#of} (so {@code cutover link deploy}) writes them, with the batch size fitted to each task's share of
 * the partitions (the workers' override policy is Connect's default, {@code All}); with {@link Producer#WORKER} those
 * settings are taken out and the worker's defaults apply.
 *
 * <p>What the in-process contender does for the benchmark group, this one does as {@code cutover offsets sync} would:
 * once the link's stored maps cover the group's committed source offsets (asked every 2 s), the group is committed on
 * the target. Closing the copy deletes the connector; closing the stage stops the workers (their stdin closes, and
 * Connect's shutdown hook stops them cleanly) and deletes their directory, unless something failed: then its logs stay.
 */
public final class ConnectLinkReplicator implements Replicator {
    public static final String NAME_PREFIX = "cutover link on Connect, ";
    /** Each worker's {@code -Xmx} unless told otherwise. */
    public static final String DEFAULT_HEAP = "1g";

    static final int TASKS_PER_WORKER = 4;
    static final int LEASE_SECONDS = 10;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GROUP_SYNC_EVERY = Duration.ofSeconds(2);

    /** Whose producer settings write the copies. */
    public enum Producer {
        /**
         * The in-process link's: linger 20 ms, batches of up to 512 KiB ({@link ProducerSizing}, for a task's share of
         * the partitions), retries after 10 ms backing off to 100 ms (a transaction's first sends are retried while the
         * previous commit's markers are written: Kafka's default 100 ms to 1 s backoff adds up to a second per
         * transaction).
         */
        LINK("link"),
        /** The worker's defaults (Kafka's producer defaults, as Connect sets them for exactly-once tasks). */
        WORKER("worker");

        private final String cliName;

        Producer(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        /** The producer of a command-line name: {@code link} or {@code worker}. */
        public static Producer named(String name) {
            for (Producer p : values()) {
                if (p.cliName.equals(name)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("the Connect producer is link or worker, not '" + name + "'");
        }
    }

    private final int workers;
    private final OptionalInt tasks;
    private final String maxHeap;
    private final String group;
    private final Producer producer;

    /**
     * @param workers how many workers run the connector
     * @param tasks its {@code tasks.max}; empty: the partition count capped at {@value #TASKS_PER_WORKER} per worker
     * @param maxHeap each worker's {@code -Xmx}, e.g. {@code 1g}
     * @param group a source group committed before the copy, to move to the target through the link's maps
     * @param producer whose producer settings write the copies
     */
    public ConnectLinkReplicator(int workers, OptionalInt tasks, String maxHeap, String group, Producer producer) {
        if (workers < 1 || tasks.isPresent() && tasks.getAsInt() < 1) {
            throw new IllegalArgumentException("at least one worker and one task");
        }
        if (!maxHeap.matches("\\d+[kKmMgG]")) {
            throw new IllegalArgumentException("a worker's heap is like 1g or 512m, not " + maxHeap);
        }
        this.workers = workers;
        this.tasks = tasks;
        this.maxHeap = maxHeap;
        this.group = group;
        this.producer = producer;
    }

    /** The report's name of the contender with this many workers, e.g. {@code cutover link on Connect, 2 workers}. */
    public static String name(int workers) {
        return NAME_PREFIX + workers + (workers == 1 ? " worker" : " workers");
    }

    /** {@link #name(int)}, and the producer when it is not the default. */
    @Override
    public String name() {
        return name(workers) + (producer == Producer.LINK ? "" : ", worker's producer");
    }

    public int workers() {
        return workers;
    }

    /** What the connector configuration adds to {@link ConnectorConfig#of}'s for a topic of this many partitions. */
    Map<String, String> producerOverrides(int partitions) {
        if (producer == Producer.WORKER) {
            return Map.of(); // the connector's own settings are taken out where the configuration is built
        }
        int tasksMax = tasksMax(partitions);
        int share = (partitions + tasksMax - 1) / tasksMax;
        return Map.of(
                "producer.override.linger.ms", "20",
                "producer.override.batch.size",
                        Integer.toString(ProducerSizing.forPartitions(share).batchBytes()),
                "producer.override.retry.backoff.ms", "10",
                "producer.override.retry.backoff.max.ms", "100");
    }

    /** The connector's {@code tasks.max} for a topic of this many partitions. */
    int tasksMax(int partitions) {
        return tasks.orElse(Math.max(1, Math.min(partitions, TASKS_PER_WORKER * workers)));
    }

    @Override
    public boolean translatesGroupOffsets() {
        return true;
    }

    /** Stages and starts in one go; closing the handle also stops the workers. */
    @Override
    public AutoCloseable start(CopyJob job) throws Exception {
        Staged staged = stage(job);
        try {
            AutoCloseable running = staged.start();
            return () -> {
                try {
                    running.close();
                } finally {
                    staged.close();
                }
            };
        } catch (Exception | Error e) {
            staged.close();
            throw e;
        }
    }

    @Override
    public Staged stage(CopyJob job) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = String.valueOf(job.target().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        long t0 = System.nanoTime();
        ConnectWorkers cluster =
                ConnectWorkers.start(workers, bootstrap, "bench-connect-" + id, maxHeap, READY_TIMEOUT);
        Duration ready = Duration.ofNanos(System.nanoTime() - t0);
        // What the workers used before the copy (start-up, joining), to count only the copy's share.
        List<WorkerJmx.Sample> before =
                cluster.workers.stream().map(w -> WorkerJmx.read(w, "")).toList();
        return new Stage(job, "bench-connect-" + id, cluster, ready, before);
    }

    /** Workers ready for one copy: {@link #start} submits the connector. */
    private final class Stage implements Staged {
        private final CopyJob job;
        private final String link;
        private final ConnectWorkers cluster;
        private final Duration ready;
        private final List<WorkerJmx.Sample> before;

        Stage(CopyJob job, String link, ConnectWorkers cluster, Duration ready, List<WorkerJmx.Sample> before) {
            this.job = job;
            this.link = link;
            this.cluster = cluster;
            this.ready = ready;
            this.before = before;
        }

        @Override
        public Handle start() throws Exception {
            LinkConfig config = new LinkConfig(
                    link,
                    Optional.of(Pattern.quote(job.topic())),
                    Optional.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    Optional.empty(),
                    Map.of(),
                    Optional.of(Duration.ofSeconds(LEASE_SECONDS)),
                    Optional.empty());
            Map<String, String> connector = new java.util.LinkedHashMap<>(ConnectorConfig.of(
                    config, strings(job.source()), strings(job.target()), tasksMax(job.partitions())));
            if (producer == Producer.WORKER) {
                connector.keySet().removeAll(ConnectorConfig.PRODUCER.keySet());
            }
            connector.putAll(producerOverrides(job.partitions()));
            HttpResponse<String> created = cluster.workers.get(0).put("/connectors/" + link + "/config", connector);
            if (created.statusCode() != 200 && created.statusCode() != 201) {
                cluster.failed = true;
                throw new IllegalStateException(
                        "Connect refused the connector (HTTP " + created.statusCode() + "): " + created.body());
            }
            Thread groupSync = new Thread(this::syncGroup, "bench-connect-group-sync");
            groupSync.setDaemon(true);
            groupSync.start();
            return new Handle(groupSync);
        }

        /** Like {@code cutover offsets sync}: commits the group on the target once the stored maps cover it. */
        private void syncGroup() {
            try (Admin source = Admin.create(job.source());
                    Admin target = Admin.create(job.target())) {
                OffsetMaps maps = OffsetMaps.stored(job.target(), LinkTopics.named(link), ADMIN_TIMEOUT);
                GroupOffsets offsets = new GroupOffsets(source, target, maps, ADMIN_TIMEOUT);
                while (!Thread.currentThread().isInterrupted()) {
                    if (offsets.translate(group, Direction.FORWARD).complete()) {
                        List<GroupSync> synced = offsets.sync(
                                List.of(group), SyncOptions.defaults().withWaitTimeout(Duration.ZERO));
                        if (synced.stream().allMatch(s -> s instanceof GroupSync.Committed)) {
                            return;
                        }
                    }
                    Thread.sleep(GROUP_SYNC_EVERY.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The benchmark then finds the group not translated and reports it so.
            }
        }

        @Override
        public void close() {
            cluster.close();
        }

        /** The connector running on the workers. */
        final class Handle implements OutOfProcess, KeepsOffsetMap {
            private final Thread groupSync;

            Handle(Thread groupSync) {
                this.groupSync = groupSync;
            }

            @Override
            public String offsetMapTopic() {
                return LinkTopics.named(link).offsets();
            }

            @Override
            public void check() throws Exception {
                for (ConnectWorker w : cluster.workers) {
                    if (!w.alive()) {
                        cluster.failed = true;
                        throw new IllegalStateException(
                                "Connect worker " + w.name + " exited (logs in " + cluster.dir + "): " + w.logTail(20));
                    }
                }
                JsonNode status = cluster.workers.get(0).status(link);
                if (status == null) {
                    return;
                }
                List<String> failures = new ArrayList<>();
                if (status.path("connector").path("state").asText().equals("FAILED")) {
                    failures.add("the connector failed: " + firstLine(status.path("connector")));
                }
                for (JsonNode task : status.path("tasks")) {
                    if (task.path("state").asText().equals("FAILED")) {
                        failures.add("task " + task.path("id").asInt() + " failed: " + firstLine(task));
                    }
                }
                if (!failures.isEmpty()) {
                    cluster.failed = true;
                    throw new IllegalStateException(
                            String.join("; ", failures) + " (worker logs in " + cluster.dir + ")");
                }
            }

            @Override
            public WorkerFigures workers() {
                List<WorkerFigures.Worker> out = new ArrayList<>();
                for (int i = 0; i < cluster.workers.size(); i++) {
                    ConnectWorker w = cluster.workers.get(i);
                    ConnectWorker.Rss rss = w.rss();
                    WorkerJmx.Sample jmx = WorkerJmx.read(w, link);
                    WorkerJmx.Sample start = before.get(i);
                    out.add(new WorkerFigures.Worker(
                            w.id(),
                            rss.now(),
                            rss.peak(),
                            jmx.heapUsedBytes(),
                            since(start.cpuNanos(), jmx.cpuNanos()).map(Duration::ofNanos),
                            since(start.gcMillis(), jmx.gcMillis()).map(Duration::ofMillis),
                            jmx.tasks()));
                }
                return new WorkerFigures(ready, maxHeap, tasksMax(job.partitions()), out);
            }

            /** Deletes the connector (its tasks stop); the stage then stops the workers. */
            @Override
            public void close() {
                groupSync.interrupt();
                try {
                    cluster.workers.get(0).delete("/connectors/" + link);
                } catch (RuntimeException e) {
                    // the workers are stopped next anyway
                }
            }
        }
    }

    private static Optional<Long> since(OptionalLong start, OptionalLong now) {
        return start.isPresent() && now.isPresent()
                ? Optional.of(now.getAsLong() - start.getAsLong())
                : Optional.empty();
    }

    private static String firstLine(JsonNode state) {
        String trace = state.path("trace").asText("");
        int end = trace.indexOf('\n');
        return end < 0 ? trace : trace.substring(0, end);
    }

    private static Map<String, String> strings(Map<String, Object> props) {
        Map<String, String> out = new TreeMap<>();
        props.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
