package dev.cutover.inventory.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a profile's schema registry holds and which schema ids the cluster's records carry: part of the inventory
 * ({@code schemas} in {@code inventory.json}) when the profile names a {@code schemaRegistry}, and what readiness's
 * schema rules compare. Absent values are null (the report's JSON has no optionals).
 *
 * @param registry the registry's URL (credentials never part of it)
 * @param problem why the registry could not be read (unreachable, credentials refused, an error), or null when it was:
 *     then {@code subjects} is empty and nothing about it is known — not "no subjects"
 * @param globalCompatibility the registry's compatibility level, or null when unread
 * @param globalMode the registry's mode ({@code READWRITE}, {@code READONLY}, {@code IMPORT}), or null when unread
 * @param subjects every subject, soft-deleted ones too, in the registry's order
 * @param sample how the topics' records were sampled for ids, or null when they were not
 * @param topics per sampled topic, the ids its keys and values carry and what each resolves to
 * @param unknownIds ids that sampled records carry but the registry does not know, ascending
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchemaInventory(
        String registry,
        String problem,
        String globalCompatibility,
        String globalMode,
        List<SubjectEntry> subjects,
        String sample,
        List<TopicSchemas> topics,
        List<Integer> unknownIds) {
    public SchemaInventory {
        Objects.requireNonNull(registry, "registry");
        subjects = List.copyOf(subjects);
        topics = List.copyOf(topics);
        unknownIds = List.copyOf(unknownIds);
    }

    /** A registry that could not be read, and why. */
    public static SchemaInventory unreadable(String registry, String problem) {
        return new SchemaInventory(registry, problem, null, null, List.of(), null, List.of(), List.of());
    }

    public boolean readable() {
        return problem == null;
    }

    public Optional<SubjectEntry> subject(String name) {
        return subjects.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<TopicSchemas> topic(String name) {
        return topics.stream().filter(t -> t.topic().equals(name)).findFirst();
    }

    /**
     * One subject.
     *
     * @param compatibility its effective compatibility level
     * @param ownCompatibility its own level when it differs from the global one, else null
     * @param mode its own mode when it differs from the registry's, else null
     * @param deleted whether every version is soft-deleted
     * @param versions every version, ascending, soft-deleted ones marked
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubjectEntry(
            String name,
            String compatibility,
            String ownCompatibility,
            String mode,
            boolean deleted,
            List<VersionEntry> versions) {
        public SubjectEntry {
            Objects.requireNonNull(name, "name");
            versions = List.copyOf(versions);
        }

        public Optional<VersionEntry> version(int number) {
            return versions.stream().filter(v -> v.version() == number).findFirst();
        }
    }

    /**
     * One version of a subject.
     *
     * @param id the global id of its schema
     * @param type {@code AVRO}, {@code JSON} or {@code PROTOBUF}
     * @param references the schemas it references, as {@code name -> subject vN}
     * @param deleted soft-deleted (still resolvable by id)
     * @param sha256 the SHA-256 (hex) of the schema's text as the registry returns it: two registries hold the same
     *     schema when type, text and references are equal
     */
    public record VersionEntry(
            int version, int id, String type, List<String> references, boolean deleted, String sha256) {
        public VersionEntry {
            references = List.copyOf(references);
        }

        /** Whether the schema is the same (type, text and references), deleted or not. */
        public boolean sameSchema(VersionEntry o) {
            return type.equals(o.type) && sha256.equals(o.sha256) && references.equals(o.references);
        }
    }

    /**
     * The ids one topic's sampled records carry.
     *
     * @param records records read from its tails
     * @param incomplete why not every tail was read to its end, or null
     * @param keys ids in keys
     * @param values ids in values
     * @param keysWithoutId non-null keys not in wire format
     * @param valuesWithoutId non-null values not in wire format
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TopicSchemas(
            String topic,
            long records,
            String incomplete,
            List<IdUse> keys,
            List<IdUse> values,
            long keysWithoutId,
            long valuesWithoutId) {
        public TopicSchemas {
            Objects.requireNonNull(topic, "topic");
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }
    }

    /**
     * One schema id as sampled records carry it.
     *
     * @param records how many sampled records carried it (in this position)
     * @param partition where it was first seen
     * @param offset where it was first seen
     * @param known whether the registry knows the id
     * @param usedBy the subject versions that hold it; empty when unknown, or when the registry knows the id but no
     *     version lists it
     */
    public record IdUse(int id, long records, int partition, long offset, boolean known, List<Usage> usedBy) {
        public IdUse {
            usedBy = List.copyOf(usedBy);
        }
    }

    /** A subject version that holds an id. */
    public record Usage(String subject, int version, boolean deleted) {
        @Override
        public String toString() {
            return subject + " v" + version + (deleted ? " (soft-deleted)" : "");
        }
    }
}
