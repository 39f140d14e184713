package dev.cutover.probe.traffic;

import dev.cutover.probe.traffic.SchemaPlan.CopiedBy;
import dev.cutover.probe.traffic.SchemaPlan.SampledId;
import dev.cutover.schemas.IdMap;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The id a copy of a record would carry on the target: the source id turned into the target's by the stored id map,
 * and what the link copying the topic does with it. Pure logic, the same judgement as readiness's {@code SCHEMA-001}
 * (an id absent from the map) and {@code SCHEMA-002} (mapped to another id and the link does not rewrite).
 */
sealed interface SchemaRoute {
    /** A copy carries {@code targetId}; {@code how} says why, for the report. */
    record Write(int targetId, String how) implements SchemaRoute {}

    /** No copy would carry a resolvable id: the check fails with these details and fix. */
    record Refused(String details, String fix) implements SchemaRoute {}

    static SchemaRoute of(SampledId sampled, Optional<IdMap> map, Path mapFile, Optional<CopiedBy> link) {
        if (map.isEmpty()) {
            return new Refused(
                    sampled.describe() + ": no schema id map at " + mapFile
                            + ", so no target id is known to resolve to the same schema",
                    "run 'cutover schemas sync' (it stores the map)");
        }
        OptionalInt target = map.get().target(sampled.id());
        if (target.isEmpty()) {
            return new Refused(
                    sampled.describe() + " (seen at partition " + sampled.seen().partition() + " offset "
                            + sampled.seen().offset() + ") is not in the id map " + mapFile
                            + ": the target registry is not known to hold its schema",
                    "run 'cutover schemas sync' for the subjects that hold id " + sampled.id());
        }
        int to = target.getAsInt();
        if (to == sampled.id()) {
            return new Write(to, "the same id on both registries");
        }
        if (link.isPresent() && link.get().rewrites()) {
            return new Write(
                    to,
                    "id " + sampled.id() + " → " + to + ", rewritten by link '"
                            + link.get().link() + "'");
        }
        String by = link.map(l -> "link '" + l.link() + "' copies the topic with schemaIds: "
                        + l.schemaIds().yaml())
                .orElse("no link of cutover.yaml copies the topic");
        return new Refused(
                sampled.describe() + " is id " + to + " on the target, but " + by
                        + ": copies would keep id " + sampled.id() + ", which the target resolves to another schema or"
                        + " none",
                link.map(l -> "set schemaIds: rewrite on link '" + l.link() + "' in cutover.yaml")
                                .orElse("add a link with schemaIds: rewrite that copies the topic")
                        + ", or sync into a target registry in IMPORT mode that keeps the ids");
    }
}
