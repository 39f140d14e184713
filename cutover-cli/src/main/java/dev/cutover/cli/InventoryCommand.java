package dev.cutover.cli;

import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.Inventory;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.report.InventoryMarkdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.inventory.report.ReportFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = {
            "Scans a cluster (read-only) and the applications' config files, matches what it finds with",
            "WORKSPACE/workloads.yaml, and writes WORKSPACE/reports/inventory.{json,md,html}.",
            "",
            "From the cluster (Admin API): brokers, features, topics with non-default configs, sizes and",
            "rates, groups of every type with members, committed offsets and lag, ACLs, quotas, SCRAM",
            "users, active producers and transactions. From broker JMX (the profile's 'jmx:'): client",
            "software names and versions (KIP-511). From --scan-configs: Kafka client settings in",
            ".properties, .yaml/.yml (Spring too), .env and .json files, and bootstrap addresses",
            "hard-coded in source files. Secrets never appear in any output.",
            "",
            "Permissions: DESCRIBE on CLUSTER is required; for a complete result also DESCRIBE_CONFIGS on",
            "CLUSTER, DESCRIBE and DESCRIBE_CONFIGS and READ on topics, DESCRIBE on groups and on",
            "transactional ids. Missing single permissions are reported against the items, not fatal."
        },
        footer = {
            "",
            "Exit codes: 0 inventory written (findings do not fail it), 2 bad workspace or options,",
            "3 cluster unreachable, authentication failed, or no permission to describe the cluster."
        })
final class InventoryCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Option(
            names = "--cluster",
            defaultValue = "source",
            description = "Profile in cutover.yaml to scan (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(
            names = "--scan-configs",
            arity = "1..*",
            paramLabel = "PATH",
            description = "Application config files or directories to scan (recursively).")
    List<Path> scanConfigs = List.of();

    @Mixin
    Options.Report output;

    @Mixin
    Options.Progressing progressing;

    @Override
    public Integer call() {
        Workspace ws = workspace.load();
        // A profile whose properties cannot make a client (JAAS, SSL stores) fails here, naming the property.
        ClusterConnection.open(ws.profile(cluster)).close();
        InventoryReport report;
        try (ProgressOutput progress = progressing.open()) {
            report = new Inventory(Clock.systemUTC())
                    .take(new Inventory.Request(ws, cluster, scanConfigs), progress.progress());
        }
        ReportFiles.Rendered rendered =
                ReportFiles.render(InventoryMarkdown.title(report), report, InventoryMarkdown.render(report));
        Map<ReportFormat, Path> files = ReportFiles.write(ws.reportsDir(), "inventory", rendered);
        var out = spec.commandLine().getOut();
        // Printed from the file just written: the JSON of a large estate is streamed, never held as one string.
        try (var in = java.nio.file.Files.newBufferedReader(
                files.get(output.format.reportFormat()), java.nio.charset.StandardCharsets.UTF_8)) {
            in.transferTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.flush();
        var err = spec.commandLine().getErr();
        err.println(
                "wrote " + files.values().stream().map(Path::toString).sorted().toList());
        err.flush();
        return 0;
    }
}
