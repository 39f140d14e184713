package dev.cutover.readiness.report;

import dev.cutover.inventory.report.Markdown;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The readiness report as a standalone HTML page, rendered from its Markdown by commonmark with raw HTML escaped (so
 * nothing from a cluster or a file can inject markup). The frame's print CSS starts a new page at each thematic break,
 * which the Markdown puts between waves: one page per wave.
 */
public final class ReadinessHtml {
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();
    private static final String FRAME = load("page.html");

    private ReadinessHtml() {}

    public static String render(String title, String markdown) {
        String body = RENDERER.render(PARSER.parse(markdown));
        String safeTitle = RENDERER.render(PARSER.parse(Markdown.text(title)))
                .replaceAll("</?p>\\s*", "")
                .strip();
        return FRAME.replace("{{title}}", safeTitle).replace("{{body}}", body);
    }

    private static String load(String name) {
        try (InputStream in = ReadinessHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
