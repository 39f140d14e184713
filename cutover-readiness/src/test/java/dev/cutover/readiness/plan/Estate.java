package dev.cutover.readiness.plan;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.config.WorkloadManifest;
import dev.cutover.config.WorkloadMatch;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.InventoryFindings;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.inventory.cluster.ClusterInventory.GroupOffset;
import dev.cutover.inventory.cluster.ClusterInventory.Member;
import dev.cutover.inventory.cluster.ClusterInventory.Partition;
import dev.cutover.inventory.cluster.ClusterInventory.Producer;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.cluster.ClusterInventory.TopicPartitionRef;
import dev.cutover.inventory.cluster.ClusterInventory.Transaction;
import dev.cutover.inventory.files.ConfigScanResult;
import dev.cutover.inventory.workloads.WorkloadMerge;
import dev.cutover.inventory.workloads.WorkloadMerger;
import dev.cutover.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-built inventory (no broker) and manifest, for planner tests. */
final class Estate {
    private final List<String> topics = new ArrayList<>();
    private final Map<String, Map<String, String>> configs = new HashMap<>();
    private final Map<String, List<Long>> producers = new HashMap<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Transaction> transactions = new ArrayList<>();
    private final List<ClusterInventory.Acl> acls = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();
    private WorkloadManifest manifest;

    Estate topic(String name, String... configPairs) {
        topics.add(name);
        Map<String, String> c = new HashMap<>();
        for (int i = 0; i + 1 < configPairs.length; i += 2) {
            c.put(configPairs[i], configPairs[i + 1]);
        }
        configs.put(name, c);
        return this;
    }

    Estate topics(String... names) {
        Arrays.stream(names).forEach(this::topic);
        return this;
    }

    /** A consumer group with one member, committed offsets on every topic it reads. */
    Estate group(String id, String... reads) {
        return group(id, GroupKind.CONSUMER, true, reads);
    }

    Estate emptyGroup(String id, String... reads) {
        return group(id, GroupKind.CONSUMER, false, reads);
    }

    Estate streamsGroup(String applicationId, String... reads) {
        return group(applicationId, GroupKind.STREAMS_APP, true, reads);
    }

    Estate group(String id, GroupKind kind, boolean members, String... reads) {
        List<GroupOffset> offsets = Arrays.stream(reads)
                .map(t -> new GroupOffset(t, 0, 10L, 12L, 2L, null))
                .toList();
        List<Member> m = members
                ? List.of(new Member(
                        "m-" + id,
                        id + "-client",
                        "/127.0.0.1",
                        null,
                        Arrays.stream(reads)
                                .map(t -> new TopicPartitionRef(t, 0))
                                .toList(),
                        List.of()))
                : List.of();
        groups.add(new Group(
                id,
                "classic",
                kind == GroupKind.CONNECT ? "connect" : "consumer",
                kind,
                members ? "Stable" : "Empty",
                kind == GroupKind.STREAMS_APP ? "stream" : "range",
                1,
                m,
                offsets,
                2L));
        return this;
    }

    /** A transactional id whose producer has state on partition 0 of each topic it writes. */
    Estate transaction(String id, long producerId, String... writes) {
        transactions.add(new Transaction(id, "CompleteCommit", producerId, 0, 1, 60_000, null, List.of()));
        Arrays.stream(writes)
                .forEach(t ->
                        producers.computeIfAbsent(t, k -> new ArrayList<>()).add(producerId));
        return this;
    }

    Estate acl(String principal, String topic, String operation) {
        acls.add(new ClusterInventory.Acl("TOPIC", topic, "LITERAL", principal, "*", operation, "ALLOW"));
        return this;
    }

    Estate workload(W w) {
        workloads.add(w.build());
        return this;
    }

    Estate manifest(WorkloadManifest m) {
        this.manifest = m;
        return this;
    }

    WorkloadManifest manifest() {
        return manifest != null ? manifest : new WorkloadManifest(workloads);
    }

    ClusterInventory cluster() {
        List<Topic> t = topics.stream()
                .sorted()
                .map(name -> new Topic(
                        name,
                        "id-" + name,
                        false,
                        1,
                        1,
                        configs.getOrDefault(name, Map.of()).entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .map(e -> new ClusterInventory.ConfigSetting(
                                        e.getKey(), e.getValue(), "DYNAMIC_TOPIC_CONFIG", false))
                                .toList(),
                        1024L,
                        1024L,
                        1.0,
                        null,
                        null,
                        List.of(new Partition(
                                0,
                                1,
                                List.of(1),
                                List.of(1),
                                1024L,
                                0L,
                                100L,
                                producers.getOrDefault(name, List.of()).stream()
                                        .map(id -> new Producer(id, 0, 5, 0L, null, null))
                                        .toList()))))
                .toList();
        return new ClusterInventory(
                1,
                "source",
                "localhost:9092",
                "2026-01-01T00:00:00Z",
                10,
                "User:ANONYMOUS",
                new ClusterInventory.ClusterInfo(
                        "cluster-1",
                        1,
                        List.of(new ClusterInventory.Broker(1, "localhost", 9092, null)),
                        null,
                        Map.of(),
                        Map.of(),
                        null,
                        false),
                t,
                groups.stream()
                        .sorted(java.util.Comparator.comparing(Group::groupId))
                        .toList(),
                acls,
                List.of(),
                List.of(),
                transactions,
                List.of());
    }

