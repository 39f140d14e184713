package dev.cutover.inventory.report;

import java.util.List;

/**
 * Builds a Markdown document. Every piece of text that comes from a cluster or a file goes through {@link #text}, so
 * that names containing Markdown or HTML syntax cannot change the document's structure.
 */
public final class Markdown {
    private final StringBuilder out = new StringBuilder();

    public Markdown heading(int level, String title) {
        blankLine();
        out.append("#".repeat(level)).append(' ').append(text(title)).append("\n\n");
        return this;
    }

    public Markdown paragraph(String markdown) {
        blankLine();
        out.append(markdown).append("\n\n");
        return this;
    }

    public Markdown bullets(List<String> items) {
        blankLine();
        for (String item : items) {
            out.append("- ").append(item).append('\n');
        }
        out.append('\n');
        return this;
    }

    /** A table; cells are Markdown (wrap untrusted text in {@link #text} or {@link #code}). */
    public Markdown table(List<String> headers, List<List<String>> rows) {
        blankLine();
        if (rows.isEmpty()) {
            out.append("*(none)*\n\n");
            return this;
        }
        row(headers);
        out.append('|');
        headers.forEach(h -> out.append(" --- |"));
        out.append('\n');
        rows.forEach(this::row);
        out.append('\n');
        return this;
    }

    private void row(List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ')
                    .append(cell == null || cell.isEmpty() ? " " : cell.replace("\n", " "))
                    .append(" |");
        }
        out.append('\n');
    }

    private void blankLine() {
        int n = out.length();
        if (n > 0 && !(n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
            out.append(out.charAt(n - 1) == '\n' ? "\n" : "\n\n");
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Escapes text so it renders literally inline (in paragraphs, table cells and after a heading's marker): emphasis,
     * code, links, HTML and cell separators. Characters that only mean something at the start of a line are left
     * alone, since this text is never placed there.
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : value.toString().toCharArray()) {
            if ("\\`*_[]<>|".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return b.toString();
    }

    /** Inline code; backticks in the value are replaced so the span cannot be broken out of. */
    public static String code(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString().replace('`', '\'').replace('|', '¦').replace('\n', ' ');
        return "`" + s + "`";
    }
}
