package dev.cutover.bench;

import dev.cutover.sandbox.process.ClusterProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * Copies one topic from a source to a target cluster with each contender and measures how fast. Source and target are
 * single-node KRaft clusters in child JVMs ({@link ClusterProcess}); the contenders run in this JVM.
 *
 * <p>Each run fills a fresh source topic, commits {@value #GROUP} at half of each partition, then lets every contender
 * in turn copy the whole topic into a fresh target topic of the same name and partition count (deleted again before the
 * next contender). A copy is timed from {@link Replicator#start} until the target's end offsets add up to the record
 * count; afterwards the target is read in full and each partition's count compared with the source's. Contenders that
 * {@linkplain Replicator#translatesGroupOffsets() translate group offsets} are then given until the group's offsets on
 * the target stay unchanged for {@link #TRANSLATION_SETTLE} to translate it.
 *
 * <p>The end-offset criterion counts records exactly for plain producers; a transactional contender's commit markers
 * also take offsets, so it would be stopped a little early: the full read afterwards shows that.
 */
public final class LinkBenchmark {
    public static final String GROUP = "bench-group";
    static final Duration TRANSLATION_SETTLE = Duration.ofSeconds(3);
    static final Duration TRANSLATION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);

    /**
     * What to measure. {@code warmups} runs go first and are not counted: the first copy in a JVM pays for class
     * loading and JIT compilation (MirrorMaker 2 most of all).
     */
    public record Options(long records, int valueSize, int partitions, int runs, int warmups) {
        public Options {
            if (records < 2 || valueSize < 1 || partitions < 1 || runs < 1 || warmups < 0) {
                throw new IllegalArgumentException(
                        "records ≥ 2, size ≥ 1, partitions ≥ 1, runs ≥ 1 and warm-up runs ≥ 0");
            }
        }

        /** 1,000,000 records of 1,024 bytes in 4 partitions, 1 warm-up run, 3 runs. */
        public static Options defaults() {
            return new Options(1_000_000, 1024, 4, 3, 1);
        }

        long payloadBytes() {
            return records * valueSize;
        }
    }

    /**
     * Who copies. {@code cutoverLink} is the slot for cutover's own link: empty until {@code cutover-link} is wired into
     * this module, and then reported as not available.
     */
    public record Contenders(
            Replicator copyLoop, Replicator mm2Defaults, Replicator mm2Tuned, Optional<Replicator> cutoverLink) {
        public Contenders {
            Objects.requireNonNull(copyLoop);
            Objects.requireNonNull(mm2Defaults);
            Objects.requireNonNull(mm2Tuned);
            Objects.requireNonNull(cutoverLink);
        }

        /** The copy loop and both MirrorMaker 2 set-ups; no cutover link yet. */
        public static Contenders standard(dev.cutover.link.engine.Takeover takeover) {
            BenchClassPath.requireMirrorMaker();
            return new Contenders(
                    new CopyLoopReplicator(),
                    MirrorMakerReplicator.defaults(GROUP),
                    MirrorMakerReplicator.tuned(GROUP),
                    Optional.of(new CutoverLinkReplicator(takeover, GROUP)));
        }

        List<Replicator> available() {
            List<Replicator> all = new ArrayList<>(List.of(copyLoop, mm2Defaults, mm2Tuned));
            cutoverLink.ifPresent(all::add);
            return all;
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
    }

    public static final String CUTOVER_LINK = "cutover link";

    private final PrintWriter out;
    private final Contenders contenders;

    public LinkBenchmark(PrintWriter out, Contenders contenders) {
        this.out = out;
        this.contenders = contenders;
    }

    public Result run(Options options) throws Exception {
        List<Duration> fills = new ArrayList<>();
        Map<String, List<CopyRun>> runs = new LinkedHashMap<>();
        contenders.available().forEach(r -> runs.put(r.name(), new ArrayList<>()));
        long t0 = System.nanoTime();
        try (ClusterProcess source = ClusterProcess.start("source");
                ClusterProcess target = ClusterProcess.start("target");
                Admin sourceAdmin = Admin.create(source.clientProperties());
                Admin targetAdmin = Admin.create(target.clientProperties())) {
            progress("source and target started in child JVMs", Duration.ofNanos(System.nanoTime() - t0));
            Clusters clusters = new Clusters(source, target, sourceAdmin, targetAdmin);
            for (int i = 1; i <= options.warmups() + options.runs(); i++) {
                boolean warmup = i <= options.warmups();
                String run = warmup ? "warm-up " + i : "run " + (i - options.warmups());
                String topic = "bench-" + i;
                BenchTopics.create(sourceAdmin, topic, options.partitions());
                Duration fill =
                        SourceFiller.fill(source.clientProperties(), topic, options.records(), options.valueSize(), i);
                if (!warmup) {
                    fills.add(fill);
                }
                progress(run + ": filled " + topic, fill);
                Map<Integer, Long> sourceCounts = BenchTopics.endOffsets(sourceAdmin, topic, options.partitions());
                Map<Integer, Long> half = new TreeMap<>();
                sourceCounts.forEach((p, end) -> half.put(p, end / 2));
                BenchTopics.commit(sourceAdmin, GROUP, topic, half);
                for (Replicator replicator : contenders.available()) {
                    CopyRun copy = copyOnce(replicator, clusters, topic, options, sourceCounts, half);
                    if (!warmup) {
                        runs.get(replicator.name()).add(copy);
                    }
                    progress(
                            String.format(
                                    "%s: %s, %,.0f records/s, first record after %.2f s",
                                    run,
                                    replicator.name(),
                                    copy.recordsPerSecond(options.records()),
                                    Stats.secs(copy.firstRecord())),
                            copy.copy());
                }
                BenchTopics.delete(sourceAdmin, topic);
                BenchTopics.deleteGroup(sourceAdmin, GROUP);
            }
        }
        List<ContenderResult> results = new ArrayList<>();
        runs.forEach((name, list) -> results.add(new ContenderResult(name, true, "", list)));
        if (contenders.cutoverLink().isEmpty()) {
            results.add(ContenderResult.unavailable(
                    CUTOVER_LINK, "not available yet: cutover-link is not wired into cutover-bench"));
        }
        return new Result(options, new Stats("fill the source topic", fills), results);
    }

    private record Clusters(ClusterProcess source, ClusterProcess target, Admin sourceAdmin, Admin targetAdmin) {}

    private CopyRun copyOnce(
            Replicator replicator,
            Clusters clusters,
            String topic,
            Options options,
            Map<Integer, Long> sourceCounts,
            Map<Integer, Long> committed)
            throws Exception {
        Admin targetAdmin = clusters.targetAdmin();
        BenchTopics.create(targetAdmin, topic, options.partitions());
        Duration timeout = Duration.ofSeconds(120 + options.records() / 5_000);
        Duration firstRecord = null;
        Duration copy;
        HeapSampler.HeapUse heap;
        Optional<OffsetTranslation> translation = Optional.empty();
        HeapSampler sampler = HeapSampler.start();
        long t0 = System.nanoTime();
        try (AutoCloseable running = replicator.start(
                clusters.source().clientProperties(), clusters.target().clientProperties(), topic)) {
            while (true) {
                long onTarget = running instanceof Replicator.Counting counting
                        ? counting.copied()
                        : BenchTopics.sum(BenchTopics.endOffsets(targetAdmin, topic, options.partitions()));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                if (onTarget > 0 && firstRecord == null) {
                    firstRecord = elapsed;
                }
                if (onTarget >= options.records()) {
                    copy = elapsed;
                    break;
                }
                if (elapsed.compareTo(timeout) > 0) {
                    throw new IllegalStateException(String.format(
                            "%s copied %,d of %,d records in %d s; gave up",
                            replicator.name(), onTarget, options.records(), timeout.toSeconds()));
                }
                Thread.sleep(POLL.toMillis());
            }
            heap = sampler.stop();
            if (replicator.translatesGroupOffsets()) {
                translation = Optional.of(ResumePoints.measure(
                        clusters.source().clientProperties(),
                        clusters.target().clientProperties(),
                        topic,
                        committed,
                        settledTranslation(targetAdmin, topic, options.partitions())));
            }
        } finally {
            sampler.close();
        }
        Map<Integer, Long> targetCounts =
                BenchTopics.count(targetAdmin, clusters.target().clientProperties(), topic, options.partitions());
        BenchTopics.delete(targetAdmin, topic);
        BenchTopics.deleteGroup(targetAdmin, GROUP);
        return new CopyRun(
                copy, firstRecord, heap, BenchTopics.sum(targetCounts), targetCounts.equals(sourceCounts), translation);
    }

    /**
     * The group's offsets on the target once every partition has one and they stopped changing, or whatever is there at
     * the time-out.
     */
    private static Map<Integer, Long> settledTranslation(Admin targetAdmin, String topic, int partitions)
            throws Exception {
        long deadline = System.nanoTime() + TRANSLATION_TIMEOUT.toNanos();
        Map<Integer, Long> last = BenchTopics.committed(targetAdmin, GROUP, topic);
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            Map<Integer, Long> now = BenchTopics.committed(targetAdmin, GROUP, topic);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now.size() == partitions && System.nanoTime() - stableSince >= TRANSLATION_SETTLE.toNanos()) {
                return now;
            }
        }
        return last;
    }

    private void progress(String what, Duration took) {
        out.printf("  ... %s: %.2f s%n", what, Stats.secs(took));
        out.flush();
    }
}
