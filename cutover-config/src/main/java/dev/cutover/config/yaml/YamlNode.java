package dev.cutover.config.yaml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A YAML document as a tree whose every node knows where it was written. Parsers turn this into typed records and
 * report errors at the node's {@link Location}; nothing past a parser sees this type.
 */
public sealed interface YamlNode {
    Location location();

    /** What the node is, for messages: "a text value", "a mapping", "a list". */
    String describe();

    /** A scalar; {@code value} is empty for an explicit null ({@code ~}, {@code null} or nothing). */
    record Scalar(Optional<String> value, Location location) implements YamlNode {
        public Scalar {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String describe() {
            return value.isPresent() ? "a single value" : "an empty value";
        }
    }

    /** A mapping, entries in file order; keys are unique (the reader rejects duplicates). */
    record Mapping(List<Entry> entries, Location location) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
            Objects.requireNonNull(location, "location");
        }

        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        public Optional<YamlNode> get(String key) {
            return entry(key).map(Entry::value);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, Location location) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** One mapping entry: the key text, where the key was written, and the value. */
    record Entry(String key, Location keyLocation, YamlNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyLocation, "keyLocation");
            Objects.requireNonNull(value, "value");
        }
    }
}
