package dev.cutover.cli;

import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.probe.verify.Counts;
import dev.cutover.probe.verify.Mismatch;
import dev.cutover.probe.verify.VerifyReport;
import dev.cutover.probe.verify.VerifyReport.TopicResult;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Provenance;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what {@code cutover verify} proved as readiness evidence: one record per verified topic (kind {@value
 * Evidence#VERIFY}, area topics), for every workload whose {@code topics} list the topic, else under the topic's own
 * name. A topic passes when records were compared and none differs. Evidence is a by-product: failing to write it is a
 * warning and does not change the command's result.
 */
final class VerifyEvidence {
    private VerifyEvidence() {}

    /** Writes the report's evidence; returns the paths written (relative to the workspace). */
    static List<String> write(Workspace ws, String targetClusterId, VerifyReport report, PrintWriter err) {
        List<String> written = new ArrayList<>();
        Provenance provenance = Provenance.here("cutover verify", Clock.systemUTC());
        for (TopicResult topic : report.topics()) {
            try {
                Map<String, String> details = details(report, topic);
                for (String workload : workloadsOf(ws, topic.topic())) {
                    written.add(EvidenceStore.write(
                            ws.dir(),
                            provenance.evidence(
                                    Evidence.VERIFY,
                                    workload,
                                    Area.TOPICS,
                                    null,
                                    targetClusterId,
                                    topic.passed() ? Evidence.Result.PASS : Evidence.Result.FAIL,
                                    details,
                                    null,
                                    null)));
                }
            } catch (RuntimeException e) {
                err.println("warning: could not write evidence for topic " + topic.topic() + ": " + e.getMessage());
            }
        }
        if (!written.isEmpty()) {
            err.println("evidence: " + String.join(", ", written));
        }
        err.flush();
        return written;
    }

    /** The workloads whose {@code topics} list the topic, else the topic's own name (evidence is filed under it). */
    static List<String> workloadsOf(Workspace ws, String topic) {
        List<String> names = ws.workloads().workloads().stream()
                .filter(w -> w.topics().contains(topic))
                .map(Workload::name)
                .toList();
        return names.isEmpty() ? List.of(topic) : names;
    }

    private static Map<String, String> details(VerifyReport report, TopicResult topic) {
        Counts c = topic.counts();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("link", report.link());
        d.put("topic", topic.topic());
        d.put("mode", report.sample() == null ? "full" : "sample " + report.sample() + " per partition");
        d.put("proves", report.proves());
        d.put("compared", String.valueOf(c.compared()));
        d.put("differing", String.valueOf(c.differing()));
        d.put("missing", String.valueOf(c.missing()));
        d.put("extra", String.valueOf(c.extra()));
        d.put("compactedAway", String.valueOf(c.compactedAway()));
        d.put("retentionSkipped", String.valueOf(c.retentionSkipped()));
        d.put("committed", topic.committed());
        d.put("timestampsCompared", String.valueOf(topic.timestampsCompared()));
        if (report.fromTime() != null) {
            d.put("fromTime", report.fromTime());
        }
        topic.partitions().stream()
                .filter(p -> p.firstMismatch() != null)
                .findFirst()
                .ifPresent(p -> {
                    Mismatch m = p.firstMismatch();
                    d.put(
                            "firstMismatch",
                            "partition " + p.partition() + ": " + m.kind().text() + " at source " + m.sourceOffset()
                                    + " / target " + m.targetOffset() + ": " + m.detail());
                });
        long skipped =
                topic.partitions().stream().filter(p -> p.skipped() != null).count();
        if (skipped > 0) {
            d.put("partitionsNotVerified", String.valueOf(skipped));
        }
        return d;
    }
}
