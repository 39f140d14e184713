package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.config.SchemaIds;
import dev.cutover.inventory.files.DiscoveredClientConfig;
import dev.cutover.inventory.files.Serialization;
import dev.cutover.inventory.sample.TopicSample;
import dev.cutover.inventory.schemas.SchemaInventory;
import dev.cutover.inventory.schemas.SchemaInventory.IdUse;
import dev.cutover.inventory.schemas.SchemaInventory.SubjectEntry;
import dev.cutover.inventory.schemas.SchemaInventory.TopicSchemas;
import dev.cutover.inventory.workloads.DiscoveredClient;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.schemas.IdMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The schema half of the topic-and-schema contract ({@code SCHEMA-001}…{@code SCHEMA-010}, see {@code
 * docs/readiness.md}): every schema id the workload's topics' sampled records carry resolves on the target to the same
 * schema, and the topics' subjects exist there with the same versions, soft-deleted state and compatibility.
 *
 * <p>Evidence, not hope: the rules judge only from registries read in this run, the id map the last {@code schemas
 * sync} stored (an id present in it was checked to resolve on the target to the same schema; an absent id is not known
 * to), and the records sampled from the source's tails. Where one is missing the finding says "unknown, because…" at
 * warning level, which keeps the area from being ready. Without a registry on either profile the rules stay silent,
 * but for an info when the records look like the wire format and the workload's config names a registry serializer.
 */
final class SchemaRules {
    private SchemaRules() {}

    static void evaluate(WorkloadContext c, List<Finding> findings, List<String> evidence) {
        SchemaContract contract = c.input().schemas();
        List<String> topics = c.topics().stream()
                .filter(t -> c.input().source().cluster().topic(t).isPresent())
                .toList();
        if (topics.isEmpty()) {
            return;
        }
        if (!contract.configured()) {
            withoutRegistry(c, topics, findings);
            return;
        }
        List<String> unknown = new ArrayList<>();
        why("source", contract.source()).ifPresent(unknown::add);
        why("target", contract.target()).ifPresent(unknown::add);
        if (!unknown.isEmpty()) {
            findings.add(Finding.of(
                    "SCHEMA-007",
                    Severity.WARNING,
                    "workload " + c.name(),
                    "unknown whether its topics' schemas resolve on the target, because " + String.join("; ", unknown)
                            + ": name a reachable schemaRegistry in both profiles of cutover.yaml and run readiness"
                            + " again"));
            return;
        }
        SchemaInventory source = contract.source().orElseThrow();
        SchemaInventory target = contract.target().orElseThrow();
        Set<Integer> unmapped = new TreeSet<>();
        Set<String> withIds = new TreeSet<>();
        for (String topic : topics) {
            Optional<TopicSample> sample = c.input().samples().of(topic);
            Optional<TopicSchemas> ids = source.topic(topic);
            if (sample.isEmpty()) {
                findings.add(Finding.of(
                        "SCHEMA-009",
                        Severity.WARNING,
                        "topic " + topic,
                        "unknown which schema ids its records carry, because no record could be sampled: "
                                + c.input().samples().whyMissing(topic)
                                + "; give the source profile READ on it (its subjects are still compared)"));
            } else if (ids.isPresent()) {
                idsResolve(topic, ids.get(), contract, unmapped, findings);
                if (Stream.concat(ids.get().keys().stream(), ids.get().values().stream())
                        .anyMatch(IdUse::known)) {
                    withIds.add(topic);
                }
            }
            for (String subject : subjects(topic, source, ids)) {
                SubjectEntry s = source.subject(subject).orElseThrow();
                SubjectCompare.compare(topic, s, target.subject(subject), findings);
            }
        }
        if (!unmapped.isEmpty()) {
            findings.add(Finding.of(
                    "SCHEMA-008",
                    Severity.WARNING,
                    "workload " + c.name(),
                    "unknown whether schema id(s) " + unmapped + " resolve on the target to the same schemas, because "
                            + contract.idMapMissing().orElse("there is no schema id map")
                            + ": run 'cutover schemas sync', which checks every id on the target and stores the map"));
        }
        schemaProbe(c, withIds, findings, evidence);
        evidence.add("source schema registry " + source.registry());
        evidence.add("target schema registry " + target.registry());
        contract.idMap()
                .ifPresent(m -> evidence.add(IdMap.DIR + "/" + m.sourceProfile() + "-to-" + m.targetProfile()
                        + ".json (synced " + m.syncedAt() + ")"));
    }

