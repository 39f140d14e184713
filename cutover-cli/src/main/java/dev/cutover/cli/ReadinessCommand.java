package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.inventory.report.ReportFormat;
import dev.cutover.readiness.ReadinessRun;
import dev.cutover.readiness.report.ReadinessFiles;
import dev.cutover.readiness.report.ReadinessReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "readiness",
        mixinStandardHelpOptions = true,
        description = {
            "Decides, wave by wave, whether the workloads may move, and writes",
            "WORKSPACE/reports/readiness.{json,md,html} (with --wave W: readiness-wave-W.{json,md,html}",
            "beside it, leaving the whole estate's report as it was): one page per wave with the six readiness points",
            "(verdict, owner, evidence) on top and the workloads × seven areas grid with its findings below.",
            "",
            "Reads the source (a fresh inventory) and the target (a read-only scan: topics, configs, ACLs,",
            "SCRAM users, features), workloads.yaml, the evidence in WORKSPACE/evidence/ and plan.yaml",
            "(computed and written first if there is none, and said so). The seven areas: protocol,",
            "identity, topics, offsets, state, observability, rollback; every rule and finding code is in",
            "docs/readiness.md. A verdict without evidence is NOT READY. Evidence older than",
            "--max-evidence-age (cutover.yaml readiness.maxEvidenceAge, default 30d) or taken against",
            "another target cluster does not count; the report says why."
        },
        footer = {
            "",
            "Exit codes: 0 every wave shown is ready, 1 any is not, 2 usage or config error",
            "            (unknown wave, bad evidence file), 3 a cluster unreachable or denied."
        })
final class ReadinessCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Option(
            names = "--wave",
            paramLabel = "WAVE",
            description = "Only this wave (default: every wave); written to reports/readiness-wave-WAVE.*.")
    String wave;

    @Mixin
    Options.Report output;

    @Option(
            names = "--max-evidence-age",
            paramLabel = "DURATION",
            converter = OffsetsCommand.DurationConverter.class,
            description = "Evidence older than this does not count, e.g. 30d, 12h (default: cutover.yaml's"
                    + " readiness.maxEvidenceAge, else 30d).")
    Duration maxEvidenceAge;

    @Override
    public Integer call() {
        Workspace ws = workspace.load();
        ReadinessReport report = new ReadinessRun(Clock.systemUTC())
                .run(new ReadinessRun.Request(
                        ws, Optional.ofNullable(wave), Optional.ofNullable(maxEvidenceAge), Optional.empty()));
        ReportFiles.Rendered rendered = ReadinessFiles.render(report);
        Map<ReportFormat, Path> files = ReadinessFiles.write(ws.reportsDir(), Optional.ofNullable(wave), rendered);
        var out = spec.commandLine().getOut();
        out.print(rendered.get(output.format.reportFormat()));
        out.flush();
        var err = spec.commandLine().getErr();
        report.planNotes().forEach(n -> err.println("plan: " + n));
        err.println("evidence counts when younger than " + report.maxEvidenceAge() + " and taken against target "
                + report.targetClusterId());
        err.println(
                "wrote " + files.values().stream().map(Path::toString).sorted().toList());
        report.waves()
                .forEach(w -> err.printf(
                        "%s: %s (%d workload(s), %d blocking finding(s))%n",
                        w.name(),
                        w.ready() ? "READY" : "NOT READY",
                        w.workloads().size(),
                        w.blockingCount()));
        err.flush();
        return report.ready() ? 0 : 1;
    }
}
