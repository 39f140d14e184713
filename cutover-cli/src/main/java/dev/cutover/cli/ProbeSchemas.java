package dev.cutover.cli;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.sample.SchemaIds;
import dev.cutover.probe.traffic.SchemaPlan;
import dev.cutover.readiness.areas.SchemaContract;
import dev.cutover.schemas.IdMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Gathers the probe's schema check ({@link SchemaPlan}): the ids of the source's tail sample, both profiles'
 * registries, the stored id map and, per topic, the link that copies it (as readiness's {@code SCHEMA-002} finds it).
 */
final class ProbeSchemas {
    private ProbeSchemas() {}

    static SchemaPlan plan(
            Workspace ws,
            ConnectionProfile target,
            Optional<ConnectionProfile> source,
            List<String> topics,
            ProbeSample.Sizes sample) {
        if (source.isEmpty()) {
            return new SchemaPlan.NotRun("not run: the workspace has no source profile to sample records from");
        }
        boolean onSource = source.get().schemaRegistry().isPresent();
        boolean onTarget = target.schemaRegistry().isPresent();
        if (!onSource && !onTarget) {
            return new SchemaPlan.NotRun(SchemaPlan.NO_REGISTRIES);
        }
        if (!onSource || !onTarget) {
            return new SchemaPlan.NotRun("not run: only profile '" + (onSource ? source.get() : target).name()
                    + "' names a schemaRegistry; both must (readiness SCHEMA-007)");
        }
        List<SchemaPlan.SampledId> ids = new ArrayList<>();
        for (String topic : topics) {
            SchemaIds seen = sample.schemaIds().get(topic);
            if (seen != null) {
                ids.addAll(SchemaPlan.firstIds(topic, SchemaPlan.Side.KEY, locations(seen.keys())));
                ids.addAll(SchemaPlan.firstIds(topic, SchemaPlan.Side.VALUE, locations(seen.values())));
            }
        }
        Map<String, String> unsampled = new TreeMap<>(sample.unsampled());
        unsampled.keySet().retainAll(topics);
        if (ids.isEmpty() && unsampled.isEmpty()) {
            return new SchemaPlan.NotRun(
                    topics.isEmpty()
                            ? "not run: the workload lists no literal topics to sample"
                            : "not run: the source's tail sample of " + String.join(", ", topics)
                                    + " holds no wire-format record (magic byte 0 and a schema id)");
        }
        Map<String, SchemaPlan.CopiedBy> links = new TreeMap<>();
        SchemaContract.links(ws.config().links(), topics, true)
                .forEach((topic, mode) -> links.put(topic, new SchemaPlan.CopiedBy(mode.link(), mode.schemaIds())));
        return new SchemaPlan.Run(
                ids,
                unsampled,
                source.get().schemaRegistry().get(),
                target.schemaRegistry().get(),
                IdMap.load(ws.dir(), source.get().name(), target.name()),
                IdMap.file(ws.dir(), source.get().name(), target.name()),
                links);
    }

    private static SortedMap<Integer, SchemaPlan.Location> locations(Map<Integer, SchemaIds.Seen> seen) {
        SortedMap<Integer, SchemaPlan.Location> out = new TreeMap<>();
        seen.forEach((id, s) -> out.put(id, new SchemaPlan.Location(s.partition(), s.offset())));
        return out;
    }
}
