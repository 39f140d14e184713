package dev.cutover.readiness.report;

import dev.cutover.inventory.report.HtmlPage;

/**
 * The readiness report as a standalone HTML page, rendered from its Markdown by commonmark with raw HTML escaped (so
 * nothing from a cluster or a file can inject markup). The frame's print CSS starts a new page at each thematic break,
 * which the Markdown puts between waves: one page per wave.
 */
public final class ReadinessHtml {
    private static final String FRAME = HtmlPage.frame(ReadinessHtml.class, "page.html");

    private ReadinessHtml() {}

    public static String render(String title, String markdown) {
        return HtmlPage.render(title, markdown, FRAME);
    }
}
