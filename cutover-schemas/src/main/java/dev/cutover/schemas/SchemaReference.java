package dev.cutover.schemas;

import java.util.Objects;

/**
 * A schema's reference to another registered schema: the name the referring schema uses for it (an Avro full name, a
 * Protobuf import path, a JSON Schema {@code $ref} URL), and the subject and version it resolves to.
 */
public record SchemaReference(String name, String subject, int version) {
    public SchemaReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
    }

    @Override
    public String toString() {
        return name + " -> " + subject + " v" + version;
    }
}
