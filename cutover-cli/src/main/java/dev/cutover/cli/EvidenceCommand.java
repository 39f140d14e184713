package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.inventory.report.Markdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.readiness.TargetCluster;
import dev.cutover.readiness.evidence.Attestation;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceLedger;
import dev.cutover.readiness.evidence.EvidencePrune;
import dev.cutover.readiness.evidence.EvidenceStore;
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
            "attestations with 'evidence add'. Secrets never go into them. Previews (offsets translate,",
            "sync --dry-run) are kept but never count as a pass. 'evidence list' says which records count",
            "and why not; 'evidence prune' deletes old, superseded or misspelled ones."
        },
        subcommands = {EvidenceCommand.Add.class, EvidenceCommand.ListEvidence.class, EvidenceCommand.Prune.class},
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
            },
            footer = {
                "",
                "Exit codes: 0 recorded, 2 usage or config error (an unknown workload or area, a missing file),",
                "            3 the target unreachable or denied (its cluster id is read)."
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
                "Lists the workspace's evidence, oldest first, and whether each counts: a record does not",
                "when it is stale (older than readiness.maxEvidenceAge), superseded (a newer one of the same",
                "workload, area, kind and group exists), a preview (offsets translate, sync --dry-run: what",
                "a command saw, not what it did) or failed. Whether it was taken against the current target",
                "is checked by 'cutover readiness'."
            },
            footer = {"", "Exit codes: 0 listed, 2 usage or config error (a broken evidence file)."})
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
            List<EvidenceLedger.Entry> all =
                    EvidenceLedger.assess(EvidenceStore.load(ws.dir()), Instant.now(), maxAge).stream()
                            .filter(e -> workload == null
                                    || e.stored().evidence().workload().equals(workload))
                            .toList();
            var out = spec.commandLine().getOut();
            if (output.format == OutputFormat.JSON) {
                out.print(ReportFiles.json(new ListDoc(
                        ListDoc.SCHEMA_VERSION,
                        dev.cutover.api.CutoverVersion.current(),
                        all.stream()
                                .map(e -> new Listed(
                                        e.stored().path(),
                                        e.stored().evidence(),
                                        e.notCounted()
                                                .filter(EvidenceLedger.NotCounted.STALE::equals)
                                                .flatMap(n -> e.why())
                                                .orElse(null),
                                        e.counts(),
                                        e.notCounted()
                                                .map(EvidenceLedger.NotCounted::word)
                                                .orElse(null),
                                        e.why().orElse(null)))
                                .toList())));
            } else {
                out.print(new Markdown()
                        .table(
                                List.of("file", "workload", "area", "kind", "result", "taken", "by", "counts"),
                                all.stream()
                                        .map(e -> {
                                            Evidence ev = e.stored().evidence();
                                            return List.of(
                                                    Markdown.code(e.stored().path()),
                                                    Markdown.text(ev.workload()),
                                                    Markdown.text(ev.area().yamlName()),
                                                    Markdown.text(ev.kind()),
                                                    Markdown.text(ev.result().yamlName()
                                                            + (ev.preview() ? " (preview)" : "")),
                                                    Markdown.text(ev.takenAt()),
                                                    Markdown.text(ev.by()),
                                                    Markdown.text(e.describe()));
                                        })
                                        .toList())
                        .toString());
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "prune",
            mixinStandardHelpOptions = true,
            description = {
                "Deletes evidence records that no longer help, so the folder stays usable: records older",
                "than --older-than, records of --workload (e.g. a misspelled group's, filed under its",
                "name), records --superseded by a newer one of the same workload, area, kind and group.",
                "Given together, a record goes only when it meets every one. Deletes only the JSON records in",
                "WORKSPACE/evidence/, never the files they reference. --dry-run lists and deletes nothing."
            },
            footer = {"", "Exit codes: 0 pruned (or listed), 2 usage or config error (no criterion, a broken file)."})
    static final class Prune implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Option(
                names = "--older-than",
                paramLabel = "DURATION",
                converter = OffsetsCommand.DurationConverter.class,
                description = "Records taken longer ago than this, e.g. 30d, 12h.")
        Duration olderThan;

        @Option(names = "--workload", paramLabel = "W", description = "Records of this workload (or group name).")
        String workload;

        @Option(names = "--superseded", description = "Records a newer one of the same kind supersedes.")
        boolean superseded;

        @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            EvidencePrune.Criteria criteria = new EvidencePrune.Criteria(
                    Optional.ofNullable(olderThan), Optional.ofNullable(workload), superseded);
            Workspace ws = workspace.load();
            List<StoredEvidence> chosen = EvidencePrune.select(
                    ws.dir(), criteria, Instant.now(), ws.config().readiness().maxEvidenceAge());
            if (!dryRun) {
                EvidencePrune.delete(ws.dir(), chosen);
            }
            var out = spec.commandLine().getOut();
            chosen.forEach(s -> out.println((dryRun ? "would delete " : "deleted ") + s.path()));
            out.println((dryRun ? "dry run: would delete " : "deleted ") + chosen.size() + " record(s)");
            out.flush();
            return 0;
        }
    }

    /** {@code evidence list --output json}, documented in docs/evidence-json.md. */
    record ListDoc(int schemaVersion, String cutoverVersion, List<Listed> records) {
        static final int SCHEMA_VERSION = 1;
    }

    /**
     * One line of {@code evidence list --output json}: the file, its evidence, why it is stale (kept from the first
     * version), whether it counts, and if not the reason's word ({@code stale}, {@code superseded}, {@code preview},
     * {@code failed}) and detail.
     */
    record Listed(String path, Evidence evidence, String staleBecause, boolean counts, String notCounted, String why) {}

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
