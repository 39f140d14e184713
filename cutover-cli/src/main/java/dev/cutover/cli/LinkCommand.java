package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.report.Markdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.inventory.report.ReportFormat;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.engine.OpenTransactions;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "link",
        mixinStandardHelpOptions = true,
        description = "Replicates topics from the source to the target, exactly once, with an exact offset map.",
        subcommands = {LinkCommand.Start.class, LinkCommand.Status.class})
final class LinkCommand {
    private static final Logger log = LoggerFactory.getLogger(LinkCommand.class);

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = {
                "Copies the selected source topics to the target until Ctrl-C / SIGTERM (a clean stop: exit 0),",
                "and resumes where it stopped when started again.",
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
            })
    static final class Start implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--workspace", required = true, description = "Workspace with 'source' and 'target' profiles.")
        Path workspace;

        @Option(
                names = "--name",
                description =
                        "Link name (default: the only link in cutover.yaml, else '" + LinkTopics.DEFAULT_LINK + "').")
        String name;

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

        @Option(
                names = "--principal-map",
                paramLabel = "SOURCE=TARGET",
                description = "Principal renaming for copied ACLs and user quotas, e.g. User:alice=User:alice@corp"
                        + " (repeatable).")
        Map<String, String> principalMap = Map.of();

        @Option(
                names = "--no-security-sync",
                description = "Do not copy ACLs (topic, group, transactional id) and client quotas to the target.")
        boolean noSecuritySync;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Workspace ws = Workspace.load(workspace);
            Map<String, Object> source = ws.profile("source").clientProperties();
            Map<String, Object> target = ws.profile("target").clientProperties();
            LinkSettings settings = settings(ws);
            if (dryRun) {
                spec.commandLine().getOut().print(LinkDryRun.render(source, target, settings));
                spec.commandLine().getOut().flush();
                return 0;
            }
            Foreground foreground = Foreground.listen();
            LinkHandle link = LinkRunner.start(source, target, settings, err, foreground::release);
            foreground.awaitStopRequest();
            boolean ended = link.state() == LinkHandle.State.STOPPED || link.state() == LinkHandle.State.FAILED;
            if (!ended) {
                err.println("stopping: finishing the current transaction...");
                err.flush();
                link.stop();
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
                err.println("stopped after copying " + link.copied() + " record(s) in this run");
                err.flush();
            }
            foreground.finished(status);
            return status;
        }

        /** The file's settings for the link (see {@link CutoverConfig#resolveLink}) with the flags given laid over. */
        private LinkSettings settings(Workspace ws) {
            LinkConfig file = ws.config().resolveLink(Optional.ofNullable(name));
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
                    duration("--metadata-refresh", metadataRefresh));
            return LinkSettings.of(file.overriddenBy(flags));
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

    /** Turns a failure of the link thread into a message and an exit status. */
    private static java.util.function.Function<PrintWriter, Integer> report(Throwable failure) {
        return err -> {
            if (failure instanceof CutoverException ce) {
                err.println("error: " + ce.getMessage());
                ce.hint().ifPresent(h -> err.println("  what to do: " + h));
                err.flush();
                return ce.exitCode();
            }
            log.error("link failed", failure);
            err.println("error: the link stopped: " + failure);
            err.flush();
            return 4;
        };
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Shows a link's progress per partition, read from its state on the target, whether or not it runs:",
                "source end, copied up to, lag in records and milliseconds, and state (running, caught-up, error",
                "and why), with any warning (a compacted topic that lagged beyond its delete.retention.ms may miss",
                "tombstones). Exit 1 while any partition is in error; warnings alone keep exit 0."
            })
    static final class Status implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--workspace", required = true, description = "Workspace with a 'target' profile.")
        Path workspace;

        @Option(
                names = "--name",
                description =
                        "Link name (default: the only link in cutover.yaml, else '" + LinkTopics.DEFAULT_LINK + "').")
        String name;

        @Option(names = "--output", defaultValue = "md", description = "md or json (default: ${DEFAULT-VALUE}).")
        ReportFormat output;

        @Override
        public Integer call() {
            Workspace ws = Workspace.load(workspace);
            String name =
                    ws.config().resolveLink(Optional.ofNullable(this.name)).name();
            Map<String, Object> target = ws.profile("target").clientProperties();
            LinkTopics topics = LinkTopics.named(name);
            LinkState.Snapshot state =
                    LinkState.read(target, topics, ws.profile("target").timeout());
            long now = System.currentTimeMillis();
            boolean running = state.lease().map(l -> l.freshAt(now)).orElse(false);
            boolean anyError = state.partitions().values().stream()
                    .anyMatch(p -> p.state() == dev.cutover.link.state.PartitionState.ERROR);
            SourceTransactions open = SourceTransactions.of(ws, state);
            PrintWriter out = spec.commandLine().getOut();
            if (output == ReportFormat.JSON) {
                out.print(ReportFiles.json(StatusView.of(name, running, state, open)));
            } else {
                out.print(markdown(name, running, state, now, open));
            }
            out.flush();
            return anyError ? 1 : 0;
        }

        /**
         * The source's transactions open now on linked partitions: their records are copied only once they commit,
         * so at cutover they are neither on the target nor final on the source. Unknown ({@code error} set) when the
         * workspace has no {@code source} profile or the source does not answer; the status itself is read from the
         * target alone.
         */
        record SourceTransactions(List<OpenTransactions.Open> open, String error) {
            private static final Duration WAIT = Duration.ofSeconds(10);

            static SourceTransactions of(Workspace ws, LinkState.Snapshot state) {
                if (state.partitions().isEmpty()) {
                    return new SourceTransactions(List.of(), null);
                }
                if (!ws.config().clusters().containsKey("source")) {
                    return new SourceTransactions(List.of(), "the workspace has no 'source' profile");
                }
                var profile = ws.profile("source");
                Duration wait = profile.timeout().compareTo(WAIT) < 0 ? profile.timeout() : WAIT;
                Admin admin = Admin.create(profile.clientProperties());
                try {
                    return new SourceTransactions(
                            OpenTransactions.on(admin, state.partitions().keySet(), wait), null);
                } catch (java.util.concurrent.ExecutionException e) {
                    return new SourceTransactions(List.of(), "the source did not list them: " + e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    return new SourceTransactions(
                            List.of(), "the source did not answer within " + wait.toSeconds() + " s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new SourceTransactions(List.of(), "interrupted");
                } finally {
                    admin.close(Duration.ZERO);
                }
            }
        }

        /** One open source transaction in the JSON of {@code link status}. */
        record OpenTransactionView(String transactionalId, String startedAt, List<String> partitions) {
            static OpenTransactionView of(OpenTransactions.Open open) {
                return new OpenTransactionView(
                        open.transactionalId(),
                        open.startedAt().map(Object::toString).orElse(null),
                        open.partitions().stream().map(TopicPartition::toString).toList());
            }
        }

        /**
         * The JSON of {@code link status} (version 1): the link's identity and lease (null if never written), one entry
         * per partition, ordered by topic and partition, as stored by the link ({@link LinkState.PartitionStatus}),
         * and the source's transactions open on linked partitions ({@code openSourceTransactions}; null, with {@code
         * openSourceTransactionsUnknown} saying why, when the source could not be asked).
         */
        record StatusView(
                int version,
                String link,
                boolean running,
                LinkState.Identity identity,
                LinkState.Lease lease,
                List<LinkState.PartitionStatus> partitions,
                List<OpenTransactionView> openSourceTransactions,
                String openSourceTransactionsUnknown) {
            static StatusView of(String link, boolean running, LinkState.Snapshot state, SourceTransactions open) {
                List<LinkState.PartitionStatus> partitions = state.partitions().values().stream()
                        .sorted(java.util.Comparator.comparing(LinkState.PartitionStatus::topic)
                                .thenComparingInt(LinkState.PartitionStatus::partition))
                        .toList();
                return new StatusView(
                        1,
                        link,
                        running,
                        state.identity().orElse(null),
                        state.lease().orElse(null),
                        partitions,
                        open.error() == null
                                ? open.open().stream()
                                        .map(OpenTransactionView::of)
                                        .toList()
                                : null,
                        open.error());
            }
        }

        /** The error that stopped the partition, and any warning about its copy (which the partition goes on with). */
        private static String why(LinkState.PartitionStatus p) {
            List<String> parts = new ArrayList<>();
            if (p.reason() != null) {
                parts.add(p.reason());
            }
            if (p.warning() != null) {
                parts.add("warning: " + p.warning());
            }
            return String.join("; ", parts);
        }

        private static String markdown(
                String name, boolean running, LinkState.Snapshot state, long now, SourceTransactions open) {
            Markdown md = new Markdown().heading(1, "Link " + name);
            if (state.identity().isEmpty()) {
                return md.paragraph("*This link has never run against this target.*")
                        .toString();
            }
            var id = state.identity().get();
            md.paragraph("Source cluster " + Markdown.code(id.sourceClusterId()) + " → target cluster "
                    + Markdown.code(id.targetClusterId()) + ", created " + Markdown.text(id.createdAt()) + ". "
                    + (running
                            ? "**Running** on "
                                    + Markdown.text(state.lease().get().host()) + " (pid "
                                    + state.lease().get().pid() + ")."
                            : "**Not running.**"));
            List<List<String>> rows = new ArrayList<>();
            new java.util.TreeMap<TopicPartition, LinkState.PartitionStatus>(
                    java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)) {
                {
                    putAll(state.partitions());
                }
            }.forEach((TopicPartition tp, LinkState.PartitionStatus p) -> rows.add(List.of(
                    Markdown.code(tp.topic()),
                    String.valueOf(tp.partition()),
                    p.state().word(),
                    String.valueOf(p.sourceEnd()),
                    String.valueOf(p.replicatedTo()),
                    String.valueOf(p.lagRecords()),
                    String.valueOf(p.lagMs()),
                    Markdown.text(why(p)),
                    ((now - p.updatedAtMs()) / 1000) + " s ago")));
            md.table(
                    List.of(
                            "topic",
                            "partition",
                            "state",
                            "source end",
                            "copied up to",
                            "lag (records)",
                            "lag (ms)",
                            "why",
                            "updated"),
                    rows);
            md.heading(2, "Source transactions open on linked partitions");
            if (open.error() != null) {
                md.paragraph("*Unknown: " + Markdown.text(open.error()) + ".*");
            } else if (open.open().isEmpty()) {
                md.paragraph("None: every record written to the linked partitions so far is committed or aborted.");
            } else {
                Instant at = Instant.ofEpochMilli(now);
                md.paragraph("Their records are copied only once they commit: at cutover they are neither on the"
                        + " target nor final on the source. Let them finish (or their producers time them out) first.");
                md.table(
                        List.of("transactional id", "open since", "for", "partitions"),
                        open.open().stream()
                                .map(o -> List.of(
                                        Markdown.code(o.transactionalId()),
                                        o.startedAt().map(Object::toString).orElse("?"),
                                        o.age(at).map(d -> d.toSeconds() + " s").orElse("?"),
                                        String.join(
                                                ", ",
                                                o.partitions().stream()
                                                        .map(tp -> Markdown.code(tp.toString()))
                                                        .toList())))
                                .toList());
            }
            return md.toString();
        }
    }
}
