package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.Role;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.readiness.Area;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Connector and processor state: Connect workers, Kafka Streams applications, transactional read-process-write apps and
 * workloads with external side effects need a statement of how duplicates are kept harmless: attestation evidence in
 * this area, or a duplicate tolerance of {@code idempotent-downstream} or {@code replay-ok} in workloads.yaml. Other
 * workloads keep no state outside Kafka; the inventory and manifest are the evidence.
 */
final class StateRules {
    private StateRules() {}

    static AreaResult evaluate(WorkloadContext c) {
        String subject = "workload " + c.name();
        List<Finding> findings = new ArrayList<>(c.evidenceFindings(Area.STATE));
        List<String> evidence = new ArrayList<>(c.passingPaths(Area.STATE));
        List<String> reasons = new ArrayList<>();
        List<Group> groups = c.sourceGroups();
        if (c.has(Role.CONNECT) || groups.stream().anyMatch(g -> g.kind() == GroupKind.CONNECT)) {
            reasons.add("it is a Kafka Connect worker (connectors' offsets and sinks' writes)");
        }
        if (c.has(Role.STREAMS) || groups.stream().anyMatch(g -> g.kind() == GroupKind.STREAMS_APP)) {
            reasons.add("it is a Kafka Streams application (state stores, changelog and repartition topics)");
            streamsTopics(c, findings);
        }
        if (c.transactional() && c.consumes()) {
            reasons.add("it reads, processes and writes in transactions");
        }
        c.workload()
                .sideEffects()
                .filter(s -> !s.trim().toLowerCase(Locale.ROOT).startsWith("none"))
                .ifPresent(s -> reasons.add("it has external side effects (" + s + ")"));
        String manifest = "workloads.yaml#" + c.name();
        if (reasons.isEmpty()) {
            findings.add(Finding.of(
                    "STATE-003",
                    Severity.INFO,
                    subject,
                    "keeps no state outside Kafka that the inventory or manifest show"));
            evidence.add(manifest);
            return AreaResult.of(Area.STATE, c.owner(), findings, evidence);
        }
        c.passing(Area.STATE).stream()
                .filter(a -> a.evidence().kind().equals(dev.cutover.readiness.evidence.Evidence.WAVE_MOVE))
                .forEach(a -> {
                    var d = a.evidence().details();
                    findings.add(Finding.of(
                            "STATE-005",
                            Severity.INFO,
                            subject,
                            "moved with its state in wave " + d.getOrDefault("wave", "?") + ": groups "
                                    + d.getOrDefault("groups", "?") + " translated exactly ("
                                    + d.getOrDefault("replayed", "?") + " replayed, "
                                    + d.getOrDefault("skipped", "?") + " skipped), "
                                    + d.getOrDefault("recordsCompared", "?") + " record(s) of "
                                    + d.getOrDefault("compared", "?") + " the same on both clusters since its stop"));
                });
        DuplicateTolerance tolerance = c.workload().duplicateTolerance();
        boolean tolerant = tolerance != DuplicateTolerance.NONE;
        if (tolerant) {
            evidence.add(manifest);
            findings.add(Finding.of(
                    "STATE-002",
                    Severity.INFO,
                    subject,
                    String.join("; ", reasons) + ": duplicateTolerance " + tolerance.yamlName()
                            + " is its idempotency statement"));
        } else if (c.passing(Area.STATE).isEmpty()) {
            findings.add(Finding.of(
                    "STATE-001",
                    Severity.WARNING,
                    subject,
                    String.join("; ", reasons) + ", and duplicateTolerance is none: record how duplicates or"
                            + " replays stay harmless (idempotency key, deduplication, transactional sink) with"
                            + " `cutover evidence add --area state`"));
        }
        return AreaResult.of(Area.STATE, c.owner(), findings, evidence);
    }

    private static void streamsTopics(WorkloadContext c, List<Finding> findings) {
        for (String app : c.groups()) {
            List<String> internal = c.input().source().cluster().topics().stream()
                    .map(Topic::name)
                    .filter(n -> n.startsWith(app + "-") && (n.endsWith("-changelog") || n.endsWith("-repartition")))
                    .toList();
            if (!internal.isEmpty()) {
                findings.add(Finding.of(
                        "STATE-004",
                        Severity.INFO,
                        "application " + app,
                        "internal topics " + String.join(", ", internal) + ": on the target the state stores are"
                                + " rebuilt from the changelog (copied by the link, or recreated by Streams and"
                                + " restored from the input): plan for the restore time"));
            }
        }
    }
}
