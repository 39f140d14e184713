package dev.cutover.orchestrator.switching;

import dev.cutover.orchestrator.switching.TextLines.Line;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites a {@code .properties} file's connection settings, reading it as {@link java.util.Properties#load} does:
 * comments ({@code #}, {@code !}), blank lines, {@code key=value}, {@code key: value} and {@code key value}, escapes
 * ({@code \:}, unicode escapes, ...) and values continued over lines ending in an odd number of backslashes.
 *
 * <p>Invariant: only the lines of connection keys ({@link ConnectionSettings#isConnectionKey}) and of the
 * {@code config.providers} keys the profile needs change; every other line stays byte for byte. A managed key whose
 * value is already right keeps its lines as written (so a second rewrite for the same cluster changes nothing); one
 * with another value keeps its key and separator as written, with the new value; connection keys the profile lacks are
 * removed; keys the file lacks are added after the last managed line (at the end when there is none), with the
 * separator the file's first entry uses. Values are written escaped as {@code Properties.store} would, non-ASCII as
 * unicode escapes, since Kafka reads client files as ISO-8859-1.
 *
 * <p>The text is handled as ISO-8859-1 (one char per byte), so lines cutover does not touch keep their bytes whatever
 * the file's encoding.
 */
final class PropertiesRewriter {
    /** One logical line holding a key: its physical lines {@code first..last}. */
    private record Entry(String key, int first, int last, Optional<String> prefix, String value) {}

    private PropertiesRewriter() {}

    static Rewrite rewrite(String latin1Text, ConnectionSettings settings) {
        List<Line> lines = new ArrayList<>(TextLines.split(latin1Text));
        List<Entry> entries = entries(lines);
        Optional<String> providers = Optional.empty();
        for (Entry e : entries) {
            if (e.key().equals(ConnectionSettings.PROVIDERS)) {
                providers = Optional.of(e.value()); // the last one wins, as in Properties
            }
        }
        Map<String, String> desired = settings.desiredIn(providers);
        String separator = entries.isEmpty() ? "=" : separatorOf(entries.get(0));

        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<Integer, List<Line>> replacements = new LinkedHashMap<>();
        List<String> present = new ArrayList<>();
        int lastManaged = -1;
        for (Entry e : entries) {
            boolean wanted = desired.containsKey(e.key());
            if (!wanted && !ConnectionSettings.isConnectionKey(e.key())) {
                continue;
            }
            if (!wanted) {
                replacements.put(e.first(), List.of());
                addOnce(removed, e.key());
                continue;
            }
            present.add(e.key());
            lastManaged = e.last();
            String value = desired.get(e.key());
            if (!value.equals(e.value())) {
                String prefix =
                        e.prefix().orElse(leadingSpace(lines.get(e.first()).text()) + escapeKey(e.key()) + "=");
                replacements.put(
                        e.first(),
                        List.of(new Line(
                                prefix + escapeValue(value), lines.get(e.last()).end())));
                addOnce(changed, e.key());
            }
        }
        List<String> additions = new ArrayList<>();
        List<String> added = new ArrayList<>();
        desired.forEach((key, value) -> {
            if (!present.contains(key)) {
                additions.add(escapeKey(key) + separator + escapeValue(value));
                added.add(key);
            }
        });

        List<Line> out = new ArrayList<>();
        int insertAfter = -1;
        int i = 0;
        for (Entry e : entries) {
            for (; i < e.first(); i++) {
                out.add(lines.get(i));
            }
            if (replacements.containsKey(e.first())) {
                out.addAll(replacements.get(e.first()));
            } else {
                for (int j = e.first(); j <= e.last(); j++) {
                    out.add(lines.get(j));
                }
            }
            i = e.last() + 1;
            if (e.last() == lastManaged) {
                insertAfter = out.size() - 1;
            }
        }
        for (; i < lines.size(); i++) {
            out.add(lines.get(i));
        }
        TextLines.insert(out, lastManaged >= 0 ? insertAfter : out.size() - 1, additions);
        return new Rewrite(TextLines.join(lines, out), changed, added, removed);
    }

    /** The file's entries in order; comments and blank lines are not entries. */
    private static List<Entry> entries(List<Line> lines) {
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String text = lines.get(i).text();
            int start = skipSpace(text, 0);
            if (start == text.length() || text.charAt(start) == '#' || text.charAt(start) == '!') {
                i++;
                continue;
            }
            int first = i;
            boolean continued = endsWithOddBackslashes(text);
            StringBuilder logical = new StringBuilder(continued ? text.substring(0, text.length() - 1) : text);
            int firstUsable = logical.length();
            while (continued && i + 1 < lines.size()) {
                i++;
                String next = lines.get(i).text();
                continued = endsWithOddBackslashes(next);
                String part = next.substring(skipSpace(next, 0));
                logical.append(continued ? part.substring(0, part.length() - 1) : part);
            }
            entries.add(entry(logical.toString(), start, first, i, firstUsable, first == i));
            i++;
        }
        return entries;
    }

    private static Entry entry(String logical, int start, int first, int last, int firstUsable, boolean oneLine) {
        int k = start;
        StringBuilder key = new StringBuilder();
        while (k < logical.length()) {
            char c = logical.charAt(k);
            if (c == '\\' && k + 1 < logical.length()) {
                key.append(logical, k, k + 2);
                k += 2;
                continue;
            }
            if (c == '=' || c == ':' || isSpace(c)) {
                break;
            }
            key.append(c);
            k++;
        }
        int v = skipSpace(logical, k);
        if (v < logical.length() && (logical.charAt(v) == '=' || logical.charAt(v) == ':')) {
            v = skipSpace(logical, v + 1);
        }
        boolean prefixOnFirstLine = v < firstUsable || (oneLine && v == firstUsable);
        // 'key' alone has no separator: one is needed before a value
        String separator = v == k ? "=" : "";
        Optional<String> prefix =
                prefixOnFirstLine ? Optional.of(logical.substring(0, v) + separator) : Optional.empty();
        return new Entry(unescape(key.toString()), first, last, prefix, unescape(logical.substring(v)));
    }

    private static String separatorOf(Entry entry) {
        if (entry.prefix().isEmpty()) {
            return "=";
        }
        String prefix = entry.prefix().get();
        int keyEnd = skipSpace(prefix, 0);
        while (keyEnd < prefix.length()) {
            char c = prefix.charAt(keyEnd);
            if (c == '\\') {
                keyEnd += 2;
                continue;
            }
            if (c == '=' || c == ':' || isSpace(c)) {
                break;
            }
            keyEnd++;
        }
        String separator = prefix.substring(Math.min(keyEnd, prefix.length()));
        return separator.isEmpty() ? "=" : separator;
    }

    /** Kafka property names need no escapes, but a key is escaped as Properties.store would, to be safe. */
    static String escapeKey(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '=' || c == ':' || c == '#' || c == '!' || c == ' ') {
                out.append('\\');
            }
            appendEscaped(out, c);
        }
        return out.toString();
    }

    static String escapeValue(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' && i == 0) {
                out.append("\\ ");
            } else {
                appendEscaped(out, c);
            }
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\f' -> out.append("\\f");
            default -> {
                if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** Reverses Properties escapes; a malformed {@code \\u} escape is kept as written (Properties would fail). */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < s.length() && s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }

    private static boolean endsWithOddBackslashes(String text) {
        int n = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    private static String leadingSpace(String text) {
        return text.substring(0, skipSpace(text, 0));
    }

    private static void addOnce(List<String> list, String key) {
        if (!list.contains(key)) {
            list.add(key);
        }
    }
}
