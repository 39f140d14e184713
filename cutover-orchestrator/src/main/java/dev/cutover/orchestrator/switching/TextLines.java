package dev.cutover.orchestrator.switching;

import java.util.ArrayList;
import java.util.List;

/**
 * A file's text as physical lines, each with its own terminator ({@code \n}, {@code \r\n}, {@code \r}, or none for
 * a last line without one), so that joining them gives back the text exactly. The rewriters change or drop only the
 * lines of the keys they manage and insert new ones; every other line is the same object, byte for byte.
 */
final class TextLines {
    /** One physical line: its text without the terminator, and the terminator. */
    record Line(String text, String end) {
        String whole() {
            return text + end;
        }
    }

    private TextLines() {}

    static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                lines.add(new Line(text.substring(start, i), text.substring(i, end)));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(new Line(text.substring(start), ""));
        }
        return lines;
    }

    static String join(List<Line> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line.whole()));
        return out.toString();
    }

    /**
     * The rewritten lines as text. When the original's last line had no terminator and the rewritten file ends with a
     * line cutover wrote (added or changed), that line goes without one too; a line of the original that became the
     * last (because the one after it was removed) keeps its terminator, like every untouched line.
     */
    static String join(List<Line> original, List<Line> rewritten) {
        if (!original.isEmpty() && original.get(original.size() - 1).end().isEmpty() && !rewritten.isEmpty()) {
            Line last = rewritten.get(rewritten.size() - 1);
            boolean untouched = original.stream().anyMatch(line -> line == last);
            if (!untouched && !last.end().isEmpty()) {
                rewritten = new ArrayList<>(rewritten);
                rewritten.set(rewritten.size() - 1, new Line(last.text(), ""));
            }
        }
        return join(rewritten);
    }

    /** The file's first line terminator, for lines cutover adds; {@code \n} when it has none. */
    static String newline(List<Line> lines) {
        return lines.stream()
                .map(Line::end)
                .filter(e -> !e.isEmpty())
                .findFirst()
                .orElse("\n");
    }

    /**
     * Inserts {@code added} (texts without terminators) after index {@code after} (-1: at the start). When they go after
     * a last line without a terminator, that line gets one and the last added line goes without, as the file was.
     */
    static void insert(List<Line> lines, int after, List<String> added) {
        if (added.isEmpty()) {
            return;
        }
        String nl = newline(lines);
        boolean atUnterminatedEnd = after >= 0
                && after == lines.size() - 1
                && lines.get(after).end().isEmpty();
        List<Line> inserted = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) {
            boolean last = i == added.size() - 1;
            inserted.add(new Line(added.get(i), atUnterminatedEnd && last ? "" : nl));
        }
        if (atUnterminatedEnd) {
            lines.set(after, new Line(lines.get(after).text(), nl));
        }
        lines.addAll(after + 1, inserted);
    }
}
