package dev.cutover.probe.traffic;

import dev.cutover.config.SchemaIds;
import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.schemas.IdMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Whether and how the probe checks the workload's serializer format on the target (its schema check, {@link
 * SchemaChecks}), gathered by the caller from the source's tail sample, the profiles' registries, the stored id map and
 * the links of {@code cutover.yaml}.
 */
public sealed interface SchemaPlan {
    /** Ids checked per topic and side (keys, values): the first ones of the sample, in id order. */
    int MAX_IDS_PER_TOPIC = 5;

    /** The name of the check when it is not run. */
    String CHECK = "schema: the workload's serializer format on the target";

    String NO_REGISTRIES = "not run: the profiles name no schemaRegistry";

    /** The check does not apply here; {@code why} is one line for the report (never a pass). */
    record NotRun(String why) implements SchemaPlan {
        public NotRun {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The check runs.
     *
     * @param ids the sampled ids to check, each with where a record carrying it was seen on the source
     * @param unsampled topics of the workload whose tails could not be sampled, and why (each an unknown check)
     * @param source the source profile's registry
     * @param target the target profile's registry
     * @param map the id map {@code schemas sync} stored, if any
     * @param mapFile where that map is (or would be) stored, for messages
     * @param links per topic, the link of {@code cutover.yaml} that copies it; absent when none does
     */
    record Run(
            List<SampledId> ids,
            Map<String, String> unsampled,
            SchemaRegistrySettings source,
            SchemaRegistrySettings target,
            Optional<IdMap> map,
            Path mapFile,
            Map<String, CopiedBy> links)
            implements SchemaPlan {
        public Run {
            ids = List.copyOf(ids);
            unsampled = Map.copyOf(unsampled);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(map, "map");
            Objects.requireNonNull(mapFile, "mapFile");
            links = Map.copyOf(links);
        }
    }

    /** A record's key or value. */
    enum Side {
        KEY,
        VALUE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a record carrying a schema id was seen on the source. */
    record Location(int partition, long offset) {}

    /** A schema id the source's tail sample saw on a topic's keys or values, and where. */
    record SampledId(String topic, Side side, int id, Location seen) {
        public SampledId {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(seen, "seen");
        }

        public String describe() {
            return "topic " + topic + " " + side.word() + " schema id " + id;
        }
    }

    /** The link that copies a topic and its {@code schemaIds} (its own setting, else the default). */
    record CopiedBy(String link, SchemaIds schemaIds) {
        public CopiedBy {
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(schemaIds, "schemaIds");
        }

        public boolean rewrites() {
            return schemaIds == SchemaIds.REWRITE;
        }
    }

    /** The first {@value #MAX_IDS_PER_TOPIC} ids of one topic's side, in id order. */
    static List<SampledId> firstIds(String topic, Side side, SortedMap<Integer, Location> seen) {
        List<SampledId> out = new ArrayList<>();
        for (Map.Entry<Integer, Location> e : seen.entrySet()) {
            if (out.size() == MAX_IDS_PER_TOPIC) {
                break;
            }
            out.add(new SampledId(topic, side, e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The key of the schema check's summary in the probe's topics evidence. */
    String EVIDENCE_KEY = "schemaCheck";

    /**
     * The schema check's summary for the probe's topics evidence, when the run has schema checks: {@code "pass: …"}
     * (every id checked passed; at least one did), {@code "fail: …"} (one failed or is unknown) or {@code "not run: …"}.
     */
    static Optional<String> summary(List<ProbeCheck> checks) {
        List<ProbeCheck> mine =
                checks.stream().filter(c -> c.name().startsWith("schema:")).toList();
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        List<ProbeCheck> bad = mine.stream().filter(c -> !c.ok()).toList();
        long passed =
                mine.stream().filter(c -> c.status() == ProbeCheck.Status.PASS).count();
        if (!bad.isEmpty()) {
            return Optional.of("fail: " + bad.size() + " of " + mine.size() + " check(s): "
                    + String.join(
                            "; ",
                            bad.stream()
                                    .map(c -> c.name().substring("schema: ".length()) + " ("
                                            + c.status().word() + ")")
                                    .toList()));
        }
        if (passed == 0) {
            return Optional.of(
                    mine.get(0).details().startsWith("not run")
                            ? mine.get(0).details()
                            : "not run: no id the source registry knows");
        }
        return Optional.of("pass: " + passed + " schema id(s) produced, consumed and resolved to the same schema on the"
                + " target");
    }
}