    InventoryReport report() {
        ClusterInventory cluster = cluster();
        ConfigScanResult configs = new ConfigScanResult(0, List.of(), List.of(), List.of());
        WorkloadMerge merge = WorkloadMerger.merge(manifest(), cluster, configs, List.of());
        return new InventoryReport(
                1,
                "2026-01-01T00:00:00Z",
                "test",
                "source",
                cluster,
                null,
                null,
                null,
                merge,
                InventoryFindings.derive(cluster, null, null, merge));
    }

    PlanInput input() {
        return new PlanInput(report(), manifest());
    }

    Plan plan() {
        return Planner.plan(input());
    }

    /**
     * The sandbox's sample estate as the inventory sees it when seeded (plain security), with the real example
     * workloads.yaml shipped in cutover-sandbox.
     */
    static Estate sample() {
        return new Estate()
                .topic("orders", "cleanup.policy", "delete")
                .topic("orders.retry")
                .topic("orders.DLT")
                .topic("orders.counts", "cleanup.policy", "compact")
                .topic("payments", "compression.type", "zstd")
                .topic("audit.log", "cleanup.policy", "compact,delete")
                .topic("inventory.stock", "cleanup.policy", "compact")
                .topic("clickstream", "message.timestamp.type", "LogAppendTime", "compression.type", "lz4")
                .topic("orders-analytics-order-counts-store-changelog", "cleanup.policy", "compact")
                .group("billing", "payments")
                .group("fulfillment", "orders")
                .group("orders-retry", "orders.retry")
                .group("clickstream-analytics", "clickstream")
                .emptyGroup("audit-archiver", "audit.log")
                .streamsGroup("orders-analytics", "orders")
                .transaction("payments-service-tx", 7L, "payments", "audit.log")
                .manifest(sampleManifest());
    }

    static WorkloadManifest sampleManifest() {
        try {
            Path dir = Files.createTempDirectory("plan-sample");
            Files.writeString(
                    dir.resolve(Workspace.CONFIG_FILE),
                    "version: 1\nclusters:\n  source:\n    properties:\n      bootstrap.servers: localhost:9092\n");
            Sandbox.writeSampleWorkloads(dir);
            return Workspace.load(dir).workloads();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workload, built fluently. */
    static final class W {
        private final String name;
        private String owner = "team";
        private List<Role> roles = List.of(Role.CONSUMER);
        private List<String> topics = List.of();
        private DuplicateTolerance tolerance = DuplicateTolerance.NONE;
        private Optional<String> sideEffects = Optional.empty();
        private Optional<String> rollbackOwner = Optional.of("oncall");
        private final List<String> groups = new ArrayList<>();
        private final List<String> transactionalIds = new ArrayList<>();
        private final List<String> clientIds = new ArrayList<>();

        private W(String name) {
            this.name = name;
        }

        static W named(String name) {
            return new W(name);
        }

        W owner(String o) {
            owner = o;
            return this;
        }

        W roles(Role... r) {
            roles = List.of(r);
            return this;
        }

        W topics(String... t) {
            topics = List.of(t);
            return this;
        }

        W tolerance(DuplicateTolerance t) {
            tolerance = t;
            return this;
        }

        W sideEffects(String s) {
            sideEffects = Optional.of(s);
            return this;
        }

        W noRollbackOwner() {
            rollbackOwner = Optional.empty();
            return this;
        }

        W group(String g) {
            groups.add(g);
            return this;
        }

        W transactionalId(String t) {
            transactionalIds.add(t);
            return this;
        }

        W clientId(String c) {
            clientIds.add(c);
            return this;
        }

        Workload build() {
            List<String> clients = clientIds.isEmpty() && groups.isEmpty() && transactionalIds.isEmpty()
                    ? List.of(name + "-*")
                    : clientIds;
            return new Workload(
                    name,
                    owner,
                    roles,
                    topics,
                    tolerance,
                    sideEffects,
                    rollbackOwner,
                    new WorkloadMatch(groups, transactionalIds, clients, List.of()));
        }
    }
}
