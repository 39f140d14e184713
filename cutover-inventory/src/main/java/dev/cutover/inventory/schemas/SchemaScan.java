package dev.cutover.inventory.schemas;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.sample.SchemaIds;
import dev.cutover.inventory.sample.TopicSample;
import dev.cutover.schemas.RegistryClient;
import dev.cutover.schemas.RegistrySnapshot;
import dev.cutover.schemas.Schema;
import dev.cutover.schemas.SubjectVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads a schema registry into a {@link SchemaInventory}, read-only: its subjects (all, or those a filter accepts), and
 * for the sampled topics what each id their records carry resolves to. Never throws for the registry: one that cannot
 * be read (unreachable, credentials refused, an error answer) gives an inventory that names the problem.
 */
public final class SchemaScan {
    private SchemaScan() {}

    /** The registry's subjects that {@code include} accepts, and the ids of the sampled topics resolved. */
    public static SchemaInventory scan(
            RegistryClient registry, Predicate<String> include, RecordSamples samples, Optional<String> sample) {
        try {
            RegistrySnapshot snapshot = RegistrySnapshot.read(registry, include);
            List<SchemaInventory.TopicSchemas> topics = new ArrayList<>();
            TreeSet<Integer> unknown = new TreeSet<>();
            Resolver resolver = new Resolver(registry, snapshot);
            for (Map.Entry<String, TopicSample> e : samples.sampled().entrySet()) {
                TopicSample s = e.getValue();
                SchemaIds ids = s.schemaIds();
                List<SchemaInventory.IdUse> keys = resolver.uses(ids.keys());
                List<SchemaInventory.IdUse> values = resolver.uses(ids.values());
                keys.stream().filter(u -> !u.known()).forEach(u -> unknown.add(u.id()));
                values.stream().filter(u -> !u.known()).forEach(u -> unknown.add(u.id()));
                topics.add(new SchemaInventory.TopicSchemas(
                        e.getKey(),
                        s.records(),
                        s.incomplete().orElse(null),
                        keys,
                        values,
                        ids.keysWithoutId(),
                        ids.valuesWithoutId()));
            }
            return new SchemaInventory(
                    registry.url(),
                    null,
                    snapshot.globalCompatibility(),
                    snapshot.globalMode(),
                    subjects(snapshot),
                    sample.orElse(null),
                    topics,
                    List.copyOf(unknown));
        } catch (CutoverException e) {
            return SchemaInventory.unreadable(registry.url(), e.getMessage());
        }
    }

    /**
     * What needs attention: {@code INV-005} (warning) when the registry could not be read, {@code INV-010} (warning)
     * per topic whose sampled records carry ids the registry does not know.
     */
    public static List<Finding> findings(SchemaInventory schemas) {
        if (schemas == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        if (!schemas.readable()) {
            out.add(Finding.of(
                    "INV-005",
                    Severity.WARNING,
                    "schema registry " + schemas.registry(),
                    "could not be read, so subjects, compatibility and the ids of the topics' records are not known: "
                            + schemas.problem()));
        }
        for (SchemaInventory.TopicSchemas t : schemas.topics()) {
            List<Integer> unknown = java.util.stream.Stream.concat(t.keys().stream(), t.values().stream())
                    .filter(u -> !u.known())
                    .map(SchemaInventory.IdUse::id)
                    .distinct()
                    .sorted()
                    .toList();
            if (!unknown.isEmpty()) {
                out.add(Finding.of(
                        "INV-010",
                        Severity.WARNING,
                        "topic " + t.topic(),
                        "records carry schema id(s) " + unknown + " that the schema registry does not know: consumers"
                                + " that deserialize them fail (or the bytes only start like the wire format)"));
            }
        }
        return out;
    }

    /** The subjects of a snapshot, each version with its schema's fingerprint. */
    public static List<SchemaInventory.SubjectEntry> subjects(RegistrySnapshot snapshot) {
        return snapshot.subjects().values().stream()
                .map(s -> new SchemaInventory.SubjectEntry(
                        s.name(),
                        s.compatibility(),
                        s.ownCompatibility().orElse(null),
                        s.mode().orElse(null),
                        s.deleted(),
                        s.versions().stream().map(SchemaScan::version).toList()))
                .toList();
    }

    static SchemaInventory.VersionEntry version(SubjectVersion v) {
        Schema schema = v.schema();
        return new SchemaInventory.VersionEntry(
                v.version(),
                v.id(),
                schema.type(),
                schema.references().stream().map(Object::toString).toList(),
                v.deleted(),
                sha256(schema.canonicalText()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Resolves ids against the snapshot, asking the registry only for ids no version in it holds. */
    private record Resolver(RegistryClient registry, RegistrySnapshot snapshot) {
        List<SchemaInventory.IdUse> uses(Map<Integer, SchemaIds.Seen> ids) {
            List<SchemaInventory.IdUse> out = new ArrayList<>();
            ids.forEach((id, seen) -> {
                List<SchemaInventory.Usage> usedBy = snapshot.usesOf(id).stream()
                        .map(v -> new SchemaInventory.Usage(v.subject(), v.version(), v.deleted()))
                        .toList();
                boolean known = !usedBy.isEmpty() || registry.schemaById(id).isPresent();
                if (known && usedBy.isEmpty()) {
                    // Subjects outside the snapshot's filter may hold it.
                    usedBy = registry.usages(id).stream()
                            .map(u -> new SchemaInventory.Usage(u.subject(), u.version(), false))
                            .toList();
                }
                out.add(new SchemaInventory.IdUse(id, seen.records(), seen.partition(), seen.offset(), known, usedBy));
            });
            return out;
        }
    }
}
