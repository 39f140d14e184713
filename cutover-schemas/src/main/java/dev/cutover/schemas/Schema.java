package dev.cutover.schemas;

import java.util.List;
import java.util.Objects;

/**
 * A schema as the registry stores it: its type ({@code AVRO}, the registry's default, {@code JSON} or
 * {@code PROTOBUF}), its text and the schemas it references. Two schemas are the same when all three are equal; the
 * text is compared as stored (registries keep the text they were given, and lookups compare canonical forms).
 */
public record Schema(String type, String text, List<SchemaReference> references) {
    public static final String AVRO = "AVRO";

    public Schema {
        type = type == null || type.isBlank() ? AVRO : type;
        Objects.requireNonNull(text, "text");
        references = List.copyOf(references);
    }

    public static Schema avro(String text) {
        return new Schema(AVRO, text, List.of());
    }

    /**
     * The text without layout, for comparing schemas across registries that may return them reformatted: Avro and JSON
     * Schema as compact JSON (members in their order), Protobuf without whitespace; text that does not parse, as it is.
     */
    public String canonicalText() {
        if (type.equals("PROTOBUF")) {
            return text.replaceAll("\\s+", "");
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(text));
        } catch (java.io.IOException e) {
            return text;
        }
    }

    /** The same type and the same text up to layout ({@link #canonicalText}); references are compared by the caller. */
    public boolean sameContent(Schema other) {
        return type.equals(other.type)
                && (text.equals(other.text) || canonicalText().equals(other.canonicalText()));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** This schema with other references: the same names resolved to the target registry's subjects and versions. */
    public Schema withReferences(List<SchemaReference> other) {
        return new Schema(type, text, other);
    }
}
