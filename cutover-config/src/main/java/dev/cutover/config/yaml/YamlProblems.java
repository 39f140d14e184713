package dev.cutover.config.yaml;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SnakeYAML's problem texts without the file's content in them. SnakeYAML quotes what it found: an alias, anchor or tag
 * name, a character, an escape, a version; a value planted as {@code *CANARY} would reach errors and reports. Only
 * the part of the text that describes the problem is kept.
 */
final class YamlProblems {
    /** Where content follows in SnakeYAML's texts; everything from the marker on is dropped. */
    private static final List<String> CONTENT_MARKERS = List.of(" but found", ": ", "\n");

    private static final Pattern QUOTED_CONTENT = Pattern.compile("'(?!<[a-z ]+>'|[^A-Za-z0-9']')[^']*'?");

    private YamlProblems() {}

    static String withoutContent(String problem) {
        String lower = problem.toLowerCase(Locale.ROOT);
        if (lower.contains("cannot start any token")) {
            return "found a character that cannot start any token (a tab used for indentation?)";
        }
        if (lower.startsWith("found undefined tag handle")) {
            return "found a tag with an undefined handle";
        }
        if (lower.startsWith("found undefined alias")) {
            return "found an alias that refers to no anchor";
        }
        if (lower.startsWith("duplicate tag handle")) {
            return "a tag handle defined twice";
        }
        if (lower.startsWith("found unknown escape character")) {
            return "found an unknown escape sequence";
        }
        String kept = problem;
        for (String marker : CONTENT_MARKERS) {
            int at = kept.indexOf(marker);
            if (at >= 0) {
                kept = kept.substring(0, at);
            }
        }
        // What stays quoted is a token name ('<block end>') or one punctuation character (':'); anything else goes.
        kept = QUOTED_CONTENT.matcher(kept).replaceAll("").strip();
        if (kept.endsWith(",")) {
            kept = kept.substring(0, kept.length() - 1).strip();
        }
        return kept.isEmpty() ? "cannot be parsed" : kept;
    }

    /** Where the code point at {@code index} (0-based, as SnakeYAML's reader counts) is: line and column. */
    static Location locationOfCodePoint(String file, String text, int index) {
        int line = 1;
        int column = 1;
        int offset = 0;
        for (int i = 0; i < index && offset < text.length(); i++) {
            int cp = text.codePointAt(offset);
            offset += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(file, line, column);
    }
}
