package dev.cutover.readiness.report;

import dev.cutover.inventory.report.ReportFiles;
import dev.cutover.inventory.report.ReportFormat;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the readiness report in every format and writes {@code reports/readiness.{json,md,html}} (one wave's:
 * {@code reports/readiness-wave-<wave>.*}), each atomically.
 */
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

    /**
     * Writes a report of one wave beside the whole estate's, as {@code readiness-wave-<wave>.{json,md,html}} (characters
     * other than letters, digits, {@code . _ -} in the name become {@code _}), so that judging one wave never replaces
     * the estate's report; without a wave, as {@link #write(Path, ReportFiles.Rendered)}.
     */
    public static Map<ReportFormat, Path> write(Path reportsDir, Optional<String> wave, ReportFiles.Rendered rendered) {
        return ReportFiles.write(reportsDir, wave.map(ReadinessFiles::waveName).orElse(NAME), rendered);
    }

    static String waveName(String wave) {
        return NAME + "-wave-" + wave.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
