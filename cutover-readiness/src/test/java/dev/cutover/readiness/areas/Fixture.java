package dev.cutover.readiness.areas;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.config.OffsetDecision;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.config.WorkloadManifest;
import dev.cutover.config.WorkloadMatch;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.inventory.cluster.ClusterInventory;
import dev.cutover.inventory.cluster.ClusterInventory.Acl;
import dev.cutover.inventory.cluster.ClusterInventory.ClusterInfo;
import dev.cutover.inventory.cluster.ClusterInventory.ConfigSetting;
import dev.cutover.inventory.cluster.ClusterInventory.FeatureRange;
import dev.cutover.inventory.cluster.ClusterInventory.Group;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.inventory.cluster.ClusterInventory.GroupOffset;
import dev.cutover.inventory.cluster.ClusterInventory.ScramCredential;
import dev.cutover.inventory.cluster.ClusterInventory.ScramUser;
import dev.cutover.inventory.cluster.ClusterInventory.Topic;
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.workloads.DiscoveredClient;
import dev.cutover.inventory.workloads.Liveness;
import dev.cutover.inventory.workloads.WorkloadMerge;
import dev.cutover.inventory.workloads.WorkloadView;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.Freshness;
import dev.cutover.readiness.evidence.StoredEvidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small source/target estate built in memory, for rule tests without brokers. Mutable, one per test. */
final class Fixture {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final String TARGET_ID = "target-id";

    final List<Topic> sourceTopics = new ArrayList<>();
    final List<Topic> targetTopics = new ArrayList<>();
    final List<Group> sourceGroups = new ArrayList<>();
    final List<Acl> targetAcls = new ArrayList<>();
    final List<ScramUser> targetUsers = new ArrayList<>();
    final List<Workload> workloads = new ArrayList<>();
    final Map<String, List<String>> software = new HashMap<>();
    final List<Freshness.Assessed> evidence = new ArrayList<>();
    Boolean targetAuthorizer = true;
    int targetMetadataLevel = 27;
    RecordSamples samples = RecordSamples.none();
    Endpoints endpoints = new Endpoints("SASL_PLAINTEXT", "SCRAM-SHA-512", "SASL_PLAINTEXT", "SCRAM-SHA-512", true);

    static Topic topic(String name, int partitions, Map<String, String> configs) {
        List<ConfigSetting> settings = configs.entrySet().stream()
                .map(e -> new ConfigSetting(e.getKey(), e.getValue(), "DYNAMIC_TOPIC_CONFIG", false))
                .toList();
        return new Topic(name, "id-" + name, false, partitions, 1, settings, null, null, null, null, null, List.of());
    }

    static Acl allow(String type, String name, String principal, String operation) {
        return new Acl(type, name, "LITERAL", principal, "*", operation, "ALLOW");
    }

    static Acl allowPrefixed(String type, String prefix, String principal, String operation) {
        return new Acl(type, prefix, "PREFIXED", principal, "*", operation, "ALLOW");
    }

    static Acl deny(String type, String name, String principal, String operation) {
        return new Acl(type, name, "LITERAL", principal, "*", operation, "DENY");
    }

    /** Same topic on both sides. */
    Fixture bothTopics(String name, int partitions) {
        sourceTopics.add(topic(name, partitions, Map.of()));
        targetTopics.add(topic(name, partitions, Map.of()));
        return this;
    }

    Fixture group(String groupId, GroupKind kind, String... topics) {
        List<GroupOffset> offsets = java.util.Arrays.stream(topics)
                .map(t -> new GroupOffset(t, 0, 10L, 10L, 0L, null))
                .toList();
        sourceGroups.add(new Group(groupId, "classic", "consumer", kind, "Stable", null, 0, List.of(), offsets, 0L));
        return this;
    }

    Fixture user(String user) {
        targetUsers.add(new ScramUser(user, List.of(new ScramCredential("SCRAM-SHA-512", 4096))));
        return this;
    }

    static Workload consumer(String name, String group, String principal, List<String> topics) {
        return new Workload(
                name,
                "team-" + name,
                List.of(Role.CONSUMER),
                topics,
                DuplicateTolerance.NONE,
                Optional.empty(),
                Optional.of("oncall-" + name),
                new WorkloadMatch(List.of(group), List.of(), List.of(), List.of(principal)),
                Optional.of(OffsetDecision.TRANSLATE));
    }