    /** The probe evidence's detail that summarizes its schema check (see {@code SchemaPlan.EVIDENCE_KEY}). */
    static final String SCHEMA_CHECK = "schemaCheck";

    /**
     * SCHEMA-011 (info): topics whose sampled records carry ids the source knows, and no usable probe evidence whose
     * schema check passed ({@code cutover probe} produced and consumed such records on the target and the target
     * registry resolved their ids to the same schemas). A passing one is cited as evidence.
     */
    private static void schemaProbe(
            WorkloadContext c, Set<String> withIds, List<Finding> findings, List<String> evidence) {
        if (withIds.isEmpty()) {
            return;
        }
        List<String> passed = c.usable(Area.TOPICS).stream()
                .filter(a -> a.evidence().kind().equals(Evidence.PROBE))
                .filter(a ->
                        a.evidence().details().getOrDefault(SCHEMA_CHECK, "").startsWith("pass"))
                .map(a -> a.stored().path())
                .toList();
        if (passed.isEmpty()) {
            findings.add(Finding.of(
                    "SCHEMA-011",
                    Severity.INFO,
                    "workload " + c.name(),
                    "no passing schema check of the probe for topic(s) " + String.join(", ", withIds)
                            + " whose records carry schema ids: run 'cutover probe --workload " + c.name()
                            + "' (it produces and consumes sampled records on the target and resolves their ids on"
                            + " the target registry)"));
        } else {
            evidence.add("schema check of " + passed.get(passed.size() - 1));
        }
    }

    private static Optional<String> why(String side, Optional<SchemaInventory> registry) {
        if (registry.isEmpty()) {
            return Optional.of("the " + side + " profile names no schemaRegistry");
        }
        if (!registry.get().readable()) {
            return Optional.of("the " + side + " schema registry could not be read ("
                    + registry.get().problem() + ")");
        }
        return Optional.empty();
    }

