package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.status.LinkStatusQuery;
import dev.cutover.link.status.LinkStatusReport;
import dev.cutover.server.MetricsServer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "link",
        mixinStandardHelpOptions = true,
        description = "Replicates topics from the source to the target, exactly once, with an exact offset map.",
        subcommands = {
            LinkCommand.Start.class,
            LinkCommand.Status.class,
            LinkLifecycle.Stop.class,
            LinkLifecycle.Delete.class,
            LinkDeploy.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 a check failed or a request was refused, 2 usage or config error,",
            "            3 a cluster unreachable or denied (see each command's --help)."
        })
final class LinkCommand {
    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = {
                "Copies the selected source topics to the target until Ctrl-C / SIGTERM or 'cutover link stop'",
                "(a clean stop: exit 0, recorded with when and why in the link's state, shown by 'link status';",
                "the lease is given up, so the next start need not wait), and resumes where it stopped when",
                "started again.",
                "",
                "Partition p goes to partition p; key, value, headers and timestamps are copied unchanged; the",
                "source is read with read_committed, so aborted transactions are never copied. Every write to the",
                "target is transactional and the link never aborts a transaction: after a crash, the next start",
                "commits what the crashed instance had written and realigns, so no record is lost, duplicated or",
                "left as aborted data. Topics are created on the target with the source's partitions and",
                "configs (see docs/topic-config-rules.md). For every record the link keeps source offset ->",
                "target offset on the target, which `cutover offsets` uses to move consumer groups exactly.",
                "",
                "A partition that cannot go on (retention deleted records before they were copied, the source was",
                "truncated, the topic was recreated, a record the target would reject) stops alone with the exact",
                "reason; `cutover link status` shows it. One instance runs a link at a time.",
                "",
                "While it runs, the link follows the source every --metadata-refresh: partitions added to a source",
                "topic are added on the target and copied from their log start, source config changes are applied",
                "to the target by the same rules, and new source topics that match --topics are created and copied",
                "whole. A linked target topic that no longer fits (another partition count or cleanup.policy, or",
                "deleted) stops alone with the reason.",
                "",
                "Settings may also live in WORKSPACE/cutover.yaml under links.<name>: topics, exclude, from,",
                "maxBytesPerSecond, syncSecurity, principalMap, lease, metadataRefresh. A flag given here overrides",
                "the file's value (--principal-map entries are merged over the file's). Without --name the link is",
                "the file's only link, or its 'default' link."
            },
            footer = {
                "",
                "Exit codes: 0 stopped cleanly (Ctrl-C, SIGTERM, 'cutover link stop'), or --dry-run shown,",
                "            1 refused: another instance runs this link (it holds the lease), 2 usage or config",
                "            error, 3 a cluster unreachable or denied."
            })
    static final class Start implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Mixin
        Options.LinkName name;

        @Option(names = "--topics", description = "Source topics to copy, a regex (default: all).")
        String topics;

        @Option(
                names = "--exclude",
                description = "Source topics not to copy, a regex. Internal and tool topics are never copied.")
        String exclude;

        @Option(
                names = "--from",
                description = "Where partitions without progress start: earliest, latest, or a time (ISO-8601 or"
                        + " epoch ms). Default: earliest. Partitions added to a linked topic, and topics created"
                        + " while the link runs, are copied from their log start.")
        String from;

        @Option(names = "--max-bytes-per-second", description = "Throttle on copied bytes.")
        Long maxBytesPerSecond;

        @Option(
                names = "--lease",
                description = "How long a crashed or paused instance keeps its claim; a new one waits this long"
                        + " (default: 30s).")
        String lease;

        @Option(
                names = "--metadata-refresh",
                paramLabel = "DURATION",
                description = "How often the running link follows the source's topics: new partitions, config"
                        + " changes, new matching topics (default: 30s).")
        String metadataRefresh;

        @Option(names = "--dry-run", description = "Show what would be created on the target, copy nothing.")
        boolean dryRun;

        @Mixin
        MetricsOption metrics;

        @Mixin
        Options.Progressing progressing;

        @Option(
                names = "--principal-map",
                paramLabel = "SOURCE=TARGET",
                description = "Principal renaming for copied ACLs and user quotas, e.g. User:alice=User:alice@corp"
                        + " (repeatable).")
        Map<String, String> principalMap = Map.of();

        @Option(
                names = "--schema-ids",
                paramLabel = "check|rewrite|off",
                description = "Schema ids of records in Confluent's wire format: check (copy a record only once the"
                        + " target registry resolves its id to the same schema, per the id map of 'cutover schemas"
                        + " sync'; else its partition waits and 'link status' names the id), rewrite (also write the"
                        + " target's id where it differs) or off. Default: check when both profiles name a"
                        + " schemaRegistry, else off.")
        String schemaIds;

        @Option(
                names = "--no-security-sync",
                description = "Do not copy ACLs (topic, group, transactional id) and client quotas to the target.")
        boolean noSecuritySync;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Workspace ws = workspace.load();
            metrics.validate(ws);
            Map<String, Object> source = ws.profile("source").clientProperties();
            Map<String, Object> target = ws.profile("target").clientProperties();
            LinkSettings settings = settings(ws);
            if (dryRun) {
                spec.commandLine().getOut().print(LinkDryRun.render(source, target, settings));
                spec.commandLine().getOut().flush();
                return 0;
            }
            Foreground foreground = Foreground.listen();
            try (MetricsServer endpoint = metrics.open(ws, err);
                    var progress = progressing.open()) {
                return run(source, target, settings, foreground, progress, err, endpoint);
            }
        }

        private int run(
                Map<String, Object> source,
                Map<String, Object> target,
                LinkSettings settings,
                Foreground foreground,
                ProgressOutput progress,
                PrintWriter err,
                MetricsServer endpoint) {
            LinkHandle link = LinkRunner.start(source, target, settings, progress, foreground::release);
            if (endpoint != null) {
                link.bindTo(endpoint.registry());
            }
            foreground.awaitStopRequest();
            boolean ended = link.state() == LinkHandle.State.STOPPED || link.state() == LinkHandle.State.FAILED;
            if (!ended) {
                progress.line("stopping: finishing the current transaction...");
                link.stop("stop signal (SIGTERM or Ctrl-C) to cutover link start on " + LinkLifecycle.hostName()
                        + " (pid " + ProcessHandle.current().pid() + ")");
                try {
                    link.awaitEnded(Duration.ofSeconds(50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = 0;
            if (link.failure().isPresent()) {
                status = report(link.failure().get()).apply(err);
            } else {
                err.println("stopped after copying " + link.copied() + " record(s) in this run: " + link.stopReason());
                err.flush();
            }
            foreground.finished(status);
            return status;
        }

        /**
         * The file's settings for the link (see {@link CutoverConfig#resolveLink}) with the flags given laid over, and
         * the longer of the two profiles' {@code timeout}s as the link's timeout. Checks first that both profiles make
         * clients and that both clusters answer within their timeouts, so that a wrong profile or a cluster that is down
         * ends the command at once (exit 2 or 3, naming the profile) instead of in the link's restarts.
         */
        private LinkSettings settings(Workspace ws) {
            LinkConfig file = name.resolve(ws);
            if (from != null && !LinkConfig.validFrom(from)) {
                throw usage(
                        "--from takes earliest, latest, an ISO-8601 instant or epoch milliseconds; got '" + from + "'");
            }
            regex("--topics", topics);
            regex("--exclude", exclude);
            principalMap.forEach((k, v) -> {
                if (!LinkConfig.validPrincipal(k) || !LinkConfig.validPrincipal(v)) {
                    throw usage("--principal-map takes Type:name=Type:name, e.g. User:alice=User:alice@corp; got '" + k
                            + "=" + v + "'");
                }
            });
            LinkConfig flags = new LinkConfig(
                    file.name(),
                    Optional.ofNullable(topics),
                    Optional.ofNullable(exclude),
                    Optional.ofNullable(from),
                    maxBytesPerSecond == null ? OptionalLong.empty() : OptionalLong.of(maxBytesPerSecond),
                    noSecuritySync ? Optional.of(false) : Optional.empty(),
                    principalMap,
                    duration("--lease", lease),
                    duration("--metadata-refresh", metadataRefresh),
                    List.of(),
                    Optional.ofNullable(schemaIds).map(t -> dev.cutover.config.SchemaIds.parse(t)
                            .orElseThrow(() -> usage("--schema-ids takes check, rewrite or off; got '" + t + "'"))));
            ConnectionProfile source = ws.profile("source");
            ConnectionProfile target = ws.profile("target");
            ClusterConnection.checkAll(List.of(source, target));
            LinkConfig merged = file.overriddenBy(flags);
            return LinkTimeout.withTimeout(
                    LinkSettings.of(merged)
                            .schemaIds(dev.cutover.link.schemas.SchemaIdPolicy.of(merged, source, target, ws.dir())),
                    LinkTimeout.of(source, target));
        }

        private static Optional<Duration> duration(String flag, String text) {
            if (text == null) {
                return Optional.empty();
            }
            return Optional.of(dev.cutover.config.Durations.parse(text)
                    .orElseThrow(() -> usage(flag + " takes a duration such as 10s or 2m; got '" + text + "'")));
        }

        private static void regex(String flag, String text) {
            if (text == null) {
                return;
            }
            try {
                java.util.regex.Pattern.compile(text);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw usage(flag + " takes a regex matched against whole topic names; '" + text + "' is not one ("
                        + e.getDescription() + ")");
            }
        }

        private static CutoverException usage(String message) {
            return new CutoverException(dev.cutover.api.Reason.USAGE, message, null);
        }
    }

    /** Turns a failure of the link thread into a message and an exit status, as {@link ExitCodeHandler} does. */
    private static java.util.function.Function<PrintWriter, Integer> report(Throwable failure) {
        return err -> ExitCodeHandler.report(failure, err);
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Shows a link's progress per partition, read from its state on the target, whether or not it runs:",
                "source end, copied up to, lag in records and milliseconds, and state (running, caught-up, error",
                "and why), with any warning (a compacted topic that lagged beyond its delete.retention.ms may miss",
                "tombstones), and topics it was asked to copy but cannot, with the reason; whether it runs, and",
                "for a link that stopped cleanly when, where and why (docs/link-status.md). Exit 1 while any",
                "partition is in error or any topic cannot be linked, and for a link that never ran against",
                "the target (usually a misspelled --name: the links the target has are named); warnings alone",
                "keep exit 0."
            },
            footer = {
                "",
                "Exit codes: 0 no partition in error, 1 a partition in error, a topic unlinkable, or the link",
                "            never ran, 2 usage or config error, 3 target unreachable or denied."
            })
    static final class Status implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Mixin
        Options.LinkName name;

        @Mixin
        Options.MdOrJson output;

        @Override
        public Integer call() {
            Workspace ws = workspace.load();
            String link = name.resolve(ws).name();
            Optional<ConnectionProfile> source =
                    Optional.ofNullable(ws.config().clusters().get("source"));
            LinkStatusReport report = LinkStatusQuery.read(ws.profile("target"), source, link, Clock.systemUTC());
            PrintWriter out = spec.commandLine().getOut();
            out.print(
                    output.format == OutputFormat.JSON
                            ? ReportFiles.json(report)
                            : LinkStatusMarkdown.render(report, System.currentTimeMillis()));
            out.flush();
            if (report.neverRan()) {
                return LinkLifecycle.neverRan(spec.commandLine().getErr(), link, report.linksOnTarget());
            }
            return report.anyError() ? Reason.CHECK_FAILED.exitCode() : Reason.EXIT_OK;
        }
    }
}
