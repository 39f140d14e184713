package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.inventory.report.Markdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.readiness.TargetCluster;
import dev.cutover.readiness.evidence.Attestation;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Freshness;
import dev.cutover.readiness.evidence.Provenance;
import dev.cutover.readiness.evidence.StoredEvidence;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "evidence",
        mixinStandardHelpOptions = true,
        description = {
            "Evidence that workloads are ready: versioned JSON files in WORKSPACE/evidence/, one per record,",
            "meant to be committed with the change they support. Commands that prove something write them",
            "(offsets translate and sync today; probes, verification and rehearsals later); people add",
            "attestations with 'evidence add'. Secrets never go into them."
        },
        subcommands = {EvidenceCommand.Add.class, EvidenceCommand.ListEvidence.class},
        footer = {"", "Exit codes: 0 ok, 2 usage or config error, 3 the target unreachable (evidence add)."})
final class EvidenceCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Records a person's attestation that WORKLOAD is ready (or not) in AREA, backed by FILE",
                "(a test log, a screenshot, a runbook). The file is referenced, not copied: relative to the",
                "workspace when inside it, with its SHA-256. The target's cluster id is read from the target",
                "profile (or --target-cluster-id), so evidence taken against another target stops counting.",
                "",
                "Areas: protocol, identity, topics, offsets, state, observability, rollback.",
                "Example: cutover evidence add --workspace ws --workload billing --area rollback",
                "           --file runbooks/billing-rollback.md --by alice --note 'rehearsed 2026-11-20'"
            })
    static final class Add implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Option(names = "--workload", required = true, paramLabel = "W", description = "A workload of workloads.yaml.")
        String workload;

        @Option(names = "--area", required = true, paramLabel = "AREA", description = "The decision area.")
        String area;

        @Option(names = "--file", required = true, paramLabel = "F", description = "The file that shows it.")
        Path file;

        @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who attests it.")
        String by;

        @Option(
                names = "--result",
                defaultValue = "pass",
                paramLabel = "pass|fail",
                converter = ResultConverter.class,
                description = "pass or fail (default: ${DEFAULT-VALUE}).")
        Evidence.Result result;

        @Option(names = "--note", paramLabel = "TEXT", description = "One line on what was shown.")
        String note;

        @Option(
                names = "--detail",
                paramLabel = "KEY=VALUE",
                description = "Extra facts, repeatable; e.g. clientSoftware=apache-kafka-java/3.9.1 names the"
                        + " client library for the protocol area.")
        Map<String, String> details = Map.of();

        @Option(
                names = "--target-cluster-id",
                paramLabel = "ID",
                description = "The target's cluster id, when the target cannot be reached from here.")
        String targetClusterId;

        @Override
        public Integer call() {
            Workspace ws = workspace.load();
            StoredEvidence stored = Attestation.add(
                    ws,
                    new Attestation.Request(workload, area, file, by, result, Optional.ofNullable(note), details),
                    Provenance.here("cutover evidence add", Clock.systemUTC()),
                    () -> Optional.of(
                            targetClusterId != null ? targetClusterId : TargetCluster.id(ws.profile("target"))));
            var out = spec.commandLine().getOut();
            out.println("wrote " + ws.dir().resolve(stored.path()) + " ("
                    + stored.evidence().area().yamlName() + ", "
                    + stored.evidence().result().yamlName() + ", target "
                    + stored.evidence().targetClusterId() + ")");
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Lists the workspace's evidence, oldest first, and whether each still counts by age",
                "(whether it was taken against the current target is checked by 'cutover readiness')."
            })
    static final class ListEvidence implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Option(names = "--workload", paramLabel = "W", description = "Only this workload's evidence.")
        String workload;

        @Mixin
        Options.MdOrJson output;

        @Override
        public Integer call() {
            Workspace ws = workspace.load();
            Duration maxAge = ws.config().readiness().maxEvidenceAge();
            Instant now = Instant.now();
            List<Freshness.Assessed> all = EvidenceStore.load(ws.dir()).stream()
                    .filter(s -> workload == null || s.evidence().workload().equals(workload))
                    .map(s -> Freshness.assess(s, now, maxAge, Optional.empty()))
                    .toList();
            var out = spec.commandLine().getOut();
            if (output.format == OutputFormat.JSON) {
                out.print(ReportFiles.json(all.stream()
                        .map(a -> new Listed(
                                a.stored().path(),
                                a.evidence(),
                                a.staleBecause().orElse(null)))
                        .toList()));
            } else {
                out.print(new Markdown()
                        .table(
                                List.of("file", "workload", "area", "kind", "result", "taken", "by", "counts"),
                                all.stream()
                                        .map(a -> List.of(
                                                Markdown.code(a.stored().path()),
                                                Markdown.text(a.evidence().workload()),
                                                Markdown.text(
                                                        a.evidence().area().yamlName()),
                                                Markdown.text(a.evidence().kind()),
                                                Markdown.text(
                                                        a.evidence().result().yamlName()),
                                                Markdown.text(a.evidence().takenAt()),
                                                Markdown.text(a.evidence().by()),
                                                Markdown.text(a.staleBecause().orElse("yes"))))
                                        .toList())
                        .toString());
            }
            out.flush();
            return 0;
        }
    }

    /** One line of {@code evidence list --output json}: the file, its evidence, and why it no longer counts. */
    record Listed(String path, Evidence evidence, String staleBecause) {}

    static final class ResultConverter implements ITypeConverter<Evidence.Result> {
        @Override
        public Evidence.Result convert(String value) {
            try {
                return Evidence.Result.fromYaml(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a result; write pass or fail");
            }
        }
    }
}
