package dev.cutover.config.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML text into located {@link YamlNode} trees. Uses SnakeYAML's composer (not its constructor), so no
 * object is ever instantiated from a tag, and every node keeps its line and column. Error messages carry the
 * parser's problem and position only, never the offending text, so a secret on a broken line stays out of them.
 */
public final class YamlReader {
    private static final int MAX_ALIASES = 50;

    private YamlReader() {}

    /** The first document, or an empty mapping for an empty file. */
    public static YamlNode readDocument(String file, String text) {
        List<YamlNode> documents = readAll(file, text);
        return documents.isEmpty() ? new YamlNode.Mapping(List.of(), new Location(file, 1, 1)) : documents.get(0);
    }

    /** Every document in the text ({@code ---} separated), in order. */
    public static List<YamlNode> readAll(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both locations
        Yaml yaml = new Yaml(options);
        List<YamlNode> documents = new ArrayList<>();
        try {
            for (Node node : yaml.composeAll(new StringReader(text))) {
                if (node != null) {
                    documents.add(convert(file, node));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? new Location(file, 1, 1) : location(file, mark);
            String problem = Optional.ofNullable(e.getProblem()).orElse("cannot be parsed");
            String context = e.getContext() == null
                    ? ""
                    : " (" + e.getContext()
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
        } catch (YAMLException e) {
            throw ConfigErrors.invalid(
                    new Location(file, 1, 1),
                    "",
                    "malformed YAML: " + e.getClass().getSimpleName(),
                    "correct the YAML syntax");
        }
        return documents;
    }

    private static YamlNode convert(String file, Node node) {
        Location at = location(file, node.getStartMark());
        if (node instanceof ScalarNode scalar) {
            boolean isNull = scalar.getTag().equals(Tag.NULL);
            return new YamlNode.Scalar(isNull ? Optional.empty() : Optional.of(scalar.getValue()), at);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(file, item));
            }
            return new YamlNode.Sequence(items, at);
        }
        MappingNode mapping = (MappingNode) node;
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Location keyAt = location(file, tuple.getKeyNode().getStartMark());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw ConfigErrors.invalid(keyAt, "", "a key must be plain text", "write the key as a plain word");
            }
            String key = keyNode.getValue();
            if (!seen.add(key)) {
                throw ConfigErrors.invalid(
                        keyAt, key, "duplicate key '" + key + "'", "keep one '" + key + "' entry in this mapping");
            }
            entries.add(new YamlNode.Entry(key, keyAt, convert(file, tuple.getValueNode())));
        }
        return new YamlNode.Mapping(entries, at);
    }

    private static Location location(String file, Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
