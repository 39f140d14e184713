package dev.cutover.bench;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.sandbox.process.ClusterProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * Copies one topic from a source to a target cluster with each contender, side by side in one session, and measures
 * how fast, how soon, with how much heap and how exactly. Source and target are single-node KRaft clusters in child JVMs
 * ({@link ClusterProcess}); the contenders run in this JVM, one at a time.
 *
 * <p>Each run fills a fresh source topic, commits {@value #GROUP} at half of each partition, then lets every contender
 * in turn copy the whole topic into a fresh target topic of the same name and partition count (deleted again before the
 * next contender); see {@link ContenderRun} for what is measured. The contenders: the target's write limit (a producer
 * alone, no copy), a plain copy loop, MirrorMaker 2 with defaults, tuned and exactly-once, and cutover's link; when
 * asked ({@link ContenderChoice}), cutover's link on Kafka Connect workers in JVMs of their own too.
 */
public final class LinkBenchmark {
    public static final String GROUP = "bench-group";
    public static final String CUTOVER_LINK = "cutover link";

    /**
     * What to measure. {@code warmups} runs go first and are not counted: the first copy in a JVM pays for class
     * loading and JIT compilation (MirrorMaker 2 most of all). A warm-up copies a smaller topic of the same value size
     * ({@link #warmup()}): enough to load and compile every contender's code, cheap at thousands of partitions.
     */
    public record Options(long records, int valueSize, int partitions, int runs, int warmups) {
        /** A single topic's partitions are created in steps over this; more would be a different benchmark. */
        public static final int MAX_PARTITIONS = 50_000;

        public Options {
            if (records < 2
                    || records > Integer.MAX_VALUE
                    || valueSize < 1
                    || partitions < 1
                    || partitions > MAX_PARTITIONS
                    || runs < 1
                    || warmups < 0) {
                throw new IllegalArgumentException("records 2–" + Integer.MAX_VALUE + ", size ≥ 1, partitions 1–"
                        + MAX_PARTITIONS + ", runs ≥ 1 and warm-up runs ≥ 0");
            }
        }

        /** 1,000,000 records of 1,024 bytes in 4 partitions, 1 warm-up run, 3 runs. */
        public static Options defaults() {
            return forPartitions(4);
        }

        /**
         * Defaults for a partition count: up to 100 partitions, 1,000,000 records of 1,024 bytes, 3 runs; above, 100
         * records of 100 bytes per partition (at least 100,000 records) and 1 run, so that a session at 1,000 or 10,000
         * partitions takes minutes, not hours. One warm-up either way.
         */
        public static Options forPartitions(int partitions) {
            return partitions <= 100
                    ? new Options(1_000_000, 1024, partitions, 3, 1)
                    : new Options(Math.max(100_000, 100L * partitions), 100, partitions, 1, 1);
        }

        /** The shape of a warm-up run: at most 16 partitions and 200,000 records, the same value size. */
        public Options warmup() {
            return new Options(Math.min(records, 200_000), valueSize, Math.min(partitions, 16), 1, 0);
        }

        long payloadBytes() {
            return records * valueSize;
        }
    }

    /** The contenders a session can run, by the names the command line uses. */
    public enum Contender {
        WRITE_LIMIT("write-limit"),
        COPY_LOOP("copy-loop"),
        MM2_DEFAULTS("mm2-defaults"),
        MM2_TUNED("mm2-tuned"),
        MM2_EXACTLY_ONCE("mm2-exactly-once"),
        LINK("link"),
        /** cutover's link with its meters bound to a Prometheus registry scraped every second: what metrics cost. */
        LINK_METRICS("link-metrics");

        private final String cliName;

