package dev.cutover.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What a link does with the schema id that a record in Confluent's wire format carries in its key or value
 * ({@code links.<name>.schemaIds} in {@code cutover.yaml}; the default is {@link #CHECK} when both clusters' profiles
 * name a schema registry, else {@link #OFF}).
 */
public enum SchemaIds {
    /**
     * Copy a record only when the target registry resolves its schema id to the same schema (the id map of the last
     * {@code schemas sync} says so); otherwise its partition waits, and {@code link status} names the id.
     */
    CHECK,
    /** As {@link #CHECK}, and where the target holds the schema under another id, write that id into the copy. */
    REWRITE,
    /** Copy bytes as they are, schema ids unchecked. */
    OFF;

    public String yaml() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SchemaIds> parse(String text) {
        for (SchemaIds value : values()) {
            if (value.yaml().equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
