package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Workspace;
import dev.cutover.readiness.plan.DependencyGraph;
import dev.cutover.readiness.plan.PlanFile;
import dev.cutover.readiness.plan.PlanInput;
import dev.cutover.readiness.plan.PlanInputs;
import dev.cutover.readiness.plan.PlanJson;
import dev.cutover.readiness.plan.PlanMarkdown;
import dev.cutover.readiness.plan.PlanUpdate;
import dev.cutover.readiness.plan.Planner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Plans the migration in waves and writes WORKSPACE/plan.yaml.",
            "",
            "From the source cluster's inventory and WORKSPACE/workloads.yaml it builds the dependency",
            "graph (producer -> topic -> consumer, Kafka Streams and transactional read-process-write",
            "apps as edges in and out), gives every workload a risk class (low, medium, high) with the",
            "facts behind it, and groups the workloads into waves: clients that write the same topic",
            "move together, readers move before the writers of what they read (the source stays the",
            "write authority as long as possible), and low risk goes first. Each wave gets a pattern",
            "(endpoint-switch, consumer-first, producer-first or linked) with its reason; dual-write is",
            "never chosen by the planner, only set by hand in plan.yaml.",
            "Estate-level recommendations (PLAN-001..005) name the inventory facts behind them.",
            "",
            "plan.yaml is yours to edit: move workloads between waves, reorder waves, change a",
            "pattern or an owner, add a wave. Re-running keeps every edit, places new workloads,",
            "drops removed ones and prints what changed. Rules: docs/plan.md."
        },
        footer = {
            "",
            "Examples:",
            "  cutover plan --workspace ws                      scan 'source' now and plan",
            "  cutover plan --workspace ws --inventory ws/reports/inventory.json   plan from a saved scan",
            "",
            "Exit codes: 0 plan written, 2 bad workspace, plan.yaml or options (file:line:column),",
            "3 cluster unreachable, authentication failed, or no permission to describe the cluster."
        })
final class PlanCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Option(
            names = "--cluster",
            defaultValue = "source",
            description = "Profile in cutover.yaml to inventory (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(
            names = "--inventory",
            paramLabel = "FILE",
            description = "Plan from a saved inventory report (reports/inventory.json of `cutover inventory`)"
                    + " instead of scanning the cluster; the current workloads.yaml is matched against it again.")
    Path inventory;

    @Option(
            names = "--output",
            defaultValue = "md",
            paramLabel = "md|json|yaml",
            converter = OutputFormat.MdJsonYaml.class,
            description = "Printed to stdout: md, json or yaml (plan.yaml as written) (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public Integer call() {
        Workspace ws = workspace.load();
        Path file = ws.dir().resolve(PlanFile.FILE);
        PlanFile.read(file, ws.workloads().names()); // a broken plan.yaml is reported before any cluster is asked
        PlanInput input = inventory == null
                ? PlanInputs.live(ws, cluster, Clock.systemUTC())
                : PlanInputs.saved(requireFile(inventory), ws);
        PlanUpdate update = PlanFile.update(file, Planner.plan(input));
        DependencyGraph graph = Planner.graph(input);
        var out = spec.commandLine().getOut();
        out.print(
                switch (output) {
                    case MD -> PlanMarkdown.render(update, graph);
                    case JSON -> PlanJson.render(update, graph);
                    case YAML -> PlanFile.text(file);
                    case HTML -> throw new IllegalStateException("plan has no html output");
                });
        out.flush();
        var err = spec.commandLine().getErr();
        err.println("wrote " + file + (update.changes().isEmpty() ? " (unchanged)" : ""));
        update.changes().forEach(c -> err.println("  changed: " + c));
        err.flush();
        return 0;
    }

    private static Path requireFile(Path file) {
        if (dev.cutover.config.InputFiles.present(file)) {
            // A directory, FIFO or device is named as such (exit 2), never opened.
            dev.cutover.config.InputFiles.requireRegular(file);
        } else {
            throw new CutoverException(
                    Reason.USAGE,
                    "no inventory report at " + file,
                    "run `cutover inventory --workspace DIR` first, or leave out --inventory to scan now");
        }
        return file;
    }
}
