package dev.cutover.orchestrator.switching;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and writes the one-line YAML scalars of the keys the file switcher manages: plain, 'single' or "double". */
final class YamlScalars {
    enum Style {
        PLAIN,
        SINGLE,
        DOUBLE,
        /** Anything else (empty, nested, block scalar, flow, multi-line): always replaced by a one-line scalar. */
        OTHER
    }

    /**
     * A value as written on its key's line.
     *
     * @param value the scalar's text when it is a one-line plain or quoted scalar
     * @param valueStart where the value starts in the line (after the colon and its spaces)
     * @param trailing what follows the value on the line (spaces and a comment), kept when the value is replaced
     */
    record Written(Style style, Optional<String> value, int valueStart, String trailing) {}

    private static final Set<String> NOT_STRINGS =
            Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", ".inf", "-.inf", "+.inf", ".nan");
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(0x[0-9a-f_]+|0o?[0-7_]+|[0-9][0-9_]*(\\.[0-9_]*)?(e[-+]?[0-9]+)?|\\.[0-9]+(e[-+]?[0-9]+)?"
                    + "|[0-9]+(:[0-5]?[0-9])+)",
            Pattern.CASE_INSENSITIVE);
    /** No spaces, quotes, brackets, braces or {@code #}; it may not start with an indicator. */
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9_./$\\x80-\\xff][^\\s#\"'`\\[\\]{}]*");

    private YamlScalars() {}

    /**
     * Reads the value after a key's colon at {@code colon} in {@code line}; {@code continued} says whether lines
     * belonging to it follow (then the value is not one line and counts as {@link Style#OTHER}).
     */
    static Written read(String line, int colon, boolean continued) {
        int start = colon + 1;
        while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        String rest = line.substring(start);
        if (rest.isEmpty() || rest.startsWith("#")) {
            return new Written(Style.OTHER, Optional.empty(), start, rest.isEmpty() ? "" : " " + rest);
        }
        char c = rest.charAt(0);
        if (c == '"' || c == '\'') {
            int close = closingQuote(rest, c);
            if (close < 0 || continued) {
                return new Written(Style.OTHER, Optional.empty(), start, "");
            }
            String inner = rest.substring(1, close);
            String value = c == '\'' ? inner.replace("''", "'") : unescapeDouble(inner);
            return new Written(
                    c == '\'' ? Style.SINGLE : Style.DOUBLE, Optional.of(value), start, trailing(rest, close + 1));
        }
        if ("|>[{&*!%@`".indexOf(c) >= 0 || continued) {
            int hash = commentStart(rest, 0);
            return new Written(Style.OTHER, Optional.empty(), start, hash < 0 ? "" : " " + rest.substring(hash));
        }
        int hash = commentStart(rest, 0);
        int end = hash < 0 ? rest.length() : hash;
        while (end > 0 && (rest.charAt(end - 1) == ' ' || rest.charAt(end - 1) == '\t')) {
            end--;
        }
        return new Written(Style.PLAIN, Optional.of(rest.substring(0, end)), start, rest.substring(end));
    }

    /** The value as a one-line scalar, in {@code preferred} style when that style can hold it. */
    static String write(String value, Style preferred) {
        boolean control = value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f);
        if (preferred == Style.DOUBLE || control) {
            return doubleQuoted(value);
        }
        if (preferred == Style.SINGLE || !isPlainSafe(value)) {
            return "'" + value.replace("'", "''") + "'";
        }
        return value;
    }

    static boolean isPlainSafe(String value) {
        if (value.isEmpty() || NOT_STRINGS.contains(value.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return !NUMBER.matcher(value).matches() && PLAIN_SAFE.matcher(value).matches() && !value.endsWith(":");
    }

    private static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        out.append(String.format("\\x%02X", (int) ch));
                    } else {
                        out.append(ch); // bytes above 0x7f are UTF-8 already (the text is handled as ISO-8859-1)
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String unescapeDouble(String inner) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char ch = inner.charAt(i);
            if (ch != '\\' || i + 1 >= inner.length()) {
                out.append(ch);
                continue;
            }
            char n = inner.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                // hex and unicode escapes stay as written: the value then differs and is rewritten, which is safe
                case 'x', 'u', 'U' -> out.append('\\').append(n);
                default -> out.append(n);
            }
        }
        return out.toString();
    }

    /** The index of the quote closing the scalar that opens at 0, or -1 when it does not close on this line. */
    static int closingQuote(String s, char quote) {
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote == '"' && ch == '\\') {
                i++;
            } else if (ch == quote) {
                if (quote == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Where a comment starts: a {@code #} at {@code from} or after a space or tab; -1 when there is none. */
    static int commentStart(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '#' && (i == from || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                return i;
            }
        }
        return -1;
    }

    private static String trailing(String rest, int from) {
        return rest.substring(from);
    }
}
