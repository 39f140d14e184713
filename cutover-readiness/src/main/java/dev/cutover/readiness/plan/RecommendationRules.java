package dev.cutover.readiness.plan;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.workloads.DiscoveredClient;
import dev.cutover.inventory.workloads.Liveness;
import dev.cutover.inventory.workloads.WorkloadView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Estate-level recommendations, each with the inventory facts that led to it. Codes are stable:
 *
 * <ul>
 *   <li>{@code PLAN-001} clean up the inventory first: unowned clients, workloads not seen, topics without a known
 *       writer or without any known client, an incomplete scan, hard-coded endpoints, missing rollback owners
 *   <li>{@code PLAN-002} prove the target with representative clients: one per feature the estate uses
 *       (transactions, Streams, Connect, group protocols, compression, compaction, LogAppendTime, client software),
 *       the lowest-risk workload that uses it
 *   <li>{@code PLAN-003} change the architecture, not only the endpoint: partitions per broker, stored bytes or disk
 *       skew beyond the thresholds below
 *   <li>{@code PLAN-004} design offset and idempotency controls first: workloads with duplicateTolerance none that
 *       consume, have side effects or are transactional
 *   <li>{@code PLAN-005} compare deployment boundaries: ACLs, SCRAM users, quotas or racks that the target must carry
 * </ul>
 */
final class RecommendationRules {
    static final int REPLICAS_PER_BROKER = 4000;
    static final long STORED_BYTES = 10L << 40; // 10 TiB
    static final long SKEW_MIN_BYTES = 100L << 30; // 100 GiB
    static final double SKEW_FACTOR = 2.0;
    private static final int LIST_LIMIT = 8;

    private final InventoryReport report;
    private final ClusterInventory cluster;
    private final DependencyGraph graph;
    private final Map<String, Risk> risks;

    private RecommendationRules(InventoryReport report, DependencyGraph graph, Map<String, Risk> risks) {
        this.report = report;
        this.cluster = report.cluster();
        this.graph = graph;
        this.risks = risks;
    }

    static List<Recommendation> recommend(
            InventoryReport report, boolean emptyManifest, DependencyGraph graph, Map<String, Risk> risks) {
        RecommendationRules r = new RecommendationRules(report, graph, risks);
        List<Recommendation> all = new ArrayList<>();
        r.cleanUp(emptyManifest).ifPresent(all::add);
        r.proveTarget().ifPresent(all::add);
        r.architecture().ifPresent(all::add);
        r.offsetControls().ifPresent(all::add);
        r.boundaries().ifPresent(all::add);
        return List.copyOf(all);
    }

    private Optional<Recommendation> cleanUp(boolean emptyManifest) {
        List<String> facts = new ArrayList<>();
        if (emptyManifest) {
            facts.add("workloads.yaml names no workload: no client has an owner");
        }
        List<String> unowned = report.workloads().unowned().stream()
                .map(c -> c.kind() + " " + c.id())
                .toList();
        if (!unowned.isEmpty()) {
            facts.add(unowned.size() + " discovered client(s) no workload claims (INV-003): " + list(unowned));
        }
        List<String> notSeen = views(v -> v.liveness() == Liveness.NOT_SEEN);
        if (!notSeen.isEmpty()) {
            facts.add("owned but not seen on the cluster (INV-001): " + list(notSeen));
        }
        List<String> notObservable = views(v -> v.liveness() == Liveness.NOT_OBSERVABLE);
        if (!notObservable.isEmpty()) {
            facts.add("matched only by client id or principal, so their presence cannot be checked (INV-002): "
                    + list(notObservable));
        }
        SortedSet<String> noWriter = new TreeSet<>();
        graph.topics().stream().filter(t -> graph.writersOf(t).isEmpty()).forEach(noWriter::add);
        if (!noWriter.isEmpty()) {
            facts.add("read, but no writer is known: " + list(noWriter));
        }
        SortedSet<String> unused = new TreeSet<>();
        Set<String> used = graph.topics();
        Set<String> state = new TreeSet<>();
        graph.nodes().forEach(n -> state.addAll(n.stateTopics()));
        cluster.topics().stream()
                .filter(t -> !t.internal() && !t.name().startsWith("__"))
                .map(Topic::name)
                .filter(t -> !used.contains(t) && !state.contains(t))
                .forEach(unused::add);
        if (!unused.isEmpty()) {
            facts.add("on the cluster, but no known client uses them: " + list(unused));
        }
        List<String> principals = report.workloads().unowned().stream()
                .filter(c -> c.kind().equals("principal"))
                .filter(c -> graph.node("principal:" + c.id()).isEmpty())
                .map(DiscoveredClient::id)
                .toList();
        if (!principals.isEmpty()) {
            facts.add("principals with ACLs but no topic-specific READ or WRITE, so not planned: " + list(principals));
        }
        if (!cluster.problems().isEmpty()) {
            facts.add("the scan was incomplete (INV-005): " + cluster.problems().size() + " problem(s)");
        }
        if (report.configScan() != null
                && !report.configScan().hardcodedEndpoints().isEmpty()) {
            facts.add(report.configScan().hardcodedEndpoints().size()
                    + " bootstrap address(es) hard-coded in source code (INV-009)");
        }
        List<String> noRollbackOwner = graph.nodes().stream()
                .filter(n -> n.owned() && n.rollbackOwner().isEmpty())
                .map(DependencyGraph.Node::name)
                .toList();
        if (!noRollbackOwner.isEmpty()) {
            facts.add("no rollbackOwner: " + list(noRollbackOwner));
        }
        boolean ownership = emptyManifest
                || !unowned.isEmpty()
                || !notSeen.isEmpty()
                || !cluster.problems().isEmpty()
                || !noRollbackOwner.isEmpty()
                || (report.configScan() != null
                        && !report.configScan().hardcodedEndpoints().isEmpty());
        return ownership
                ? Optional.of(new Recommendation(
                        "PLAN-001",
                        "Clean up the inventory first: the migration cannot be safer than its ownership model",
                        facts))
                : Optional.empty();
    }

