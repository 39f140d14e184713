package dev.cutover.bench;

import dev.cutover.api.ClusterRef;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterScanner;
import dev.cutover.inventory.cluster.ScanOptions;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.estate.GeneratedEstate;
import dev.cutover.sandbox.estate.SampleEstate;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How long the sandbox takes to start, and how long an inventory scan takes on the seeded estate and on a generated
 * estate of a given size. Brokers run in this JVM, as the sandbox runs them. Scans are timed twice: with the default
 * rate sample (end offsets read twice, {@link ScanOptions#defaults()} apart, which is a fixed wait) and without it,
 * which is the cost of the scan itself.
 */
public final class InventoryBenchmark {
    /** What to measure. */
    public record Options(int partitions, int groups, int runs) {
        public Options {
            if (partitions < 1 || groups < 0 || runs < 1) {
                throw new IllegalArgumentException("partitions ≥ 1, groups ≥ 0 and runs ≥ 1");
            }
        }
    }

    /** The figures. */
    public record Result(
            Stats sandboxStart,
            Stats seed,
            Stats seededScan,
            Stats seededScanNoRate,
            Duration generate,
            Stats generatedScan,
            Stats generatedScanNoRate,
            int generatedPartitions,
            int generatedGroups) {}

    private final PrintWriter out;

    public InventoryBenchmark(PrintWriter out) {
        this.out = out;
    }

    public Result run(Options options) {
        List<Duration> starts = new ArrayList<>();
        Stats seed;
        Stats seededScan;
        Stats seededScanNoRate;
        // The first start in a JVM includes loading Kafka's classes; later ones are what a warm process sees.
        for (int i = 0; i < options.runs() - 1; i++) {
            Duration took = time(() -> Sandbox.start(Sandbox.Options.defaults()), Sandbox::close);
            starts.add(took);
            progress("sandbox start " + (i + 1), took);
        }
        long t0 = System.nanoTime();
        try (Sandbox sandbox = Sandbox.start(Sandbox.Options.defaults())) {
            starts.add(Duration.ofNanos(System.nanoTime() - t0));
            progress("sandbox start " + options.runs(), starts.get(starts.size() - 1));
            long t1 = System.nanoTime();
            try (SampleEstate estate = SampleEstate.seed(sandbox.source())) {
                seed = new Stats("seed the sample estate", List.of(Duration.ofNanos(System.nanoTime() - t1)));
                progress(
                        "seeded " + estate.topics().size() + " topics, "
                                + estate.clients().size() + " clients",
                        seed.median());
                seededScan = scans("inventory scan, seeded estate", sandbox.source(), ScanOptions.defaults(), options);
                seededScanNoRate = scans(
                        "inventory scan, seeded estate, no rate sample",
                        sandbox.source(),
                        ScanOptions.defaults().withoutRateSampling(),
                        options);
            }
        }
        Duration generate;
        Stats generatedScan;
        Stats generatedScanNoRate;
        try (EmbeddedCluster cluster = EmbeddedCluster.start("bench")) {
            long t2 = System.nanoTime();
            GeneratedEstate estate = GeneratedEstate.create(cluster, options.partitions(), options.groups());
            generate = Duration.ofNanos(System.nanoTime() - t2);
            progress(
                    "generated " + estate.partitions() + " partitions, "
                            + estate.groups().size() + " groups",
                    generate);
            String size =
                    estate.partitions() + " partitions / " + estate.groups().size() + " groups";
            generatedScan = scans("inventory scan, " + size, cluster, ScanOptions.defaults(), options);
            generatedScanNoRate = scans(
                    "inventory scan, " + size + ", no rate sample",
                    cluster,
                    ScanOptions.defaults().withoutRateSampling(),
                    options);
        }
        return new Result(
                new Stats("sandbox start (source + target)", starts),
                seed,
                seededScan,
                seededScanNoRate,
                generate,
                generatedScan,
                generatedScanNoRate,
                options.partitions(),
                options.groups());
    }

    private Stats scans(String what, EmbeddedCluster cluster, ScanOptions scanOptions, Options options) {
        List<Duration> runs = new ArrayList<>();
        for (int i = 0; i < options.runs(); i++) {
            ClusterScanner scanner = new ClusterScanner(
                    new ClusterRef(cluster.name(), cluster.bootstrapServers()),
                    cluster.adminClientProperties(),
                    scanOptions);
            long t = System.nanoTime();
            ClusterInventory inventory = scanner.scan();
            Duration took = Duration.ofNanos(System.nanoTime() - t);
            if (!inventory.problems().isEmpty()) {
                throw new IllegalStateException(what + ": the scan reported problems: " + inventory.problems());
            }
            runs.add(took);
            progress(what + " " + (i + 1), took);
        }
        return new Stats(what, runs);
    }

    private static <T> Duration time(Supplier<T> start, java.util.function.Consumer<T> stop) {
        long t = System.nanoTime();
        T started = start.get();
        Duration took = Duration.ofNanos(System.nanoTime() - t);
        stop.accept(started);
        return took;
    }

    private void progress(String what, Duration took) {
        out.printf("  ... %s: %.2f s%n", what, Stats.secs(took));
        out.flush();
    }
}
