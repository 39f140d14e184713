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

    /**
     * The renderings of one report. The JSON of a report given as a model ({@link #render}) is not held as text: it is
     * streamed into its file, since it keeps everything (an inventory of 100,000 scanned configs is ~90 MB of JSON).
     */
    public record Rendered(Map<ReportFormat, String> content, Object model) {
        public Rendered(Map<ReportFormat, String> content) {
            this(content, null);
        }

        /** One rendering as text; for a model's JSON, prefer reading the written file. */
        public String get(ReportFormat format) {
            String text = content.get(format);
            return text != null || format != ReportFormat.JSON || model == null ? text : json(model);
        }
    }

    public static Rendered render(String title, Object model, String markdown) {
        Map<ReportFormat, String> content = new EnumMap<>(ReportFormat.class);
        content.put(ReportFormat.MD, markdown);
        content.put(ReportFormat.HTML, HtmlPage.render(title, markdown));
        return new Rendered(content, model);
    }

    /** Writes every rendering; returns the path of each. */
    public static Map<ReportFormat, Path> write(Path reportsDir, String name, Rendered rendered) {
        Map<ReportFormat, Path> written = new EnumMap<>(ReportFormat.class);
        if (rendered.model() != null && !rendered.content().containsKey(ReportFormat.JSON)) {
            Path file = reportsDir.resolve(name + "." + ReportFormat.JSON.extension());
            AtomicFiles.write(file, out -> {
                JSON.writeValue(out, rendered.model());
                out.write('\n');
            });
            written.put(ReportFormat.JSON, file);
        }
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