    private Optional<Recommendation> proveTarget() {
        if (graph.nodes().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Predicate<DependencyGraph.Node>> features = new LinkedHashMap<>();
        features.put("transactions", DependencyGraph.Node::transactional);
        features.put("Kafka Streams", DependencyGraph.Node::streams);
        features.put("Kafka Connect", DependencyGraph.Node::connect);
        Map<String, SortedSet<String>> groupTypes = groupTypesByNode();
        new TreeSet<>(groupTypes.values().stream().flatMap(Set::stream).toList())
                .forEach(type -> features.put(
                        type + " group protocol",
                        n -> groupTypes.getOrDefault(n.name(), new TreeSet<>()).contains(type)));
        Map<String, SortedSet<String>> byValue = new TreeMap<>();
        for (Topic t : cluster.topics()) {
            t.config("compression.type")
                    .filter(c -> !c.equals("producer") && !c.equals("none"))
                    .ifPresent(c -> byValue.computeIfAbsent(c + " compression (topic config)", k -> new TreeSet<>())
                            .add(t.name()));
            t.config("cleanup.policy").filter(c -> c.contains("compact")).ifPresent(c -> byValue.computeIfAbsent(
                            "compacted topics", k -> new TreeSet<>())
                    .add(t.name()));
            t.config("message.timestamp.type")
                    .filter(c -> c.equals("LogAppendTime"))
                    .ifPresent(c -> byValue.computeIfAbsent("LogAppendTime topics", k -> new TreeSet<>())
                            .add(t.name()));
        }
        byValue.forEach(
                (feature, topics) -> features.put(feature + " (" + String.join(", ", topics) + ")", n -> topics.stream()
                        .anyMatch(t -> n.reads().contains(t) || n.writes().contains(t))));
        Map<String, SortedSet<String>> software = new TreeMap<>();
        report.workloads().workloads().forEach(v -> v.clientSoftware()
                .forEach(s -> software.computeIfAbsent(s, k -> new TreeSet<>()).add(v.name())));
        software.forEach((s, names) -> features.put("client software " + s, n -> names.contains(n.name())));
        List<String> facts = new ArrayList<>();
        features.forEach((feature, uses) -> representative(uses)
                .ifPresent(n -> facts.add(feature + ": " + n.name() + " ("
                        + risks.get(n.name()).level().yamlName() + " risk"
                        + (count(uses) > 1 ? ", the lowest-risk of " + count(uses) : "") + ")")));
        if (facts.isEmpty()) {
            facts.add("no special feature found: prove plain produce and consume with the lowest-risk workload");
        }
        return Optional.of(new Recommendation(
                "PLAN-002",
                "Prove the target with representative clients before any wave: one per feature the estate uses",
                facts));
    }

    private Optional<Recommendation> architecture() {
        List<String> facts = new ArrayList<>();
        int brokers = Math.max(1, cluster.cluster().brokers().size());
        long replicas = cluster.topics().stream()
                .flatMap(t -> t.partitions().stream())
                .mapToLong(p -> p.replicas().size())
                .sum();
        if (replicas / brokers > REPLICAS_PER_BROKER) {
            facts.add(replicas / brokers + " partition replicas per broker (over " + REPLICAS_PER_BROKER
                    + "): reassignments and restarts are slow");
        }
        long stored = cluster.topics().stream()
                .map(Topic::replicatedSizeBytes)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .sum();
        if (stored > STORED_BYTES) {
            facts.add(gib(stored) + " GiB on broker disks (over " + gib(STORED_BYTES)
                    + " GiB): adding capacity means moving data");
        }
        Map<Integer, Long> perBroker = new TreeMap<>();
        cluster.topics().forEach(t -> t.partitions().forEach(p -> {
            if (p.sizeBytes() != null) {
                p.replicas().forEach(b -> perBroker.merge(b, p.sizeBytes(), Long::sum));
            }
        }));
        if (perBroker.size() > 1) {
            double average = perBroker.values().stream()
                    .mapToLong(Long::longValue)
                    .average()
                    .orElse(0);
            Map.Entry<Integer, Long> most = perBroker.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow();
            if (most.getValue() > SKEW_MIN_BYTES && most.getValue() > SKEW_FACTOR * average) {
                facts.add("broker " + most.getKey() + " holds " + gib(most.getValue()) + " GiB, over "
                        + SKEW_FACTOR + "× the average of " + gib((long) average) + " GiB: partitions need"
                        + " constant rebalancing");
            }
        }
        return facts.isEmpty()
                ? Optional.empty()
                : Optional.of(new Recommendation(
                        "PLAN-003",
                        "Change the architecture, not only the endpoint: compute and storage are coupled on these"
                                + " brokers",
                        facts));
    }

    private Optional<Recommendation> offsetControls() {
        List<String> facts = new ArrayList<>();
        for (DependencyGraph.Node n : graph.nodes()) {
            if (!n.owned() || n.tolerance() != DuplicateTolerance.NONE) {
                continue;
            }
            List<String> why = new ArrayList<>();
            if (!n.reads().isEmpty()) {
                why.add("consumes " + String.join(", ", n.reads()));
            }
            n.sideEffects().ifPresent(s -> why.add("side effects: " + s));
            if (n.transactional()) {
                why.add("transactional (" + String.join(", ", n.transactionalIds()) + ")");
            }
            if (!why.isEmpty()) {
                facts.add(n.name() + ": duplicateTolerance none, " + String.join("; ", why));
            }
        }
        return facts.isEmpty()
                ? Optional.empty()
                : Optional.of(new Recommendation(
                        "PLAN-004",
                        "Design offset and idempotency controls before any cutover: a replay or a skip would harm"
                                + " these workloads, and data synchronisation alone cannot protect their downstream"
                                + " systems",
                        facts));
    }

    private Optional<Recommendation> boundaries() {
        List<String> facts = new ArrayList<>();
        if (!cluster.acls().isEmpty()) {
            long principals = cluster.acls().stream()
                    .map(ClusterInventory.Acl::principal)
                    .distinct()
                    .count();
            facts.add(cluster.acls().size() + " ACL binding(s) for " + principals + " principal(s)");
        }
        if (!cluster.scramUsers().isEmpty()) {
            facts.add(cluster.scramUsers().size() + " SCRAM user(s)");
        }
        if (!cluster.quotas().isEmpty()) {
            facts.add(cluster.quotas().size() + " client quota entit(ies)");
        }
        long racks = cluster.cluster().brokers().stream()
                .map(ClusterInventory.Broker::rack)
                .filter(Objects::nonNull)
                .distinct()
                .count();
        if (racks > 1) {
            facts.add("brokers spread over " + racks + " racks");
        }
        return facts.isEmpty()
                ? Optional.empty()
                : Optional.of(new Recommendation(
                        "PLAN-005",
                        "Compare target platforms by deployment boundary: identity, governance and placement must be"
                                + " carried over, and who operates the data plane decides how",
                        facts));
    }

    /** Group types (classic, consumer, share, streams) each node's groups use. */
    private Map<String, SortedSet<String>> groupTypesByNode() {
        Map<String, SortedSet<String>> types = new TreeMap<>();
        for (WorkloadView v : report.workloads().workloads()) {
            v.matched().stream().filter(c -> c.kind().equals("group")).forEach(c -> cluster.group(c.id())
                    .map(Group::type)
                    .ifPresent(t -> types.computeIfAbsent(v.name(), k -> new TreeSet<>())
                            .add(t.toLowerCase(Locale.ROOT))));
        }
        for (DiscoveredClient c : report.workloads().unowned()) {
            if (c.kind().equals("group")) {
                cluster.group(c.id()).map(Group::type).ifPresent(t -> types.computeIfAbsent(
                                "group:" + c.id(), k -> new TreeSet<>())
                        .add(t.toLowerCase(Locale.ROOT)));
            }
        }
        types.values().forEach(s -> s.remove("unknown"));
        return types;
    }

    private Optional<DependencyGraph.Node> representative(Predicate<DependencyGraph.Node> uses) {
        return graph.nodes().stream()
                .filter(uses)
                .min(Comparator.comparing(
                                (DependencyGraph.Node n) -> risks.get(n.name()).level())
                        .thenComparing(n -> !n.owned())
                        .thenComparing(DependencyGraph.Node::name));
    }

    private long count(Predicate<DependencyGraph.Node> uses) {
        return graph.nodes().stream().filter(uses).count();
    }

    private List<String> views(Predicate<WorkloadView> which) {
        return report.workloads().workloads().stream()
                .filter(which)
                .map(WorkloadView::name)
                .toList();
    }

    private static String list(java.util.Collection<String> items) {
        List<String> all = List.copyOf(items);
        if (all.size() <= LIST_LIMIT) {
            return String.join(", ", all);
        }
        return String.join(", ", all.subList(0, LIST_LIMIT)) + " and " + (all.size() - LIST_LIMIT) + " more";
    }

    private static long gib(long bytes) {
        return bytes >> 30;
    }
}