    static Workload producer(String name, String principal, List<String> topics) {
        return new Workload(
                name,
                "team-" + name,
                List.of(Role.PRODUCER),
                topics,
                DuplicateTolerance.NONE,
                Optional.empty(),
                Optional.of("oncall-" + name),
                new WorkloadMatch(List.of(), List.of(), List.of(), List.of(principal)),
                Optional.empty());
    }

    static Workload with(Workload w, DuplicateTolerance tolerance, Optional<OffsetDecision> offsets) {
        return new Workload(
                w.name(),
                w.owner(),
                w.roles(),
                w.topics(),
                tolerance,
                w.sideEffects(),
                w.rollbackOwner(),
                w.match(),
                offsets);
    }

    Fixture workload(Workload w) {
        workloads.add(w);
        return this;
    }

    Fixture software(String workload, String... names) {
        software.put(workload, List.of(names));
        return this;
    }

    Fixture evidence(String workload, Area area, String kind, Evidence.Result result, Map<String, String> details) {
        return evidence(workload, area, kind, result, details, NOW.minus(Duration.ofDays(1)), TARGET_ID);
    }

    Fixture evidence(
            String workload,
            Area area,
            String kind,
            Evidence.Result result,
            Map<String, String> details,
            Instant at,
            String clusterId) {
        Evidence e = new Evidence(
                Evidence.SCHEMA_VERSION,
                kind,
                workload,
                area,
                "test",
                "development",
                "host",
                "user",
                "alice",
                at.toString(),
                clusterId,
                result,
                details,
                null,
                null,
                false);
        StoredEvidence stored = new StoredEvidence("evidence/" + evidence.size() + "-" + area.yamlName() + ".json", e);
        evidence.add(Freshness.assess(stored, NOW, Duration.ofDays(30), Optional.of(TARGET_ID)));
        return this;
    }

    /** Passing attestations in every area that asks for one. */
    Fixture attestAll(String workload) {
        for (Area a : List.of(Area.PROTOCOL, Area.IDENTITY, Area.STATE, Area.OBSERVABILITY, Area.ROLLBACK)) {
            evidence(workload, a, Evidence.ATTESTATION, Evidence.Result.PASS, Map.of("note", "tested"));
        }
        return this;
    }

    ReadinessInput input() {
        ClusterInventory source =
                cluster("source", "source-id", sourceTopics, sourceGroups, List.of(), List.of(), true);
        ClusterInventory target =
                cluster("target", TARGET_ID, targetTopics, List.of(), targetAcls, targetUsers, targetAuthorizer);
        List<WorkloadView> views = workloads.stream().map(this::view).toList();
        InventoryReport report = new InventoryReport(
                1,
                NOW.toString(),
                "development",
                "source",
                source,
                null,
                null,
                null,
                new WorkloadMerge(views, List.of()),
                List.of());
        return new ReadinessInput(report, target, endpoints, new WorkloadManifest(workloads), evidence, NOW, samples);
    }

    AreaResult area(String workload, Area area) {
        return assess(workload).area(area);
    }

    WorkloadResult assess(String workload) {
        return new Assessor(input()).assess(workload);
    }

    private WorkloadView view(Workload w) {
        List<DiscoveredClient> matched = new ArrayList<>();
        sourceGroups.stream()
                .filter(g -> w.match().matchesGroupId(g.groupId()))
                .forEach(g -> matched.add(new DiscoveredClient("group", g.groupId(), "", List.of())));
        return new WorkloadView(
                w.name(),
                w.owner(),
                w.roles().stream().map(Role::yamlName).toList(),
                w.topics(),
                w.duplicateTolerance().yamlName(),
                w.sideEffects().orElse(null),
                w.rollbackOwner().orElse(null),
                Liveness.SEEN,
                matched,
                software.getOrDefault(w.name(), List.of()));
    }

    private ClusterInventory cluster(
            String profile,
            String id,
            List<Topic> topics,
            List<Group> groups,
            List<Acl> acls,
            List<ScramUser> users,
            Boolean authorizer) {
        Map<String, FeatureRange> supported = new LinkedHashMap<>();
        supported.put("metadata.version", new FeatureRange(7, targetMetadataLevel));
        return new ClusterInventory(
                1,
                profile,
                "localhost:9092",
                NOW.toString(),
                1,
                "User:admin",
                new ClusterInfo(id, 1, List.of(), targetMetadataLevel, Map.of(), supported, null, authorizer),
                topics,
                groups,
                acls,
                List.of(),
                users,
                List.of(),
                List.of());
    }
}
