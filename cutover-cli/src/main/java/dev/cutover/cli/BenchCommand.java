package dev.cutover.cli;

import dev.cutover.bench.ConnectLinkReplicator;
import dev.cutover.bench.ContenderChoice;
import dev.cutover.bench.InventoryBenchmark;
import dev.cutover.bench.LinkBenchmark;
import dev.cutover.bench.LinkReport;
import dev.cutover.bench.LinkReportJson;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.inventory.report.ReportFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks on fresh embedded clusters: figures to compare, not pass/fail tests.",
        subcommands = {
            BenchCommand.Inventory.class,
            BenchCommand.Link.class,
            BenchVerifyCommand.class,
            BenchScalePlanCommand.class
        },
        footer = {"", "Exit codes: 0 measured (figures, not a pass/fail verdict), 2 usage error."})
final class BenchCommand {

    @Command(
            name = "inventory",
            mixinStandardHelpOptions = true,
            description = {
                "Measures the sandbox's start time, and the inventory scan on the seeded sample estate and on a",
                "generated estate (topics of 20 partitions, groups with committed offsets). Median of --runs."
            },
            footer = {"", "Exit codes: 0 measured (figures, not a pass/fail verdict), 2 usage error."})
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
            description = {
                "Copies one topic between two fresh clusters (each in its own JVM) with each contender, side by side:"
                        + " the target's write limit (a producer alone writing the same records), a plain"
                        + " consumer->producer copy loop, MirrorMaker 2 with defaults, tuned and exactly-once"
                        + " (exactly.once.source.support=enabled), and cutover's link.",
                "Prints a markdown table: records/s, MB/s, time to the first record on the target, heap retained"
                        + " after GC while caught up, the ratios to the write limit, the copy loop and MirrorMaker 2"
                        + " exactly-once; the link's offset-map size; for a group committed half-way, how many records"
                        + " each translation makes it replay or skip (counted record by record); and the link's goals"
                        + " (met or missed). A contender that fails is reported, not fatal.",
                "With --connect, cutover's link also runs as a Kafka Connect source connector on real Connect"
                        + " workers (distributed mode, exactly-once source support, each worker a JVM of its own),"
                        + " with 1 worker and with --workers, in the same run as the others: records/s from the"
                        + " connector's submission (the workers start and join before the clock), and each worker's"
                        + " memory (RSS, heap) and tasks.",
                "Defaults scale with --partitions: up to 100, 1,000,000 records of 1,024 B and 3 runs; above, 100"
                        + " records of 100 B per partition and 1 run. Run it on a quiet machine: it measures, it does"
                        + " not judge (exit 0 whatever the figures)."
            },
            footer = {"", "Exit codes: 0 measured (figures, not a pass/fail verdict), 2 usage error."})
    static final class Link implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--partitions",
                defaultValue = "4",
                description = "Partitions of the topic, e.g. 1000 or 10000 (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(
                names = "--records",
                description = "Records in the topic (default: 1,000,000 up to 100 partitions, else 100 per"
                        + " partition, at least 100,000).")
        Long records;

        @Option(
                names = "--size",
                description = "Bytes per record value (default: 1024 up to 100 partitions, else 100).")
        Integer size;

        @Option(names = "--runs", description = "Runs of each contender (default: 3 up to 100 partitions, else 1).")
        Integer runs;

        @Option(
                names = "--warmup",
                defaultValue = "1",
                description = "Uncounted runs first, on a smaller topic (at most 16 partitions, 200,000 records):"
                        + " the first copy in a JVM pays for class loading and JIT (default: ${DEFAULT-VALUE}).")
        int warmups;

        @Option(
                names = "--contenders",
                split = ",",
                description = "Only these contenders, comma-separated, from: write-limit, copy-loop, mm2-defaults,"
                        + " mm2-tuned, mm2-exactly-once, link, link-metrics (the link with its metrics scraped every second)"
                        + " and connect-<n> (the link on Kafka Connect with n workers, e.g. connect-1,connect-2)"
                        + " (default: all but the Connect ones, side by side). Goals whose contenders"
                        + " are left out are reported as UNKNOWN.")
        List<String> contenders;

        @Option(
                names = "--connect",
                description = "Also run cutover's link on Kafka Connect, with 1 worker and with --workers workers"
                        + " (contenders connect-1 and connect-<workers>), after the others. Each worker is a"
                        + " ConnectDistributed JVM on this one's class path, writing to the target cluster.")
        boolean connect;

        @Option(
                names = "--workers",
                paramLabel = "N",
                description = "Workers of the second Connect contender (default: "
                        + dev.cutover.bench.ContenderChoice.DEFAULT_WORKERS
                        + "; with --connect). On a machine with few cores more workers add no cores: they share"
                        + " them with each other and both clusters.")
        Integer workers;

        @Option(
                names = "--tasks",
                paramLabel = "N",
                description =
                        "tasks.max of the Connect connector (default: the partition count, at most 4 per" + " worker).")
        Integer tasks;

        @Option(
                names = "--worker-heap",
                defaultValue = ConnectLinkReplicator.DEFAULT_HEAP,
                paramLabel = "SIZE",
                description = "-Xmx of each Connect worker, e.g. 512m or 2g (default: ${DEFAULT-VALUE}).")
        String workerHeap;

        @Option(
                names = "--connect-producer",
                defaultValue = "link",
                paramLabel = "link|worker",
                description = "Whose producer settings write the Connect contenders' copies: link (the in-process"
                        + " link's linger, batch size and retry backoff, as producer.override.* in the connector"
                        + " configuration) or worker (the worker's defaults, as `cutover link deploy` submits it)"
                        + " (default: ${DEFAULT-VALUE}).")
        String connectProducer;

        @Option(
                names = "--schema-ids",
                description = "Also run cutover's link rewriting schema ids: every source value in Confluent's wire"
                        + " format under one schema id, two schema registries (Apicurio, on a Java 21+: set"
                        + " CUTOVER_REGISTRY_JAVA), the target holding the schema under another id; the contender"
                        + " 'cutover link + schema ids rewritten' runs last, the others copy the same bytes.")
        boolean schemaIds;

        @Option(names = "--output", defaultValue = "md", description = "md or json (default: ${DEFAULT-VALUE}).")
        ReportFormat output;

        @Override
        public Integer call() throws Exception {
            if (output == ReportFormat.HTML) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--output is md or json");
            }
            LinkBenchmark.Options options;
            ContenderChoice chosen;
            ConnectLinkReplicator.Producer producer;
            try {
                chosen = ContenderChoice.parse(
                        contenders == null ? List.of() : contenders,
                        connect,
                        workers == null ? OptionalInt.empty() : OptionalInt.of(workers));
                if (tasks != null && (tasks < 1 || !chosen.connect())) {
                    throw new IllegalArgumentException(
                            "--tasks (at least 1) sets the Connect connector's tasks.max: add --connect too");
                }
                producer = ConnectLinkReplicator.Producer.named(connectProducer);
                if (!workerHeap.matches("\\d+[kKmMgG]")) {
                    throw new IllegalArgumentException("--worker-heap is like 512m or 2g, not " + workerHeap);
                }
                LinkBenchmark.Options defaults = LinkBenchmark.Options.forPartitions(Math.max(1, partitions));
                options = new LinkBenchmark.Options(
                        records != null ? records : defaults.records(),
                        size != null ? size : defaults.valueSize(),
                        partitions,
                        runs != null ? runs : defaults.runs(),
                        warmups);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            // With JSON on stdout, progress goes to stderr so that stdout stays one document.
            PrintWriter progress =
                    output == ReportFormat.JSON ? spec.commandLine().getErr() : out;
            String machine = Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", max heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
            progress.println("cutover bench link: " + machine);
            var lineup = chosen.contenders(
                    LinkTakeover::adopt,
                    tasks == null ? OptionalInt.empty() : OptionalInt.of(tasks),
                    workerHeap,
                    producer);
            LinkBenchmark.Result result;
            if (schemaIds) {
                try (dev.cutover.bench.SchemaIdsBench schemas = dev.cutover.bench.SchemaIdsBench.start(progress)) {
                    result = new LinkBenchmark(
                                    progress, lineup.and(schemas.replicator(LinkTakeover::adopt)), schemas.sourceId())
                            .run(options);
                }
            } else {
                result = new LinkBenchmark(progress, lineup).run(options);
            }
            if (output == ReportFormat.JSON) {
                out.print(ReportFiles.json(LinkReportJson.of(result)));
            } else {
                out.println();
                LinkReport.lines(result).forEach(out::println);
                out.println();
                out.println("Machine: " + machine + ".");
            }
            out.flush();
            return 0;
        }
    }
}