        Contender(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        /** The contender of a command-line name, e.g. {@code mm2-exactly-once}. */
        public static Contender named(String name) {
            for (Contender c : values()) {
                if (c.cliName.equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no contender '" + name + "'; the contenders are "
                    + java.util.Arrays.stream(values()).map(Contender::cliName).toList());
        }

        Replicator replicator(dev.cutover.link.engine.Takeover takeover) {
            return switch (this) {
                case WRITE_LIMIT -> new WriteLimitReplicator();
                case COPY_LOOP -> new CopyLoopReplicator();
                case MM2_DEFAULTS -> MirrorMakerReplicator.defaults(GROUP);
                case MM2_TUNED -> MirrorMakerReplicator.tuned(GROUP);
                case MM2_EXACTLY_ONCE -> MirrorMakerReplicator.exactlyOnce(GROUP);
                case LINK -> new CutoverLinkReplicator(takeover, GROUP, false);
                case LINK_METRICS -> new CutoverLinkReplicator(takeover, GROUP, true);
            };
        }
    }

    /** Who copies, in this order. */
    public record Contenders(List<Replicator> all) {
        public Contenders {
            all = List.copyOf(all);
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no contenders");
            }
        }

        /**
         * The write limit, the copy loop, MirrorMaker 2 (defaults, tuned, exactly-once) and cutover's link, without and
         * with metrics.
         */
        public static Contenders standard(dev.cutover.link.engine.Takeover takeover) {
            return of(takeover, java.util.EnumSet.allOf(Contender.class));
        }

        /** These contenders and one more, last. */
        public Contenders and(Replicator more) {
            List<Replicator> with = new ArrayList<>(all);
            with.add(more);
            return new Contenders(with);
        }

        /** The chosen contenders, in the standard order. */
        public static Contenders of(dev.cutover.link.engine.Takeover takeover, java.util.Set<Contender> chosen) {
            return new ContenderChoice(chosen, new java.util.TreeSet<>())
                    .contenders(
                            takeover,
                            java.util.OptionalInt.empty(),
                            ConnectLinkReplicator.DEFAULT_HEAP,
                            ConnectLinkReplicator.Producer.LINK);
        }
    }

    /** The figures: the fill of each run, and each contender's runs in the order they ran. */
    public record Result(Options options, Stats fill, List<ContenderResult> contenders) {
        public Result {
            contenders = List.copyOf(contenders);
        }

        public ContenderResult contender(String name) {
            return contenders.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no contender " + name));
        }

        public java.util.Optional<ContenderResult> find(String name) {
            return contenders.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    private final PrintWriter out;
    private final Contenders contenders;
    private final int schemaId;

    /** @param out where progress goes, a line per step */
    public LinkBenchmark(PrintWriter out, Contenders contenders) {
        this(out, contenders, 0);
    }

    /**
     * @param schemaId when positive, every source value is in Confluent's wire format under this schema id (for
     *     contenders that check or rewrite schema ids)
     */
    public LinkBenchmark(PrintWriter out, Contenders contenders, int schemaId) {
        this.out = out;
        this.contenders = contenders;
        this.schemaId = schemaId;
    }

    public Result run(Options options) throws Exception {
        List<Duration> fills = new ArrayList<>();
        Map<String, List<CopyRun>> runs = new LinkedHashMap<>();
        contenders.all().forEach(r -> runs.put(r.name(), new ArrayList<>()));
        long t0 = System.nanoTime();
        try (ClusterProcess source = startCluster("source");
                ClusterProcess target = startCluster("target");
                Admin sourceAdmin = Admin.create(source.clientProperties());
                Admin targetAdmin = Admin.create(target.clientProperties())) {
            progress("source and target started in child JVMs", Duration.ofNanos(System.nanoTime() - t0));
            var clusters = new ContenderRun.Clusters(source, target, sourceAdmin, targetAdmin);
            for (int i = 1; i <= options.warmups() + options.runs(); i++) {
                boolean warmup = i <= options.warmups();
                Options shape = warmup ? options.warmup() : options;
                String run = warmup ? "warm-up " + i : "run " + (i - options.warmups());
                Filled filled = fill(clusters, "bench-" + i, shape, i, schemaId);
                if (!warmup) {
                    fills.add(filled.fill());
                }
                String topic = filled.topic().job().topic();
                progress(
                        String.format(
                                "%s: filled %s (%,d records, %,d partitions)",
                                run, topic, shape.records(), shape.partitions()),
                        filled.fill());
                for (Replicator replicator : contenders.all()) {
                    CopyRun copy = freshTargets(shape)
                            ? copyIntoFreshTarget(clusters, filled.topic(), replicator)
                            : new ContenderRun(clusters, filled.topic()).copy(replicator);
                    if (!warmup) {
                        runs.get(replicator.name()).add(copy);
                    }
                    progress(run + ": " + replicator.name() + ", " + summary(copy, shape.records()), copy.copy());
                }
                BenchTopics.delete(sourceAdmin, topic);
                BenchTopics.deleteGroup(sourceAdmin, GROUP);
            }
        }
        List<ContenderResult> results = new ArrayList<>();
        runs.forEach((name, list) -> results.add(new ContenderResult(name, list)));
        return new Result(options, new Stats("fill the source topic", fills), results);
    }

    /**
     * Whether each contender copies into a target cluster of its own. Above {@link BenchTopics#PARTITIONS_PER_CALL}
     * partitions the target topic is created in steps, and a broker (Kafka 4.3) that had deleted such a topic and then
     * created it again under the same name stopped serving the partitions added in the later steps (ListOffsets and
     * produce waited for them forever), so the second contender could not start. A fresh target per contender also
     * leaves none of them the previous one's deleted logs to clean up while it copies.
     */
    static boolean freshTargets(Options shape) {
        return shape.partitions() > BenchTopics.PARTITIONS_PER_CALL;
    }

    private CopyRun copyIntoFreshTarget(ContenderRun.Clusters clusters, ContenderRun.Topic topic, Replicator replicator)
            throws Exception {
        long t0 = System.nanoTime();
        try (ClusterProcess target = startCluster("target");
                Admin targetAdmin = Admin.create(target.clientProperties())) {
            progress("a fresh target cluster for " + replicator.name(), Duration.ofNanos(System.nanoTime() - t0));
            var fresh = new ContenderRun.Clusters(clusters.source(), target, clusters.sourceAdmin(), targetAdmin);
            return new ContenderRun(fresh, topic.onTarget(target.clientProperties())).copy(replicator);
        }
    }

    /** A cluster that does not start is the machine's problem (memory, ports, load), not a bug: exit 3, not 4. */
    private static ClusterProcess startCluster(String name) {
        try {
            return ClusterProcess.start(name);
        } catch (RuntimeException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "the benchmark's " + name + " cluster did not start: " + e.getMessage(),
                    "check free memory and the machine's load; the cluster's output is named in the message",
                    e);
        }
    }

