package dev.cutover.readiness.report;

import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.inventory.report.ReportFormat;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Renders the readiness report in every format and writes {@code reports/readiness.{json,md,html}}, each atomically. */
public final class ReadinessFiles {
    public static final String NAME = "readiness";

    private ReadinessFiles() {}

    public static ReportFiles.Rendered render(ReadinessReport report) {
        String markdown = ReadinessMarkdown.render(report);
        Map<ReportFormat, String> content = new EnumMap<>(ReportFormat.class);
        content.put(ReportFormat.JSON, ReportFiles.json(report));
        content.put(ReportFormat.MD, markdown);
        content.put(ReportFormat.HTML, ReadinessHtml.render(ReadinessMarkdown.title(report), markdown));
        return new ReportFiles.Rendered(content);
    }

    public static Map<ReportFormat, Path> write(Path reportsDir, ReportFiles.Rendered rendered) {
        return ReportFiles.write(reportsDir, NAME, rendered);
    }
}
