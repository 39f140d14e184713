package dev.cutover.config.yaml;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads YAML text into located {@link YamlNode} trees. Uses SnakeYAML's parser events only (see {@link
 * YamlTreeBuilder}): no object is ever instantiated from a tag, every node keeps its line and column, aliases cannot
 * expand beyond {@value YamlTreeBuilder#MAX_NODES} values or recurse, and nesting stays within {@value
 * YamlTreeBuilder#MAX_DEPTH} levels. A line may be at most {@value #MAX_LINE_CHARS} characters long: SnakeYAML needs
 * time quadratic in the length of one token (a 4 MB one-line value took seconds). Error messages carry the problem
 * and position only, never the offending text, so a secret on a broken line stays out of them.
 */
public final class YamlReader {
    /** The longest line read; longer ones are errors (see the class comment). */
    public static final int MAX_LINE_CHARS = 256 * 1024;

    private YamlReader() {}

    /**
     * The one document of a workspace file, or an empty mapping for an empty file. A second document (after
     * {@code ---}) is an error: it would be ignored otherwise.
     */
    public static YamlNode readDocument(String file, String text) {
        List<YamlNode> documents = readAll(file, text);
        if (documents.size() > 1) {
            throw ConfigErrors.invalid(
                    documents.get(1).location(),
                    "",
                    "a second YAML document; this file holds one",
                    "remove the '---' line before this one and what follows it, or merge it into the first document");
        }
        return documents.isEmpty() ? new YamlNode.Mapping(List.of(), new Location(file, 1, 1)) : documents.get(0);
    }

    /** Every non-empty document in the text ({@code ---} separated), in order. */
    public static List<YamlNode> readAll(String file, String text) {
        requireShortLines(file, text);
        LoaderOptions options = new LoaderOptions();
        // The callers bound the size of what they read; this limit is SnakeYAML's own and must not cut it short.
        options.setCodePointLimit(Math.max(text.length(), 1) + 1);
        Yaml yaml = new Yaml(options);
        try {
            return YamlTreeBuilder.build(file, yaml.parse(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? new Location(file, 1, 1) : location(file, mark);
            String problem = YamlProblems.withoutContent(
                    Optional.ofNullable(e.getProblem()).orElse("cannot be parsed"));
            String context = e.getContext() == null
                    ? ""
                    : " (" + YamlProblems.withoutContent(e.getContext())
                            + (e.getContextMark() == null
                                    ? ""
                                    : " that starts at line "
                                            + (e.getContextMark().getLine() + 1))
                            + ")";
            throw ConfigErrors.invalid(
                    at,
                    "",
                    "malformed YAML: " + problem + context,
                    "correct the YAML syntax at this line and column (indentation, a missing ':' or an unclosed quote)");
        } catch (ReaderException e) {
            throw ConfigErrors.invalid(
                    YamlProblems.locationOfCodePoint(file, text, e.getPosition()),
                    "",
                    "a control character (U+" + String.format("%04X", e.getCodePoint()) + ") that YAML does not allow",
                    "remove it, or write it as an escape sequence inside double quotes");
        } catch (YAMLException e) {
            throw ConfigErrors.invalid(
                    new Location(file, 1, 1),
                    "",
                    "malformed YAML: " + YamlProblems.withoutContent(String.valueOf(e.getMessage())),
                    "correct the YAML syntax");
        }
    }

    private static void requireShortLines(String file, String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw ConfigErrors.invalid(
                            new Location(file, line, MAX_LINE_CHARS + 1),
                            "",
                            "a line longer than " + MAX_LINE_CHARS + " characters",
                            "break the value over several lines (a YAML block scalar, '|' or '>')");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static Location location(String file, Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
