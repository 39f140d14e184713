package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.report.Markdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.probe.content.ContentComparison;
import dev.cutover.probe.content.ContentReport;
import dev.cutover.probe.content.TopicContent;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Provenance;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code cutover verify --by-content}: the topics a workload writes to both clusters (no link copies them), compared by
 * content over a window; rendered, and written as readiness evidence (kind verify, area topics).
 */
final class ContentVerify {
    private ContentVerify() {}

    /** Compares the topics that match on both clusters; a matching topic on one side only is the user's mistake. */
    static ContentReport run(Workspace ws, Pattern topics, Duration window, Duration settle, PrintWriter err)
            throws InterruptedException {
        ContentReport report;
        String targetClusterId;
        try (ClusterConnection source = ClusterConnection.open(ws.profile("source"));
                ClusterConnection target = ClusterConnection.open(ws.profile("target"))) {
            Set<String> onSource = names(source, topics);
            Set<String> onTarget = names(target, topics);
            if (onSource.isEmpty() && onTarget.isEmpty()) {
                throw new CutoverException(
                        Reason.USAGE,
                        "no topic matches --topics '" + topics.pattern() + "' on either cluster",
                        "name the topics the workload writes to both clusters, e.g. --topics 'orders|payments'");
            }
            Set<String> oneSide = new TreeSet<>(onSource);
            oneSide.addAll(onTarget);
            oneSide.removeIf(t -> onSource.contains(t) && onTarget.contains(t));
            if (!oneSide.isEmpty()) {
                throw new CutoverException(
                        Reason.USAGE,
                        "topic(s) " + oneSide + " match --topics '" + topics.pattern() + "' on one cluster only: a"
                                + " topic written to both clusters exists on both",
                        "narrow --topics to the dual-written topics, or create them on the other cluster");
            }
            try (ContentComparison comparison = new ContentComparison(source, target)) {
                report = comparison.compare(new ArrayList<>(onSource), Instant.now(), window, settle, line -> {
                    err.println(line);
                    err.flush();
                });
            }
            targetClusterId = target.clusterId();
        }
        evidence(ws, targetClusterId, report, err);
        return report;
    }

    private static Set<String> names(ClusterConnection cluster, Pattern topics) {
        Set<String> out = new TreeSet<>();
        cluster.await(cluster.admin().listTopics().names(), "list the topics").stream()
                .filter(t -> !t.startsWith("__"))
                .filter(t -> topics.matcher(t).matches())
                .forEach(out::add);
        return out;
    }

    static String markdown(ContentReport report) {
        Markdown md = new Markdown().heading(1, "Verify by content: source vs target (dual writes)");
        md.paragraph(
                "Result: **" + (report.passed() ? "no difference" : report.divergent() > 0 ? "DIFFERENCES" : "unknown")
                        + "**. " + Markdown.text(report.summary()) + ".");
        md.paragraph("Records stamped from " + report.from() + " to " + report.to() + " on either side need a record"
                + " with the same key, value and headers on the other (looked for up to "
                + report.margin().toSeconds()
                + " s beyond the window's edges); offsets and partitions are not compared.");
        List<List<String>> rows = new ArrayList<>();
        for (TopicContent t : report.topics()) {
            rows.add(List.of(
                    Markdown.code(t.topic()),
                    Long.toString(t.sourceRecords()),
                    Long.toString(t.targetRecords()),
                    Long.toString(t.matched()),
                    Long.toString(t.onlySource()),
                    Long.toString(t.onlyTarget()),
                    Long.toString(t.differing()),
                    Long.toString(t.compactedAway())));
        }
        md.table(
                List.of(
                        "topic",
                        "source",
                        "target",
                        "matched",
                        "only on source",
                        "only on target",
                        "differing",
                        "compacted away"),
                rows);
        List<String> examples = new ArrayList<>();
        report.topics().forEach(t -> t.examples()
                .forEach(e -> examples.add(Markdown.code(t.topic()) + ": " + Markdown.text(e))));
        if (!examples.isEmpty()) {
            md.paragraph("First differences (partition/offset @ time):");
            md.bullets(examples);
        }
        return md.toString();
    }

    static String json(ContentReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", "by-content");
        out.put("passed", report.passed());
        out.put("summary", report.summary());
        out.put("from", report.from().toString());
        out.put("to", report.to().toString());
        out.put("marginSeconds", report.margin().toSeconds());
        out.put("topics", report.topics());
        return ReportFiles.json(out);
    }

    private static void evidence(Workspace ws, String targetClusterId, ContentReport report, PrintWriter err) {
        Provenance provenance = Provenance.here("cutover verify --by-content", Clock.systemUTC());
        List<String> written = new ArrayList<>();
        for (TopicContent t : report.topics()) {
            try {
                Map<String, String> d = new LinkedHashMap<>();
                d.put("topic", t.topic());
                d.put("mode", "by content (dual writes)");
                d.put("window", report.from() + " to " + report.to());
                d.put("sourceRecords", Long.toString(t.sourceRecords()));
                d.put("targetRecords", Long.toString(t.targetRecords()));
                d.put("onlySource", Long.toString(t.onlySource()));
                d.put("onlyTarget", Long.toString(t.onlyTarget()));
                d.put("differing", Long.toString(t.differing()));
                d.put("compactedAway", Long.toString(t.compactedAway()));
                if (!t.examples().isEmpty()) {
                    d.put("firstDifference", t.examples().get(0));
                }
                boolean pass = t.compared() && t.divergent() == 0;
                for (String workload : VerifyEvidence.workloadsOf(ws, t.topic())) {
                    written.add(EvidenceStore.write(
                            ws.dir(),
                            provenance.evidence(
                                    Evidence.VERIFY,
                                    workload,
                                    Area.TOPICS,
                                    null,
                                    targetClusterId,
                                    pass ? Evidence.Result.PASS : Evidence.Result.FAIL,
                                    d,
                                    null,
                                    null)));
                }
            } catch (RuntimeException e) {
                err.println("warning: could not write evidence for topic " + t.topic() + ": " + e.getMessage());
            }
        }
        if (!written.isEmpty()) {
            err.println("evidence: " + String.join(", ", written));
        }
        err.flush();
    }
}
