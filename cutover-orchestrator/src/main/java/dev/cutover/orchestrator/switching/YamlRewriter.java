package dev.cutover.orchestrator.switching;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.orchestrator.switching.TextLines.Line;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the connection settings of a client's YAML file, where its Kafka properties are flat keys of one block
 * mapping, at any depth ({@code spring.kafka.properties}, a list item, the top level):
 *
 * <pre>{@code
 * kafka:
 *   consumer:
 *     bootstrap.servers: source-1:9092   # the mapping is the one holding exactly one bootstrap.servers line
 *     security.protocol: SASL_SSL
 *     group.id: billing
 * }</pre>
 *
 * <p>The mapping is found by its {@code bootstrap.servers:} line (there must be exactly one outside block scalars);
 * its entries are the keys at that line's column. Invariant, as for {@link PropertiesRewriter}: only the lines of
 * connection keys and of needed {@code config.providers} keys in that mapping change (a key line and the lines of its
 * value); every other line stays byte for byte, comments included, and a comment after a replaced value is kept. A
 * key already holding the right one-line value is left as written; a replaced value keeps its quoting style where it
 * can hold the value; new keys go after the mapping's last entry, at its column. Nested Kafka keys
 * ({@code ssl: {truststore...}}) and flow mappings are not Kafka property names and are left alone.
 */
final class YamlRewriter {
    private static final Pattern BOOTSTRAP_LINE = Pattern.compile(
            "^( *)((?:- +)*)(bootstrap\\.servers|\"bootstrap\\.servers\"|'bootstrap\\.servers')[ \\t]*:(?:[ \\t]|$)");
    private static final Pattern BLOCK_SCALAR_OPENER =
            Pattern.compile("(?:^|[ \\t])(?:-|[^ \\t]*:)[ \\t]+[|>][0-9+-]{0,2}[ \\t]*(?:#.*)?$");

    /** One key of the mapping: its line, the last line of its value, the key and the value as written. */
    private record Entry(int line, int last, String key, int colon, YamlScalars.Written written) {}

    private YamlRewriter() {}

    static Rewrite rewrite(String latin1Text, ConnectionSettings settings, String fileName) {
        List<Line> lines = new ArrayList<>(TextLines.split(latin1Text));
        int header = bootstrapLine(lines, fileName);
        Matcher m = BOOTSTRAP_LINE.matcher(lines.get(header).text());
        if (!m.find()) {
            throw new IllegalStateException("the bootstrap line no longer matches");
        }
        int column = m.group(1).length() + m.group(2).length();
        int start = blockStart(lines, header, column, !m.group(2).isEmpty());
        int end = blockEnd(lines, header, column);
        List<Entry> entries = entries(lines, start, end, column);

        Optional<String> providers = entries.stream()
                .filter(e -> e.key().equals(ConnectionSettings.PROVIDERS))
                .reduce((a, b) -> b)
                .flatMap(e -> e.written().value());
        Map<String, String> desired = new LinkedHashMap<>();
        settings.desiredIn(providers.map(YamlRewriter::fromLatin1)).forEach((k, v) -> desired.put(k, toLatin1(v)));

        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> present = new ArrayList<>();
        Map<Integer, Optional<Line>> replacements = new LinkedHashMap<>();
        for (Entry e : entries) {
            boolean wanted = desired.containsKey(e.key());
            if (!wanted && !ConnectionSettings.isConnectionKey(e.key())) {
                continue;
            }
            if (!wanted) {
                replacements.put(e.line(), Optional.empty());
                addOnce(removed, e.key());
                continue;
            }
            present.add(e.key());
            String value = desired.get(e.key());
            if (!e.written().value().equals(Optional.of(value))) {
                String text = lines.get(e.line()).text();
                String prefix = text.substring(0, e.written().valueStart());
                if (e.written().valueStart() == e.colon() + 1) {
                    prefix += " ";
                }
                String line = prefix
                        + YamlScalars.write(value, e.written().style())
                        + e.written().trailing();
                replacements.put(
                        e.line(), Optional.of(new Line(line, lines.get(e.last()).end())));
                addOnce(changed, e.key());
            }
        }
        List<String> additions = new ArrayList<>();
        List<String> added = new ArrayList<>();
        desired.forEach((key, value) -> {
            if (!present.contains(key)) {
                additions.add(" ".repeat(column) + key + ": " + YamlScalars.write(value, YamlScalars.Style.PLAIN));
                added.add(key);
            }
        });

        List<Line> out = new ArrayList<>();
        int insertAfter = -1;
        int i = 0;
        Entry lastEntry = entries.get(entries.size() - 1);
        for (Entry e : entries) {
            for (; i < e.line(); i++) {
                out.add(lines.get(i));
            }
            if (replacements.containsKey(e.line())) {
                replacements.get(e.line()).ifPresent(out::add);
            } else {
                for (int j = e.line(); j <= e.last(); j++) {
                    out.add(lines.get(j));
                }
            }
            i = e.last() + 1;
            if (e == lastEntry) {
                insertAfter = out.size() - 1;
            }
        }
        for (; i < lines.size(); i++) {
            out.add(lines.get(i));
        }
        TextLines.insert(out, insertAfter, additions);
        return new Rewrite(TextLines.join(lines, out), changed, added, removed);
    }

