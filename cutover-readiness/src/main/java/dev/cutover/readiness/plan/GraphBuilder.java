package dev.cutover.readiness.plan;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.config.WorkloadManifest;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.inventory.cluster.ClusterInventory.Transaction;
import dev.cutover.inventory.files.ClientRole;
import dev.cutover.inventory.files.DiscoveredClientConfig;
import dev.cutover.inventory.files.TopicMention;
import dev.cutover.inventory.workloads.DiscoveredClient;
import dev.cutover.inventory.workloads.Liveness;
import dev.cutover.inventory.workloads.WorkloadView;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds the {@link DependencyGraph} from the inventory and the manifest. What the cluster shows wins over what the
 * manifest declares: a group's committed offsets and assignments say what it reads, a transaction's partitions and
 * the partitions that hold its producer's state say what it writes; declared topics fill in the rest by role. The
 * rules are listed in {@code docs/plan.md} ("Dependency graph").
 */
final class GraphBuilder {
    /** Side-effect texts that say there are none ("none", "no", "n/a", "-", "none downstream; ..."). */
    private static final Pattern NO_SIDE_EFFECTS =
            Pattern.compile("^\\s*(none|no|n/?a|-)(\\b|\\s|;|,|\\.|$).*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ClusterInventory cluster;

    private GraphBuilder(ClusterInventory cluster) {
        this.cluster = cluster;
    }

    static DependencyGraph build(InventoryReport report, WorkloadManifest manifest) {
        GraphBuilder builder = new GraphBuilder(report.cluster());
        Map<String, WorkloadView> views = new LinkedHashMap<>();
        report.workloads().workloads().forEach(v -> views.put(v.name(), v));
        List<DependencyGraph.Node> nodes = new ArrayList<>();
        for (Workload w : manifest.workloads()) {
            nodes.add(builder.owned(Optional.of(w), Optional.ofNullable(views.get(w.name())), w.name()));
        }
        views.values().stream()
                .filter(v -> manifest.find(v.name()).isEmpty())
                .forEach(v -> nodes.add(builder.owned(Optional.empty(), Optional.of(v), v.name())));
        for (DiscoveredClient c : report.workloads().unowned()) {
            builder.unowned(c, report).ifPresent(nodes::add);
        }
        return new DependencyGraph(nodes);
    }

    /** Whether a manifest's {@code sideEffects} text names real side effects. */
    static boolean realSideEffects(String text) {
        return text != null && !text.isBlank() && !NO_SIDE_EFFECTS.matcher(text).matches();
    }

    private DependencyGraph.Node owned(Optional<Workload> workload, Optional<WorkloadView> view, String name) {
        Accumulator a = new Accumulator();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        workload.ifPresent(w -> roles.addAll(w.roles()));
        if (workload.isEmpty()) {
            view.get().roles().forEach(r -> Role.fromYaml(r).ifPresent(roles::add));
        }
        a.streams = roles.contains(Role.STREAMS);
        a.connect = roles.contains(Role.CONNECT);
        for (DiscoveredClient c : view.map(WorkloadView::matched).orElse(List.of())) {
            observe(c, a);
        }
        workload.ifPresent(w -> w.match().transactionalIds().forEach(a.transactionalIds::add));
        List<String> declared = workload.map(Workload::topics)
                .orElseGet(() -> view.map(WorkloadView::topics).orElse(List.of()));
        declare(declared, roles, a);
        Liveness liveness = view.map(WorkloadView::liveness).orElse(Liveness.NOT_SEEN);
        if (view.isEmpty()) {
            a.notes.add("the inventory does not know this workload (it was taken with another workloads.yaml)");
        }
        DuplicateTolerance tolerance = workload.map(Workload::duplicateTolerance)
                .or(() -> view.flatMap(v -> DuplicateTolerance.fromYaml(v.duplicateTolerance())))
                .orElse(DuplicateTolerance.NONE);
        Optional<String> sideEffects = workload.flatMap(Workload::sideEffects)
                .or(() -> view.map(WorkloadView::sideEffects))
                .filter(GraphBuilder::realSideEffects);
        Optional<String> rollbackOwner = workload.flatMap(Workload::rollbackOwner)
                .or(() -> view.map(WorkloadView::rollbackOwner))
                .filter(s -> !s.isBlank());
        Optional<String> owner = workload.map(Workload::owner).or(() -> view.map(WorkloadView::owner));
        return a.node(name, true, owner, tolerance, sideEffects, rollbackOwner, liveness);
    }

    private Optional<DependencyGraph.Node> unowned(DiscoveredClient c, InventoryReport report) {
        Accumulator a = new Accumulator();
        Liveness liveness = Liveness.NOT_OBSERVABLE;
        switch (c.kind()) {
            case "group" -> {
                observe(c, a);
                liveness = cluster.group(c.id())
                        .filter(g -> !g.members().isEmpty())
                        .map(g -> Liveness.SEEN)
                        .orElse(Liveness.NOT_SEEN);
            }
            case "transactional-id" -> {
                observe(c, a);
                liveness = Liveness.SEEN;
            }
            case "principal" -> {
                principal(c.id(), a);
                if (a.reads.isEmpty() && a.writes.isEmpty()) {
                    return Optional.empty(); // no topic-specific rights: nothing to plan (PLAN-001 lists it)
                }
            }
            case "config-file" -> configFile(c, report, a);
            default -> a.notes.add("discovered as " + c.kind() + "; its topics are not known");
        }
        return Optional.of(a.node(
                c.kind() + ":" + c.id(),
                false,
                Optional.empty(),
                DuplicateTolerance.NONE,
                Optional.empty(),
                Optional.empty(),
                liveness));
    }

    /** What the cluster shows about one matched identity. */
    private void observe(DiscoveredClient c, Accumulator a) {
        switch (c.kind()) {
            case "group" -> cluster.group(c.id()).ifPresent(g -> group(g, a));
            case "transactional-id" -> cluster.transaction(c.id()).ifPresent(t -> transaction(t, a));
            default -> {
                // principals and config files of owned workloads: the manifest's declared topics cover them
            }
        }
    }

    private void group(Group g, Accumulator a) {
        if (g.kind() == GroupKind.STREAMS_APP || "streams".equals(g.type())) {
            a.streams = true;
            cluster.topics().stream()
                    .map(ClusterInventory.Topic::name)
                    .filter(t ->
                            t.startsWith(g.groupId() + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                    .forEach(a.stateTopics::add);
        }
        if (g.kind() == GroupKind.CONNECT) {
            a.connect = true;
        }
        g.offsets().forEach(o -> {
            a.observedReads.add(o.topic());
            if (o.committedOffset() != null) {
                a.committedOffsets = true;
            }
        });
        g.members().forEach(m -> m.assignment().forEach(p -> a.observedReads.add(p.topic())));
    }

    private void transaction(Transaction t, Accumulator a) {
        a.transactionalIds.add(t.transactionalId());
        t.topicPartitions().forEach(p -> a.observedWrites.add(p.topic()));
        for (ClusterInventory.Topic topic : cluster.topics()) {
            boolean written = topic.partitions().stream()
                    .flatMap(p -> p.producers().stream())
                    .anyMatch(p -> p.producerId() == t.producerId());
            if (written) {
                a.observedWrites.add(topic.name());
            }
        }
    }

    /** Topic READ/WRITE ACLs of a principal; prefixed ones resolved against the cluster's topics. */
    private void principal(String principal, Accumulator a) {
        for (ClusterInventory.Acl acl : cluster.acls()) {
            if (!acl.principal().equals(principal)
                    || !acl.resourceType().equals("TOPIC")
                    || !acl.permission().equals("ALLOW")) {
                continue;
            }
            List<String> topics;
            if (acl.patternType().equals("PREFIXED")) {
                topics = cluster.topics().stream()
                        .map(ClusterInventory.Topic::name)
                        .filter(t -> t.startsWith(acl.resourceName()))
                        .toList();
            } else if (acl.resourceName().equals("*")) {
                topics = List.of();
            } else {
                topics = List.of(acl.resourceName());
            }
            String op = acl.operation();
            if (op.equals("READ") || op.equals("ALL")) {
                a.observedReads.addAll(topics);
            }
            if (op.equals("WRITE") || op.equals("ALL")) {
                a.observedWrites.addAll(topics);
            }
        }
        a.reads.addAll(a.observedReads);
        a.writes.addAll(a.observedWrites);
    }

    private static void configFile(DiscoveredClient c, InventoryReport report, Accumulator a) {
        Optional<DiscoveredClientConfig> config = report.configScan() == null
                ? Optional.empty()
                : report.configScan().clients().stream()
                        .filter(cc -> (cc.file() + ":" + cc.line()).equals(c.id()))
                        .findFirst();
        ClientRole role = config.map(cc -> cc.role().role()).orElse(ClientRole.UNKNOWN);
        List<String> topics = config.map(
                        cc -> cc.topics().stream().map(TopicMention::name).toList())
                .orElse(c.topics());
        switch (role) {
            case PRODUCER -> a.observedWrites.addAll(topics);
            case CONSUMER, STREAMS -> a.observedReads.addAll(topics);
            default -> {
                a.observedReads.addAll(topics);
                if (!topics.isEmpty()) {
                    a.notes.add("the config file does not say whether it reads or writes " + String.join(", ", topics)
                            + "; assumed read");
                }
            }
        }
        a.streams = role == ClientRole.STREAMS;
        a.connect = role == ClientRole.CONNECT;
    }

    /** Declared topics, by role, where the cluster did not already show the direction. */
    private static void declare(List<String> declared, Set<Role> roles, Accumulator a) {
        a.reads.addAll(a.observedReads);
        a.writes.addAll(a.observedWrites);
        boolean reader = roles.contains(Role.CONSUMER) || roles.contains(Role.STREAMS) || roles.contains(Role.CONNECT);
        boolean writer = roles.contains(Role.PRODUCER) || roles.contains(Role.STREAMS) || roles.contains(Role.CONNECT);
        for (String topic : declared) {
            if (a.reads.contains(topic) || a.writes.contains(topic) || a.stateTopics.contains(topic)) {
                continue;
            }
            if (topic.contains("*")) {
                a.notes.add("declared topic pattern " + topic + " is not resolved; name the topics to plan them");
            } else if (reader && !writer) {
                a.reads.add(topic);
            } else if (writer && !reader) {
                a.writes.add(topic);
            } else if (reader && !a.observedReads.isEmpty()) {
                a.writes.add(topic); // its groups show what it reads; a declared topic beyond those is its output
            } else if (reader) {
                a.reads.add(topic);
                a.notes.add("no group of it shows what it reads, so declared topic " + topic
                        + " is assumed read (the safer order: it moves before the topic's writers)");
            }
        }
    }

    /** Mutable while one node is built; becomes an immutable node. */
    private final class Accumulator {
        final SortedSet<String> observedReads = new TreeSet<>();
        final SortedSet<String> observedWrites = new TreeSet<>();
        final SortedSet<String> reads = new TreeSet<>();
        final SortedSet<String> writes = new TreeSet<>();
        final SortedSet<String> stateTopics = new TreeSet<>();
        final SortedSet<String> transactionalIds = new TreeSet<>();
        final List<String> notes = new ArrayList<>();
        boolean streams;
        boolean connect;
        boolean committedOffsets;

        DependencyGraph.Node node(
                String name,
                boolean owned,
                Optional<String> owner,
                DuplicateTolerance tolerance,
                Optional<String> sideEffects,
                Optional<String> rollbackOwner,
                Liveness liveness) {
            if (reads.isEmpty() && writes.isEmpty()) {
                reads.addAll(observedReads);
                writes.addAll(observedWrites);
            }
            for (SortedSet<String> set : List.of(reads, writes)) {
                set.removeIf(t -> t.startsWith("__") || stateTopics.contains(t) || t.contains("*"));
            }
            return new DependencyGraph.Node(
                    name,
                    owned,
                    owner,
                    reads,
                    writes,
                    stateTopics,
                    transactionalIds,
                    streams,
                    connect,
                    tolerance,
                    sideEffects,
                    rollbackOwner,
                    liveness,
                    committedOffsets,
                    notes);
        }
    }
}
