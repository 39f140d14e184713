package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Progress;
import dev.cutover.api.Reason;
import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.Workspace;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.probe.verify.TopicConfigs;
import dev.cutover.probe.verify.Verifier;
import dev.cutover.probe.verify.VerifyReport;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Proves that the target holds exactly what the link copied: source and target compared record by",
            "record, through the link's offset map. Reads only; writes nothing to either cluster.",
            "",
            "Per linked partition, over the range the link has COMMITTED (its stored offset map's coverage;",
            "a link still copying is verified up to there, and the report says how far that is): both sides",
            "are read with read_committed, in parallel, and each source record is paired with the target",
            "record the map says is its copy. Compared: key, value, every header in order (duplicates and",
            "null values included), and the timestamp (not on a target topic that stamps LogAppendTime: its",
            "broker sets its own time). Counted: missing (a source record without its copy), extra (a target",
            "record the map does not account for), differing; the first mismatch per partition is shown with",
            "both offsets.",
            "",
            "Never a difference: aborted transactions and markers (never copied; the map has gaps there),",
            "records compacted away on one side of a compacted topic (counted as compacted), a source head",
            "deleted after the link started (verified from the source's log start, and said so), retention",
            "moving a log start while verify reads (counted as skipped), a link restarted any number of times.",
            "",
            "--sample N compares N random records per partition instead of all: no difference among n",
            "samples proves, at 95% confidence, that fewer than 3/n of the records differ or are missing",
            "(the rule of three); extra target records are only found by a full run.",
            "",
            "Writes one evidence record per topic to WORKSPACE/evidence/ (kind verify, area topics): pass when",
            "records were compared and none differs. Needs READ and DESCRIBE on the source topics, READ on the",
            "target topics and the link's internal topics, DESCRIBE_CONFIGS on both sides' topics.",
            "",
            "--by-content compares topics that a workload writes to BOTH clusters (a dual write; no link",
            "copies them, so no offset map pairs their records): the records stamped within --window, ending",
            "--settle before now, on either side must be on the other with the same key, value and headers",
            "(looked for up to --settle beyond the window's edges; offsets and partitions differ by nature).",
            "Counted per topic: only on the source, only on the target, differing (the same key with other",
            "content). A window without records proves nothing: the result is then unknown (exit 1). Needs",
            "READ and DESCRIBE on the topics on both sides. A dual-write wave runs this comparison first."
        },
        footer = {
            "",
            "Exit codes: 0 no difference, 1 a difference (or nothing could be verified: the reason is shown),",
            "            2 usage or config error, 3 cluster unreachable or denied."
        })