    /** The one line holding {@code bootstrap.servers:} outside block scalars. */
    private static int bootstrapLine(List<Line> lines, String fileName) {
        List<Integer> found = new ArrayList<>();
        int scalarParent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (scalarParent >= 0) {
                if (text.isBlank() || indent(text) > scalarParent) {
                    continue;
                }
                scalarParent = -1;
            }
            if (BOOTSTRAP_LINE.matcher(text).find()) {
                found.add(i);
            }
            if (!isComment(text) && BLOCK_SCALAR_OPENER.matcher(text).find()) {
                scalarParent = indent(text);
            }
        }
        if (found.isEmpty()) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    fileName + " has no 'bootstrap.servers:' line, so cutover cannot tell where the client's Kafka"
                            + " properties are",
                    "the file switcher rewrites the block mapping holding the Kafka properties as flat keys"
                            + " (bootstrap.servers, security.protocol, sasl.*, ssl.*): add 'bootstrap.servers: ...'"
                            + " there, or move this client with 'command:'");
        }
        if (found.size() > 1) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    fileName + " has 'bootstrap.servers:' on lines "
                            + String.join(
                                    ", ",
                                    found.stream()
                                            .map(n -> String.valueOf(n + 1))
                                            .toList())
                            + "; the file switcher rewrites exactly one mapping",
                    "keep one client configuration per file, or move this client with 'command:'");
        }
        return found.get(0);
    }

    private static int blockStart(List<Line> lines, int header, int column, boolean headerIsListItem) {
        if (headerIsListItem) {
            return header;
        }
        int start = header;
        for (int j = header - 1; j >= 0; j--) {
            String text = lines.get(j).text();
            if (isBlankOrComment(text)) {
                continue;
            }
            if (isDocumentMarker(text)) {
                break;
            }
            int indent = indent(text);
            if (indent > column || (indent == column && isDash(text, indent))) {
                continue;
            }
            if (indent == column) {
                start = j;
                continue;
            }
            if (keyColumn(text) == column && isDash(text, indent)) {
                start = j; // the mapping is a list item: '- first.key: ...'
            }
            break;
        }
        return start;
    }

    private static int blockEnd(List<Line> lines, int header, int column) {
        int end = header;
        for (int j = header + 1; j < lines.size(); j++) {
            String text = lines.get(j).text();
            // a '#' line deeper than the keys may be a block scalar's content: it belongs to the mapping
            if (text.isBlank() || (isComment(text) && indent(text) <= column)) {
                continue;
            }
            if (isDocumentMarker(text) || indent(text) < column) {
                break;
            }
            end = j;
        }
        return end;
    }

    private static List<Entry> entries(List<Line> lines, int start, int end, int column) {
        List<Integer> keyLines = new ArrayList<>();
        for (int j = start; j <= end; j++) {
            String text = lines.get(j).text();
            if (isBlankOrComment(text)) {
                continue;
            }
            boolean first = j == start && keyColumn(text) == column;
            if (first || (indent(text) == column && !isDash(text, column))) {
                keyLines.add(j);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (int n = 0; n < keyLines.size(); n++) {
            int line = keyLines.get(n);
            int limit = n + 1 < keyLines.size() ? keyLines.get(n + 1) - 1 : end;
            String text = lines.get(line).text();
            int colon = keyEnd(text, column);
            if (colon < 0) {
                continue; // not a 'key:' line (a plain scalar going on); never one of ours
            }
            int last = BLOCK_SCALAR_OPENER.matcher(text).find()
                    ? blockScalarEnd(lines, line, limit, column)
                    : lastContentLine(lines, line, limit);
            String key = unquoteKey(text.substring(column, colon).strip());
            entries.add(new Entry(line, last, key, colon, YamlScalars.read(text, colon, last > line)));
        }
        return entries;
    }

    /** The last line of a value going on after {@code line}: comments and blank lines after it are not part of it. */
    private static int lastContentLine(List<Line> lines, int line, int limit) {
        int last = line;
        for (int j = line + 1; j <= limit; j++) {
            if (!isBlankOrComment(lines.get(j).text())) {
                last = j;
            }
        }
        return last;
    }

    /**
     * The last line of a block scalar ({@code key: |}) opened at {@code line}: its content is indented as its first
     * non-blank line, deeper than the key, and a line starting with {@code #} there is content, not a comment.
     */
    private static int blockScalarEnd(List<Line> lines, int line, int limit, int column) {
        int contentIndent = -1;
        int last = line;
        for (int j = line + 1; j <= limit; j++) {
            String text = lines.get(j).text();
            if (text.isBlank()) {
                continue;
            }
            int indent = indent(text);
            if (contentIndent < 0) {
                if (indent <= column) {
                    break;
                }
                contentIndent = indent;
            }
            if (indent < contentIndent) {
                break;
            }
            last = j;
        }
        return last;
    }

    /** The index of the colon ending the key that starts at {@code column}, or -1. */
    private static int keyEnd(String text, int column) {
        if (column >= text.length()) {
            return -1;
        }
        char c = text.charAt(column);
        int from = column;
        if (c == '"' || c == '\'') {
            int close = YamlScalars.closingQuote(text.substring(column), c);
            if (close < 0) {
                return -1;
            }
            from = column + close + 1;
        }
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == ':'
                    && (i + 1 == text.length() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '\t')) {
                return i;
            }
            if (text.charAt(i) == '#' && i > column && (text.charAt(i - 1) == ' ')) {
                return -1;
            }
        }
        return -1;
    }

    private static String unquoteKey(String key) {
        if (key.length() >= 2 && key.startsWith("'") && key.endsWith("'")) {
            return key.substring(1, key.length() - 1).replace("''", "'");
        }
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            return key.substring(1, key.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return key;
    }

    private static int indent(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The column of the first key of a line, after its indentation and any {@code - } list markers. */
    private static int keyColumn(String text) {
        int i = indent(text);
        while (isDash(text, i)) {
            i++;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }
        return i;
    }

    private static boolean isDash(String text, int at) {
        return at < text.length() && text.charAt(at) == '-' && (at + 1 == text.length() || text.charAt(at + 1) == ' ');
    }

    private static boolean isComment(String text) {
        return text.strip().startsWith("#");
    }

    private static boolean isBlankOrComment(String text) {
        return text.isBlank() || isComment(text);
    }

    private static boolean isDocumentMarker(String text) {
        return text.startsWith("---") || text.startsWith("...");
    }

    /** The UTF-8 bytes of {@code s} as ISO-8859-1 chars, the form the file's text is handled in. */
    private static String toLatin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String fromLatin1(String s) {
        return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static void addOnce(List<String> list, String key) {
        if (!list.contains(key)) {
            list.add(key);
        }
    }
}
