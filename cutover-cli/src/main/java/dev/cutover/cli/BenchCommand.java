package dev.cutover.cli;

import dev.cutover.bench.InventoryBenchmark;
import dev.cutover.bench.LinkBenchmark;
import dev.cutover.bench.LinkReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks on fresh embedded clusters: figures to compare, not pass/fail tests.",
        subcommands = {BenchCommand.Inventory.class, BenchCommand.Link.class})
final class BenchCommand {

    @Command(
            name = "inventory",
            mixinStandardHelpOptions = true,
            description = {
                "Measures the sandbox's start time, and the inventory scan on the seeded sample estate and on a",
                "generated estate (topics of 20 partitions, groups with committed offsets). Median of --runs."
            })
    static final class Inventory implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--partitions",
                defaultValue = "2000",
                description = "Generated partitions (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--groups", defaultValue = "200", description = "Generated groups (default: ${DEFAULT-VALUE}).")
        int groups;

        @Option(
                names = "--runs",
                defaultValue = "3",
                description = "Runs of each measurement (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("cutover bench inventory: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version"));
            var result = new InventoryBenchmark(out).run(new InventoryBenchmark.Options(partitions, groups, runs));
            out.println();
            out.println(result.sandboxStart().line());
            out.println(result.seed().line());
            out.println(result.seededScan().line());
            out.println(result.seededScanNoRate().line());
            out.printf(
                    "%-52s %6.2f s%n",
                    "generate " + partitions + " partitions / " + groups + " groups",
                    result.generate().toNanos() / 1e9);
            out.println(result.generatedScan().line());
            out.println(result.generatedScanNoRate().line());
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "link",
            mixinStandardHelpOptions = true,
            description =
                    "Copies one topic between two fresh clusters (each in its own JVM) with each contender: a plain"
                            + " consumer->producer copy loop (the practical limit), MirrorMaker 2 with defaults and"
                            + " tuned, and cutover's link. Prints records/s, MB/s, time to the first record, heap"
                            + " growth, the ratios link/MirrorMaker 2 and link/copy loop, and, for a group committed"
                            + " half-way, how many records each translation makes it replay or skip (counted record by"
                            + " record, not by offset numbers). Median of --runs after --warmup. Run it on a quiet"
                            + " machine: it measures, it does not judge.")
    static final class Link implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--records",
                defaultValue = "1000000",
                description = "Records in the topic (default: ${DEFAULT-VALUE}).")
        long records;

        @Option(
                names = "--size",
                defaultValue = "1024",
                description = "Bytes per record value (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(
                names = "--partitions",
                defaultValue = "4",
                description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(
                names = "--runs",
                defaultValue = "3",
                description = "Runs of each contender (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(
                names = "--warmup",
                defaultValue = "1",
                description = "Uncounted runs first: the first copy in a JVM pays for class loading and JIT"
                        + " (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LinkBenchmark.Options options;
            try {
                options = new LinkBenchmark.Options(records, size, partitions, runs, warmups);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            out.println("cutover bench link: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", max heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
            var result = new LinkBenchmark(out, LinkBenchmark.Contenders.standard(LinkTakeover::adopt)).run(options);
            out.println();
            LinkReport.lines(result).forEach(out::println);
            out.flush();
            return 0;
        }
    }
}