    /** SCHEMA-006, SCHEMA-001, SCHEMA-002 for one topic's sampled ids; ids without a map are collected. */
    private static void idsResolve(
            String topic, TopicSchemas ids, SchemaContract contract, Set<Integer> unmapped, List<Finding> findings) {
        Map<String, List<IdUse>> sides = new TreeMap<>(Map.of("key", ids.keys(), "value", ids.values()));
        Map<Integer, Integer> changed = new TreeMap<>();
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, List<IdUse>> side : sides.entrySet()) {
            for (IdUse u : side.getValue()) {
                String where = side.getKey() + " id " + u.id() + " (" + u.records() + " record(s), first at " + topic
                        + "-" + u.partition() + " offset " + u.offset() + ")";
                if (!u.known()) {
                    findings.add(Finding.of(
                            "SCHEMA-006",
                            Severity.INFO,
                            "topic " + topic,
                            where + " is not known to the source schema registry: consumers on the source cannot"
                                    + " deserialize these records either, so there is no schema to migrate for them;"
                                    + " find who writes them (or whether the bytes only start like the wire format)"
                                    + " and decide whether they matter"));
                    continue;
                }
                if (contract.idMap().isEmpty()) {
                    unmapped.add(u.id());
                    continue;
                }
                OptionalInt mapped = contract.idMap().get().target(u.id());
                if (mapped.isEmpty()) {
                    missing.add(where + " → "
                            + (u.usedBy().isEmpty() ? "no subject" : u.usedBy().toString()));
                } else if (mapped.getAsInt() != u.id()) {
                    changed.put(u.id(), mapped.getAsInt());
                }
            }
        }
        if (!missing.isEmpty()) {
            findings.add(Finding.of(
                    "SCHEMA-001",
                    Severity.ERROR,
                    "topic " + topic,
                    "records carry schema ids the target registry is not known to resolve (absent from the id map of"
                            + " the last schemas sync): " + String.join("; ", missing) + "; consumers on the target"
                            + " would fail to deserialize them: run 'cutover schemas sync' for their subjects"));
        }
        Optional<SchemaContract.LinkMode> link = contract.link(topic);
        boolean rewrites = link.map(l -> l.schemaIds() == SchemaIds.REWRITE).orElse(false);
        if (!changed.isEmpty() && !rewrites) {
            findings.add(Finding.of(
                    "SCHEMA-002",
                    Severity.ERROR,
                    "topic " + topic,
                    "records carry schema ids that the target registry holds under other ids ("
                            + String.join(
                                    ", ",
                                    changed.entrySet().stream()
                                            .map(e -> e.getKey() + " → " + e.getValue())
                                            .toList())
                            + "), and "
                            + link.map(l -> "link '" + l.link() + "' copies the topic with schemaIds: "
                                            + l.schemaIds().yaml())
                                    .orElse("no link of cutover.yaml copies the topic")
                            + ", so copies keep the source ids and consumers on the target would read other schemas"
                            + " or none: set schemaIds: rewrite on the link, or sync the subjects into a target in"
                            + " IMPORT mode that keeps the ids"));
        }
    }

    /**
     * The subjects of a topic the source holds: its TopicNameStrategy subjects ({@code <topic>-key}, {@code
     * <topic>-value}) and those that hold its sampled ids.
     */
    static Set<String> subjects(String topic, SchemaInventory source, Optional<TopicSchemas> ids) {
        Set<String> names = new TreeSet<>();
        names.add(topic + "-key");
        names.add(topic + "-value");
        ids.ifPresent(t -> Stream.concat(t.keys().stream(), t.values().stream())
                .flatMap(u -> u.usedBy().stream())
                .forEach(u -> names.add(u.subject())));
        names.removeIf(n -> source.subject(n).isEmpty());
        return names;
    }

    /** SCHEMA-010: without registries, an info when records look like the wire format and a serializer says so. */
    private static void withoutRegistry(WorkloadContext c, List<String> topics, List<Finding> findings) {
        Optional<String> serde = registrySerde(c);
        if (serde.isEmpty()) {
            return;
        }
        for (String topic : topics) {
            Optional<TopicSample> sample = c.input().samples().of(topic);
            if (sample.isPresent() && sample.get().schemaIds().any()) {
                var ids = sample.get().schemaIds();
                findings.add(Finding.of(
                        "SCHEMA-010",
                        Severity.INFO,
                        "topic " + topic,
                        "its sampled records start like the schema registry wire format (ids "
                                + new TreeSet<>(
                                        Stream.concat(ids.keys().keySet().stream(), ids.values().keySet().stream())
                                                .toList())
                                + ") and the workload's config names " + serde.get()
                                + ", but no profile of cutover.yaml names a schemaRegistry, so whether those ids resolve"
                                + " on the target is not checked: add schemaRegistry to both profiles"));
            }
        }
    }

    /** The registry serializer or deserializer a config file matched to the workload names, if any. */
    private static Optional<String> registrySerde(WorkloadContext c) {
        var scan = c.input().source().configScan();
        if (scan == null || c.view().isEmpty()) {
            return Optional.empty();
        }
        Set<String> files = new TreeSet<>();
        for (DiscoveredClient d : c.view().get().matched()) {
            if (d.kind().equals("config-file")) {
                files.add(d.id());
            }
        }
        for (DiscoveredClientConfig config : scan.clients()) {
            if (!files.contains(config.file() + ":" + config.line())) {
                continue;
            }
            Serialization s = config.serialization();
            if (s.schemaRegistryUrl() != null) {
                return Optional.of("schema.registry.url");
            }
            for (String serde :
                    new String[] {s.keySerializer(), s.valueSerializer(), s.keyDeserializer(), s.valueDeserializer()}) {
                if (serde != null && registrySerde(serde)) {
                    return Optional.of(serde);
                }
            }
        }
        return Optional.empty();
    }

    static boolean registrySerde(String className) {
        String n = className.toLowerCase(Locale.ROOT);
        return n.contains("avro")
                || n.contains("protobuf")
                || n.contains("jsonschema")
                || n.contains("apicurio")
                || n.contains("io.confluent");
    }
}
