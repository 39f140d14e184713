package dev.cutover.cli;

import dev.cutover.bench.VerifyBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Measures 'cutover verify' against what no verify can beat: fresh source and target clusters (each in its"
                    + " own JVM), a topic filled and copied by the link, then in turn, in the same session, a plain"
                    + " consumer per cluster reading the whole topic on both sides at once (read_committed, nothing"
                    + " compared) and a full verify of the topic. Prints records/s of each run, the medians and the"
                    + " ratio; the goal is verify at >= 0.8x the plain consumers."
        },
        footer = {"", "Exit codes: 0 measured (figures, not a pass/fail verdict), 2 usage error."})
final class BenchVerifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--records", defaultValue = "1000000", description = "Records (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--size", defaultValue = "1024", description = "Bytes per value (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--runs", defaultValue = "3", description = "Runs of each (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        if (records < 1 || size < 0 || partitions < 1 || runs < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--records, --partitions and --runs are at least 1, --size at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("cutover bench verify: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        var result = new VerifyBenchmark(out).run(new VerifyBenchmark.Options(records, size, partitions, runs));
        out.println();
        out.println("| contender | records/s (median) | runs |");
        out.println("| --- | --- | --- |");
        out.printf("| plain consumers (both sides) | %,.0f | %s |%n", result.plainMedian(), rates(result.plainRates()));
        out.printf("| cutover verify | %,.0f | %s |%n", result.verifyMedian(), rates(result.verifyRates()));
        out.printf(
                "%nverify / plain: %.2fx (goal >= 0.80x: %s); last verify: %s, %d pairs compared.%n",
                result.ratio(),
                result.ratio() >= 0.8 ? "met" : "missed",
                result.lastReport().verdict().text(),
                result.lastReport().summary().compared());
        out.flush();
        return 0;
    }

    private static String rates(java.util.List<Double> rates) {
        return String.join(
                ", ", rates.stream().map(r -> String.format("%,.0f", r)).toList());
    }
}