final class VerifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Mixin
    Options.LinkName link;

    @Option(
            names = "--topics",
            paramLabel = "REGEX",
            defaultValue = ".*",
            description = "Linked topics to verify, a regular expression over the whole name (default: all).")
    String topics;

    @Option(
            names = "--from-time",
            paramLabel = "T",
            description = "Verify only records from this time on (ISO-8601, e.g. 2026-12-01T00:00:00Z): from each"
                    + " partition's first source offset at or after it.")
    String fromTime;

    @Option(
            names = "--sample",
            paramLabel = "N",
            description = "Compare N random records per partition instead of every record (see above).")
    Integer sample;

    @Option(
            names = "--by-content",
            description = "Compare dual-written topics by content, without the link's map (see above).")
    boolean byContent;

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = OffsetsCommand.DurationConverter.class,
            description = "With --by-content: how long a window of records is compared (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(
            names = "--settle",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = OffsetsCommand.DurationConverter.class,
            description = "With --by-content: how far apart in time the two writes of one record may be; the window"
                    + " ends that long before now (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Mixin
    Options.MdOrJson output;

    @Mixin
    Options.Progressing progressing;

    @Override
    public Integer call() throws InterruptedException {
        Pattern pattern = Regexes.compile("--topics", topics, "--topics 'orders|payments' or --topics 'orders\\..*'");
        Optional<Instant> from = fromTime == null ? Optional.empty() : Optional.of(instant(fromTime));
        if (sample != null && sample < 1) {
            throw new CutoverException(
                    Reason.USAGE, "--sample must be at least 1, not " + sample, "e.g. --sample 1000");
        }
        if (byContent) {
            if (from.isPresent() || sample != null) {
                throw new CutoverException(
                        Reason.USAGE,
                        "--by-content compares a time window (--window, --settle); --from-time and --sample are for"
                                + " linked topics",
                        "drop --from-time and --sample, or --by-content");
            }
            Workspace ws = workspace.load();
            var report = ContentVerify.run(
                    ws, pattern, window, settle, spec.commandLine().getErr());
            var out = spec.commandLine().getOut();
            out.print(output.format == OutputFormat.JSON ? ContentVerify.json(report) : ContentVerify.markdown(report));
            out.flush();
            return report.passed() ? 0 : 1;
        }
        Workspace ws = workspace.load();
        LinkTopics linkTopics = LinkTopics.named(link.resolve(ws).name());
        VerifyReport report;
        try (ProgressOutput progress = progressing.open()) {
            report = verify(
                    ws,
                    linkTopics,
                    pattern,
                    from,
                    sample == null ? OptionalInt.empty() : OptionalInt.of(sample),
                    spec.commandLine().getErr(),
                    progress.progress());
        }
        var out = spec.commandLine().getOut();
        out.print(output.format == OutputFormat.JSON ? VerifyRendering.json(report) : VerifyRendering.markdown(report));
        out.flush();
        if (report.reason() != null) {
            spec.commandLine().getErr().println("nothing verified: " + report.reason());
            spec.commandLine().getErr().flush();
        }
        return report.exitCode();
    }

    /**
     * The schema ids the link rewrites (source id → target id, from the id map of {@code schemas sync}) when it runs
     * with {@code schemaIds: rewrite}; else none, and a copy must hold the source's bytes exactly.
     */
    static java.util.Map<Integer, Integer> schemaIdRewrites(Workspace ws, String link) {
        dev.cutover.config.LinkConfig config;
        try {
            config = ws.config().resolveLink(Optional.of(link));
        } catch (dev.cutover.api.CutoverException e) {
            // a link cutover.yaml does not name: its copies are compared byte for byte (a rewrite shows as a
            // difference)
            return java.util.Map.of();
        }
        return dev.cutover.link.schemas.SchemaIdPolicy.of(config, ws.profile("source"), ws.profile("target"), ws.dir())
                .filter(p -> p.mode() == dev.cutover.config.SchemaIds.REWRITE)
                .flatMap(p -> dev.cutover.schemas.IdMap.load(ws.dir(), p.sourceProfile(), p.targetProfile()))
                .map(dev.cutover.schemas.IdMap::changed)
                .orElse(java.util.Map.of());
    }

    /**
     * Verifies the link's topics that match and records the evidence (also the demo's verify step).
     *
     * @throws InterruptedException if interrupted while reading
     */
    static VerifyReport verify(
            Workspace ws,
            LinkTopics linkTopics,
            Pattern pattern,
            Optional<Instant> from,
            OptionalInt sample,
            java.io.PrintWriter err,
            Progress progress)
            throws InterruptedException {
        VerifyReport report;
        String targetClusterId;
        try (ClusterConnection source = ClusterConnection.open(ws.profile("source"));
                ClusterConnection target = ClusterConnection.open(ws.profile("target"))) {
            Duration timeout = max(source.profile().timeout(), target.profile().timeout());
            Verifier verifier = new Verifier(
                    source.profile().clientProperties(),
                    target.profile().clientProperties(),
                    TopicConfigs.of(source.admin(), target.admin(), timeout),
                    schemaIdRewrites(ws, linkTopics.link()));
            try {
                report = verifier.verify(linkTopics, new Verifier.Request(pattern, from, sample, timeout), progress);
            } catch (org.apache.kafka.common.KafkaException e) {
                // A read of either side (the message names the partition); the target's profile is named because
                // the offset maps, read first, live there.
                throw ClusterConnection.failure(target.profile(), e, "read the linked topics (source and target)");
            }
            targetClusterId = target.clusterId();
        }
        VerifyEvidence.write(ws, targetClusterId, report, err);
        return report;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CutoverException(
                    Reason.USAGE,
                    "--from-time '" + text + "' is not an ISO-8601 UTC time",
                    "e.g. --from-time 2026-12-01T00:00:00Z");
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
