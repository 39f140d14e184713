package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.report.Markdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.inventory.report.ReportFormat;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.engine.StartFrom;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
                "reason; `cutover link status` shows it. One instance runs a link at a time."
            })
    static final class Start implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--workspace", required = true, description = "Workspace with 'source' and 'target' profiles.")
        Path workspace;

        @Option(
                names = "--name",
                defaultValue = LinkTopics.DEFAULT_LINK,
                description = "Link name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--topics", defaultValue = ".*", description = "Source topics to copy, a regex (default: all).")
        String topics;

        @Option(
                names = "--exclude",
                description = "Source topics not to copy, a regex. Internal and tool topics are never copied.")
        String exclude;

        @Option(
                names = "--from",
                defaultValue = "earliest",
                description = "Where partitions without progress start: earliest, latest, or a time (ISO-8601 or"
                        + " epoch ms). Default: ${DEFAULT-VALUE}.")
        String from;

        @Option(names = "--max-bytes-per-second", description = "Throttle on copied bytes.")
        Long maxBytesPerSecond;

        @Option(
                names = "--lease",
                defaultValue = "30s",
                description = "How long a crashed or paused instance keeps its claim; a new one waits this long"
                        + " (default: ${DEFAULT-VALUE}).")
        String lease;

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
            LinkRunner runner = new LinkRunner(source, target, settings, err);
            runner.onEnd(foreground::release);
            Thread thread = new Thread(runner, "cutover-link");
            thread.start();
            foreground.awaitStopRequest();
            int status = 0;
            if (!runner.ended()) {
                err.println("stopping: finishing the current transaction...");
                err.flush();
                runner.stop();
                try {
                    thread.join(Duration.ofSeconds(50).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (runner.failure().isPresent()) {
                status = report(runner.failure().get()).apply(err);
            } else {
                err.println("stopped after copying " + runner.copied() + " record(s) in this run");
                err.flush();
            }
            foreground.finished(status);
            return status;
        }

        private LinkSettings settings(Workspace ws) {
            Duration leaseDuration = dev.cutover.config.Durations.parse(lease)
                    .orElseThrow(() -> new CutoverException(
                            dev.cutover.api.Reason.USAGE,
                            "--lease takes a duration such as 10s or 2m; got '" + lease + "'",
                            null));
            StartFrom start;
            try {
                start = StartFrom.parse(from);
            } catch (IllegalArgumentException e) {
                throw new CutoverException(dev.cutover.api.Reason.USAGE, e.getMessage(), null);
            }
            LinkSettings s = LinkSettings.defaults(name)
                    .include(topics)
                    .from(start)
                    .lease(leaseDuration, Duration.ofMillis(Math.max(200, leaseDuration.toMillis() / 5)));
            if (exclude != null) {
                s = s.exclude(exclude);
            }
            if (maxBytesPerSecond != null) {
                s = s.maxBytesPerSecond(maxBytesPerSecond);
            }
            s = s.security(!noSecuritySync, principalMap);
            return s;
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
                defaultValue = LinkTopics.DEFAULT_LINK,
                description = "Link name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--output", defaultValue = "md", description = "md or json (default: ${DEFAULT-VALUE}).")
        ReportFormat output;

        @Override
        public Integer call() {
            Workspace ws = Workspace.load(workspace);
            Map<String, Object> target = ws.profile("target").clientProperties();
            LinkTopics topics = LinkTopics.named(name);
            LinkState.Snapshot state =
                    LinkState.read(target, topics, ws.profile("target").timeout());
            long now = System.currentTimeMillis();
            boolean running = state.lease().map(l -> l.freshAt(now)).orElse(false);
            boolean anyError = state.partitions().values().stream().anyMatch(p -> "error".equals(p.state()));
            PrintWriter out = spec.commandLine().getOut();
            if (output == ReportFormat.JSON) {
                out.print(ReportFiles.json(StatusView.of(name, running, state)));
            } else {
                out.print(markdown(name, running, state, now));
            }
            out.flush();
            return anyError ? 1 : 0;
        }

        /**
         * The JSON of {@code link status} (version 1): the link's identity and lease (null if never written), and one
         * entry per partition, ordered by topic and partition, as stored by the link ({@link LinkState.PartitionStatus}).
         */
        record StatusView(
                int version,
                String link,
                boolean running,
                LinkState.Identity identity,
                LinkState.Lease lease,
                List<LinkState.PartitionStatus> partitions) {
            static StatusView of(String link, boolean running, LinkState.Snapshot state) {
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
                        partitions);
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

        private static String markdown(String name, boolean running, LinkState.Snapshot state, long now) {
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
                    p.state(),
                    String.valueOf(p.sourceEnd()),
                    String.valueOf(p.replicatedTo()),
                    String.valueOf(p.lagRecords()),
                    String.valueOf(p.lagMs()),
                    Markdown.text(why(p)),
                    ((now - p.updatedAtMs()) / 1000) + " s ago")));
            return md.table(
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
                            rows)
                    .toString();
        }
    }
}
