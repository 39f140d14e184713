package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Workspace;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.sync.TopicSelection;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.probe.content.ContentComparison;
import dev.cutover.probe.content.ContentReport;
import dev.cutover.probe.content.TopicContent;
import dev.cutover.readiness.plan.CutoverPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dual-write wave ({@code pattern: dual-write} in {@code plan.yaml}): its producers write every record to both
 * clusters, and no link copies their topics. Before anything moves, the two sides are compared by content over the
 * configured window ({@link ContentComparison}): the wave runs only when no record diverges. Then its readers move (their
 * positions placed on the target by content, {@link ContentPositions}), and then its producers' writes to the source are
 * retired: stopped, their topics turned around at both sides' ends, and started on the target alone.
 */
final class DualWrite {
    private DualWrite() {}

    static boolean is(WaveContext wave) {
        return wave.pattern() == CutoverPattern.DUAL_WRITE;
    }

    /** The topics the wave's producers write to both clusters. */
    static Set<String> topics(List<WorkloadMove> moves) {
        Set<String> topics = new TreeSet<>();
        moves.stream().filter(m -> m.kind() == WorkloadMove.Kind.PRODUCER).forEach(m -> topics.addAll(m.written()));
        return topics;
    }

    /**
     * Refuses, before anything changes, a dual-write wave without a producer, or whose topics the link copies (the
     * link would write each record a second time on the target).
     */
    static void check(Workspace workspace, String wave, String link, List<WorkloadMove> moves) {
        Set<String> topics = topics(moves);
        if (topics.isEmpty()) {
            throw new CutoverException(
                    Reason.USAGE,
                    "wave " + wave + " is dual-write but none of its workloads is a producer with topics: in"
                            + " workloads.yaml: nothing says which topics are written to both clusters",
                    "put the workloads that write to both clusters in the wave (with their topics:), or change its"
                            + " pattern in plan.yaml");
        }
        List<String> copied =
                topics.stream().filter(linkCopies(workspace, link)).toList();
        if (!copied.isEmpty()) {
            throw new CutoverException(
                    Reason.USAGE,
                    "wave " + wave + " is dual-write, but link '" + link + "' copies " + copied + ": its producers"
                            + " write them to both clusters, and the link would write each record a second time on"
                            + " the target",
                    "exclude them from the link in cutover.yaml (links: " + link + ": exclude: '"
                            + String.join("|", copied) + "'), restart it, and run the wave again");
        }
    }

    /** Whether the link, as cutover.yaml configures it, copies a topic. */
    static java.util.function.Predicate<String> linkCopies(Workspace workspace, String link) {
        LinkSettings settings = LinkSettings.of(workspace.config().resolveLink(Optional.of(link)));
        return new TopicSelection(settings.include(), settings.exclude(), settings.alsoInclude())::selects;
    }

    /** The moves in the order a dual-write wave runs them: its readers first (while both clusters get every record). */
    static List<WorkloadMove> ordered(List<WorkloadMove> moves) {
        List<WorkloadMove> out = new ArrayList<>();
        moves.stream().filter(m -> m.kind() != WorkloadMove.Kind.PRODUCER).forEach(out::add);
        moves.stream().filter(m -> m.kind() == WorkloadMove.Kind.PRODUCER).forEach(out::add);
        return out;
    }

    /** The wave's gate on the dual writes: no record diverging between the clusters over the window. */
    static Done compare(WaveContext wave, Set<String> topics) throws InterruptedException {
        ContentReport report;
        try (ContentComparison comparison =
                new ContentComparison(wave.clusters().source(), wave.clusters().target())) {
            report = comparison.compare(
                    new ArrayList<>(topics),
                    Instant.now(),
                    wave.options().dualWriteWindow(),
                    wave.options().dualWriteSettle(),
                    line -> wave.progress().accept("[" + wave.name() + "] " + line));
        }
        List<String> lines = new ArrayList<>();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("from", report.from().toString());
        figures.put("to", report.to().toString());
        for (TopicContent t : report.topics()) {
            figures.put("compared." + t.topic(), t.sourceRecords() + " source, " + t.targetRecords() + " target");
            figures.put("matched." + t.topic(), Long.toString(t.matched()));
            figures.put("onlySource." + t.topic(), Long.toString(t.onlySource()));
            figures.put("onlyTarget." + t.topic(), Long.toString(t.onlyTarget()));
            figures.put("differing." + t.topic(), Long.toString(t.differing()));
            figures.put("compactedAway." + t.topic(), Long.toString(t.compactedAway()));
            lines.add(t.topic() + ": " + t.sourceRecords() + " on the source, " + t.targetRecords() + " on the target, "
                    + t.onlySource() + " only on the source, " + t.onlyTarget() + " only on the target, "
                    + t.differing() + " differing"
                    + (t.examples().isEmpty() ? "" : " (" + String.join("; ", t.examples()) + ")"));
        }
        if (!report.passed()) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "the dual writes do not agree: " + report.summary() + " — " + String.join("; ", lines),
                    report.divergent() > 0
                            ? "find why the application's writes differ (a failed write to one side, a retry that"
                                    + " wrote twice), fix it, let a clean window pass, then `cutover wave resume`"
                            : "let the application write to both clusters for a while (or pass a wider"
                                    + " --dual-write-window), then `cutover wave resume`");
        }
        return Done.of("dual writes agree: " + report.summary(), figures);
    }
}
