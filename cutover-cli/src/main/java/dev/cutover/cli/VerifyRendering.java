package dev.cutover.cli;

import dev.cutover.inventory.report.Markdown;
import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.probe.verify.Counts;
import dev.cutover.probe.verify.Mismatch;
import dev.cutover.probe.verify.VerifyReport;
import dev.cutover.probe.verify.VerifyReport.PartitionResult;
import dev.cutover.probe.verify.VerifyReport.TopicResult;
import java.util.ArrayList;
import java.util.List;

/** Renders {@code cutover verify}'s {@link VerifyReport} as Markdown, or as its JSON (docs/verify.md). */
final class VerifyRendering {
    private VerifyRendering() {}

    static String json(VerifyReport report) {
        return ReportFiles.json(report);
    }

    static String markdown(VerifyReport report) {
        Markdown md = new Markdown().heading(1, "Verify: source vs target through link " + report.link());
        Counts c = report.summary();
        md.paragraph("Result: **" + report.verdict().text() + "**. " + c.compared() + " record pairs compared, "
                + c.differing() + " differing, " + c.missing() + " missing, " + c.extra() + " extra"
                + (c.compactedAway() > 0
                        ? "; " + c.compactedAway() + " compacted away on one side (not a difference)"
                        : "")
                + (c.retentionSkipped() > 0
                        ? "; " + c.retentionSkipped() + " skipped because retention deleted them while verify read"
                        : "")
                + ".");
        if (report.reason() != null) {
            md.paragraph("Nothing verified: " + Markdown.text(report.reason()) + ".");
        }
        md.paragraph((report.sample() == null ? "Full run: " : "Sample of " + report.sample() + " per partition: ")
                + Markdown.text(report.proves()) + "."
                + (report.fromTime() == null ? "" : " From " + report.fromTime() + " (--from-time)."));
        if (report.topics().isEmpty()) {
            return md.toString();
        }
        md.table(
                List.of("topic", "result", "compared", "differing", "missing", "extra", "compacted", "committed"),
                report.topics().stream().map(VerifyRendering::topicRow).toList());
        List<List<String>> rows = new ArrayList<>();
        for (TopicResult t : report.topics()) {
            for (PartitionResult p : t.partitions()) {
                rows.add(partitionRow(t, p));
            }
        }
        md.heading(2, "Partitions");
        md.table(
                List.of("topic", "partition", "source range", "target range", "from", "compared", "first mismatch"),
                rows);
        List<String> notes = new ArrayList<>();
        for (TopicResult t : report.topics()) {
            if (!t.timestampsCompared()) {
                notes.add(Markdown.code(t.topic()) + ": the target topic stamps LogAppendTime, so timestamps were not"
                        + " compared (the broker sets its own)");
            }
            if (t.compactedSource() || t.compactedTarget()) {
                notes.add(Markdown.code(t.topic()) + ": compacted; a record on one side only is counted as compacted"
                        + " away, not as a difference: verify cannot tell compaction from loss there");
            }
        }
        if (!notes.isEmpty()) {
            md.heading(2, "Notes");
            md.bullets(notes);
        }
        return md.toString();
    }

    private static List<String> topicRow(TopicResult t) {
        Counts c = t.counts();
        String result = c.differences() > 0 ? "differences" : t.passed() ? "no difference" : "nothing verified";
        return List.of(
                Markdown.code(t.topic()),
                result,
                String.valueOf(c.compared()),
                String.valueOf(c.differing()),
                String.valueOf(c.missing()),
                String.valueOf(c.extra()),
                String.valueOf(c.compactedAway()),
                Markdown.text(t.committed()));
    }

    private static List<String> partitionRow(TopicResult t, PartitionResult p) {
        if (p.skipped() != null) {
            return List.of(
                    Markdown.code(t.topic()),
                    String.valueOf(p.partition()),
                    "—",
                    "—",
                    "—",
                    "0",
                    "not verified: " + Markdown.text(p.skipped()));
        }
        Mismatch m = p.firstMismatch();
        String first = m == null
                ? "—"
                : m.kind().text() + " at source " + (m.sourceOffset() == null ? "—" : m.sourceOffset()) + " / target "
                        + (m.targetOffset() == null ? "—" : m.targetOffset()) + ": " + Markdown.text(m.detail());
        return List.of(
                Markdown.code(t.topic()),
                String.valueOf(p.partition()),
                "[" + p.sourceFrom() + ", " + p.sourceTo() + ") of committed " + p.committedTo() + ", end "
                        + p.sourceEnd(),
                "[" + p.targetFrom() + ", " + p.targetTo() + ")",
                Markdown.text(p.from()),
                String.valueOf(p.counts().compared()),
                first);
    }
}
