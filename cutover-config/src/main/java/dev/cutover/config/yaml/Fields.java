package dev.cutover.config.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads from one YAML mapping at a known path, each failing with the file:line:column and the path of the
 * offending node. Parsers use this; it keeps their code about the format, not about YAML.
 */
public final class Fields {
    private final YamlNode.Mapping mapping;
    private final String path;

    private Fields(YamlNode.Mapping mapping, String path) {
        this.mapping = mapping;
        this.path = path;
    }

    /** The node as a mapping at {@code path}, or an error saying what was found instead. */
    public static Fields of(YamlNode node, String path) {
        if (node instanceof YamlNode.Mapping m) {
            return new Fields(m, path);
        }
        throw ConfigErrors.invalid(
                node.location(),
                path,
                "expected a mapping (key: value lines) but found " + node.describe(),
                "indent the keys of '" + (path.isEmpty() ? "the document" : path) + "' under it");
    }

    public YamlNode.Mapping mapping() {
        return mapping;
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Fails on the first key not in {@code allowed}, suggesting the closest allowed key. */
    public Fields allowOnly(Collection<String> allowed) {
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!allowed.contains(entry.key())) {
                throw ConfigErrors.unknownKey(entry.keyLocation(), path, entry.key(), allowed);
            }
        }
        return this;
    }

    public Optional<YamlNode> node(String key) {
        return mapping.get(key);
    }

    public Optional<String> text(String key) {
        return mapping.get(key).map(node -> scalar(node, pathOf(key)));
    }

    public String requireText(String key, String fix) {
        return text(key).orElseThrow(() -> missing(key, fix));
    }

    /** A single value or a list of single values; absent means an empty list. */
    public List<String> textOrList(String key) {
        Optional<YamlNode> node = mapping.get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get() instanceof YamlNode.Sequence sequence) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < sequence.items().size(); i++) {
                values.add(scalar(sequence.items().get(i), pathOf(key) + "[" + i + "]"));
            }
            return List.copyOf(values);
        }
        return List.of(scalar(node.get(), pathOf(key)));
    }

    public Location locationOf(String key) {
        return mapping.get(key).map(YamlNode::location).orElse(mapping.location());
    }

    public RuntimeException missing(String key, String fix) {
        return ConfigErrors.invalid(mapping.location(), pathOf(key), "required key '" + key + "' is missing", fix);
    }

    /** A non-empty single value; numbers and booleans come back as the text written. */
    public static String scalar(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar scalar && scalar.value().isPresent()) {
            return scalar.value().get();
        }
        throw ConfigErrors.invalid(
                node.location(),
                path,
                "expected a single value but found " + node.describe(),
                "write one value after the colon, quoted if it contains ':' or '#'");
    }
}
