package dev.cutover.inventory.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns a Markdown report into a standalone HTML page that prints on A4/Letter. The body is rendered by commonmark
 * with raw HTML escaped, so nothing in the report can inject markup; the page frame and print CSS are a resource.
 */
public final class HtmlPage {
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();
    private static final String FRAME = frame(HtmlPage.class, "page.html");

    private HtmlPage() {}

    public static String render(String title, String markdown) {
        return render(title, markdown, FRAME);
    }

    /**
     * As {@link #render(String, String)}, in another page frame: an HTML text with {@code {{title}}} and {@code
     * {{body}}} placeholders (see {@link #frame}).
     */
    public static String render(String title, String markdown, String frame) {
        String body = RENDERER.render(PARSER.parse(markdown));
        // The title is plain text: escape it the same way the renderer escapes body text.
        String safeTitle = RENDERER.render(PARSER.parse(Markdown.text(title)))
                .replaceAll("</?p>\\s*", "")
                .strip();
        return frame.replace("{{title}}", safeTitle).replace("{{body}}", body);
    }

    /** A page frame kept as a resource next to {@code anchor}. */
    public static String frame(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
