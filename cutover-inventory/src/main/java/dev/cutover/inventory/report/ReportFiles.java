package dev.cutover.inventory.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.config.AtomicFiles;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes a report as {@code NAME.json}, {@code NAME.md} and {@code NAME.html} in a reports directory. Each file is
 * written atomically (a reader sees the old or the new file, never half of one).
 */
public final class ReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ReportFiles() {}

    /** The three renderings of one report. */
    public record Rendered(Map<ReportFormat, String> content) {
        public String get(ReportFormat format) {
            return content.get(format);
        }
    }

    public static Rendered render(String title, Object model, String markdown) {
        Map<ReportFormat, String> content = new EnumMap<>(ReportFormat.class);
        content.put(ReportFormat.JSON, json(model));
        content.put(ReportFormat.MD, markdown);
        content.put(ReportFormat.HTML, HtmlPage.render(title, markdown));
        return new Rendered(content);
    }

    /** Writes every rendering; returns the path of each. */
    public static Map<ReportFormat, Path> write(Path reportsDir, String name, Rendered rendered) {
        Map<ReportFormat, Path> written = new EnumMap<>(ReportFormat.class);
        rendered.content().forEach((format, text) -> {
            Path file = reportsDir.resolve(name + "." + format.extension());
            AtomicFiles.write(file, text);
            written.put(format, file);
        });
        return written;
    }

    public static String json(Object model) {
        try {
            return JSON.writeValueAsString(model) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + model.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
