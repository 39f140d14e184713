package dev.cutover.schemas;

import java.util.Objects;

/**
 * One version of a subject: its number, the global id of its schema, the schema, and whether it is soft-deleted
 * (still resolvable by id, listed only with {@code ?deleted=true}).
 */
public record SubjectVersion(String subject, int version, int id, Schema schema, boolean deleted) {
    public SubjectVersion {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }

    @Override
    public String toString() {
        return subject + " v" + version + " (id " + id + (deleted ? ", soft-deleted" : "") + ")";
    }
}
