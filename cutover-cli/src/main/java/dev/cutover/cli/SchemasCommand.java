package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.config.Workspace;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.sync.SchemaSync;
import dev.cutover.schemas.sync.SyncReport;
import dev.cutover.schemas.sync.SyncReportJson;
import dev.cutover.schemas.sync.SyncReportMarkdown;
import dev.cutover.schemas.sync.SyncRequest;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "schemas",
        mixinStandardHelpOptions = true,
        description = {
            "Schema registries: copies subjects, versions, ids and compatibility from the source's registry",
            "to the target's (clusters.<profile>.schemaRegistry in cutover.yaml), so that every record the link",
            "copies still resolves its schema id on the target."
        },
        subcommands = {SchemasCommand.Sync.class},
        footer = {"", "Exit codes: 0 done, 1 partly refused, 2 usage or config error, 3 registry unreachable or denied."
        })
final class SchemasCommand {

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description = {
                "Copies the selected subjects from the source registry to the target registry through their",
                "Confluent-compatible REST APIs (Confluent, Apicurio's ccompat, Karapace, Redpanda).",
                "",
                "What it copies: every version of each subject, in order, references first (a subject that a",
                "selected one references is synced too, and the report says so); soft-deleted versions as the",
                "source has them (registered, then soft-deleted on the target); the effective compatibility of",
                "each subject and the global level. While a subject's versions are written its level on the",
                "target is NONE (old versions were accepted under other rules); then it gets the source's level.",
                "",
                "Ids: a record carries its schema's id. Where the target is in IMPORT mode (set it yourself;",
                "sync never changes modes) a version is registered with the source's id and version, unless the",
                "target holds another schema under that id (a conflict: a free id is used). Otherwise the target",
                "assigns ids. Either way every synced source id is written, with the target id that was checked",
                "to hold the same schema, to WORKSPACE/schemas/SOURCE-to-TARGET.json (merged with earlier runs):",
                "the link's schemaIds (check/rewrite), verify and readiness read it.",
                "",
                "Idempotent: a version the target already holds is not written again; a second run changes",
                "nothing and says so. Never deletes or changes what only the target has (reported as only on",
                "the target). A version the target refuses is reported with the registry's message and does not",
                "stop the others (except those that reference it).",
                "",
                "Needs: read on the source registry; on the target, write subjects and compatibility config",
                "(and IMPORT mode set beforehand to keep ids). See docs/schemas.md."
            },
            footer = {
                "",
                "Exit codes: 0 done (or nothing to change), 1 partly refused (the report names each version),",
                "            2 usage or config error (e.g. a profile without schemaRegistry),",
                "            3 registry unreachable or denied."
            })
    static final class Sync implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Option(
                names = "--source",
                paramLabel = "PROFILE",
                defaultValue = "source",
                description = "Profile whose schemaRegistry is read (default: ${DEFAULT-VALUE}).")
        String source;

        @Option(
                names = "--target",
                paramLabel = "PROFILE",
                defaultValue = "target",
                description = "Profile whose schemaRegistry is written (default: ${DEFAULT-VALUE}).")
        String target;

        @Option(
                names = "--subjects",
                paramLabel = "REGEX",
                defaultValue = ".*",
                description = "Subjects to sync, a regular expression over the whole name (default: all); the"
                        + " subjects they reference are synced too.")
        String subjects;

        @Option(
                names = "--dry-run",
                description = "Show what would be done: nothing is written to the target, no id map is stored.")
        boolean dryRun;

        @Mixin
        Options.MdOrJson output;

        @Mixin
        Options.Progressing progressing;

        @Override
        public Integer call() {
            Pattern pattern = Regexes.compile("--subjects", subjects, "--subjects 'orders-.*|payments-value'");
            Workspace ws = workspace.load();
            if (source.equals(target)) {
                throw new CutoverException(
                        Reason.USAGE,
                        "--source and --target are both '" + source + "'",
                        "name two profiles, e.g. --source source --target target");
            }
            RegistryClient from = client(ws, source);
            RegistryClient to = client(ws, target);
            SyncReport report;
            try (ProgressOutput progress = progressing.open()) {
                report = new SchemaSync(from, to)
                        .run(new SyncRequest(source, target, ws.dir(), pattern, dryRun), progress.progress());
            }
            var out = spec.commandLine().getOut();
            out.print(
                    output.format == OutputFormat.JSON
                            ? SyncReportJson.render(report)
                            : SyncReportMarkdown.render(report));
            out.flush();
            return report.exitCode();
        }

        private static RegistryClient client(Workspace ws, String name) {
            ConnectionProfile profile = ws.profile(name);
            SchemaRegistrySettings settings = profile.schemaRegistry()
                    .orElseThrow(() -> new CutoverException(
                            Reason.CONFIG_INVALID,
                            "profile '" + name + "' in " + ws.dir().resolve(Workspace.CONFIG_FILE)
                                    + " has no schemaRegistry",
                            "add clusters." + name + ".schemaRegistry.url (the registry's Confluent-compatible API,"
                                    + " e.g. http://registry:8081 or .../apis/ccompat/v7 for Apicurio)"));
            return RegistryClient.of(settings, profile.timeout());
        }
    }
}