    private record Filled(ContenderRun.Topic topic, Duration fill) {}

    private static Filled fill(ContenderRun.Clusters clusters, String name, Options shape, long seed, int schemaId)
            throws Exception {
        Admin sourceAdmin = clusters.sourceAdmin();
        BenchTopics.create(sourceAdmin, name, shape.partitions());
        SourceFiller.Filled filled = SourceFiller.fill(
                clusters.source().clientProperties(),
                name,
                shape.partitions(),
                shape.records(),
                shape.valueSize(),
                seed,
                schemaId);
        Map<Integer, Long> counts = BenchTopics.endOffsets(sourceAdmin, name, shape.partitions());
        Map<Integer, Long> half = new TreeMap<>();
        counts.forEach((p, end) -> half.put(p, end / 2));
        BenchTopics.commit(sourceAdmin, GROUP, name, half);
        CopyJob job = new CopyJob(
                clusters.source().clientProperties(),
                clusters.target().clientProperties(),
                name,
                shape.partitions(),
                shape.records(),
                shape.valueSize(),
                seed);
        return new Filled(new ContenderRun.Topic(job, filled.index().orElseThrow(), counts, half), filled.took());
    }

    private static String summary(CopyRun copy, long records) {
        String first = copy.firstRecord()
                .map(d -> String.format("first record after %.2f s", Stats.secs(d)))
                .orElse("no record on the target");
        if (!copy.completed()) {
            return "FAILED (" + first + ", " + String.format("%,d", copy.copied()) + " copied): "
                    + copy.failure().orElseThrow();
        }
        if (copy.workers().isPresent()) {
            WorkerFigures w = copy.workers().get();
            return String.format(
                    "%,.0f records/s, %s (workers ready %.1f s before the clock started), RSS per worker %s",
                    copy.recordsPerSecond(records), first, Stats.secs(w.ready()), WorkersReport.rss(w));
        }
        return String.format(
                "%,.0f records/s, %s, heap retained %+,.0f MiB",
                copy.recordsPerSecond(records), first, copy.retainedBytes().orElse(0) / Stats.MIB);
    }

    private void progress(String what, Duration took) {
        out.printf("  ... %s: %.2f s%n", what, Stats.secs(took));
        out.flush();
    }
}
