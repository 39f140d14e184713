package dev.cutover.link.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.api.Finding;
import dev.cutover.link.sync.SyncReport.Outcome;
import dev.cutover.link.sync.TopicAction.AddPartitions;
import dev.cutover.link.sync.TopicAction.AlterConfigs;
import dev.cutover.link.sync.TopicAction.CreateTopic;
import dev.cutover.link.sync.TopicAction.Unchanged;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Topic, ACL and quota sync between two real clusters. Each test uses its own topic prefix. */
@ExtendWith(ClustersExtension.class)
class MetadataSyncIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void createsTopicsWithTheirConfigsOnTheTarget(
            @Cluster("source") EmbeddedCluster sourceCluster, @Cluster("target") EmbeddedCluster targetCluster)
            throws Exception {
        try (Admin source = sourceCluster.admin();
                Admin target = targetCluster.admin()) {
            // Given topics with various configs on the source
            create(
                    source,
                    "a.clicks",
                    3,
                    Map.of(
                            "message.timestamp.type", "LogAppendTime",
                            "retention.ms", "3600000",
                            "message.timestamp.before.max.ms", "86400000"));
            create(source, "a.users", 2, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "1000"));
            create(
                    source,
                    "a.logs",
                    4,
                    Map.of(
                            "retention.bytes", "10485760",
                            "max.message.bytes", "2097152",
                            "min.insync.replicas", "2",
                            "compression.type", "zstd"));
            TopicSync sync = new TopicSync(source, target, TopicSelection.matching("a\\..*"));

            // When
            TopicSyncPlan plan = sync.plan();
            SyncReport report = sync.apply(plan);

            // Then every topic is created with the source's partitions and copied overrides
            assertThat(report.items(Outcome.CREATED))
                    .extracting(SyncReport.Item::subject)
                    .containsExactly("a.clicks", "a.logs", "a.users");
            assertThat(report.items(Outcome.FAILED)).isEmpty();
            assertThat(report.dryRun()).isFalse();
            eventually(
                    () -> target.listTopics().names().get(30, TimeUnit.SECONDS),
                    n -> n.containsAll(Set.of("a.clicks", "a.logs", "a.users")));
            assertThat(partitions(target, "a.clicks")).isEqualTo(3);
            assertThat(partitions(target, "a.logs")).isEqualTo(4);
            assertThat(partitions(target, "a.users")).isEqualTo(2);

            Config clicks = config(target, "a.clicks");
            assertThat(clicks.get("message.timestamp.type").value()).isEqualTo("CreateTime");
            assertThat(clicks.get("retention.ms").value()).isEqualTo("3600000");
            assertThat(clicks.get("message.timestamp.before.max.ms").value()).isEqualTo("86400000");
            assertThat(report.itemsFor("a.clicks"))
                    .filteredOn(i -> i.outcome() == Outcome.ADJUSTED)
                    .extracting(SyncReport.Item::detail)
                    .anySatisfy(
                            d -> assertThat(d).startsWith("message.timestamp.type=LogAppendTime (KEPT_CREATE_TIME)"));

            Config users = config(target, "a.users");
            assertThat(users.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(users.get("min.compaction.lag.ms").value()).isEqualTo("1000");

            Config logs = config(target, "a.logs");
            assertThat(logs.get("retention.bytes").value()).isEqualTo("10485760");
            assertThat(logs.get("max.message.bytes").value()).isEqualTo("2097152");
            assertThat(logs.get("compression.type").value()).isEqualTo("zstd");
            assertThat(logs.get("min.insync.replicas").source()).isNotEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(report.itemsFor("a.logs"))
                    .extracting(SyncReport.Item::detail)
                    .anySatisfy(d -> assertThat(d).startsWith("min.insync.replicas=2 (TARGET_OWNED)"));

            // And the source is untouched, and a second sync finds nothing to do
            assertThat(config(source, "a.clicks").get("message.timestamp.type").value())
                    .isEqualTo("LogAppendTime");
            assertThat(sync.plan().actions()).allMatch(a -> a instanceof Unchanged);
        }
    }

    @Test
    void followsAPartitionIncreaseOnTheSource(
            @Cluster("source") EmbeddedCluster sourceCluster, @Cluster("target") EmbeddedCluster targetCluster)
            throws Exception {
        try (Admin source = sourceCluster.admin();
                Admin target = targetCluster.admin()) {
            // Given a synced topic that then grows on the source
            create(source, "b.orders", 2, Map.of());
            TopicSync sync = new TopicSync(source, target, TopicSelection.matching("b\\..*"));
            sync.apply(sync.plan());
            source.createPartitions(Map.of("b.orders", NewPartitions.increaseTo(5)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            eventually(() -> partitions(source, "b.orders"), p -> p == 5);

            // When
            TopicSyncPlan plan = sync.plan();
            SyncReport report = sync.apply(plan);

            // Then
            assertThat(plan.actions()).containsExactly(new AddPartitions("b.orders", 2, 5));
            assertThat(report.items(Outcome.PARTITIONS_ADDED))
                    .extracting(SyncReport.Item::subject)
                    .containsExactly("b.orders");
            assertThat(eventually(() -> partitions(target, "b.orders"), p -> p == 5))
                    .isEqualTo(5);
        }
    }

    @Test
    void followsConfigChangesAndUnsetsButKeepsTargetOwnedConfigs(
            @Cluster("source") EmbeddedCluster sourceCluster, @Cluster("target") EmbeddedCluster targetCluster)
            throws Exception {
        try (Admin source = sourceCluster.admin();
                Admin target = targetCluster.admin()) {
            // Given a synced topic; the target's operators then raise min.insync.replicas there
            create(source, "c.events", 1, Map.of("retention.ms", "1000000", "segment.ms", "600000"));
            TopicSync sync = new TopicSync(source, target, TopicSelection.matching("c\\..*"));
            sync.apply(sync.plan());
            alter(target, "c.events", Map.of("min.insync.replicas", "2"), Set.of());

            // When the source changes one config and drops another
            alter(source, "c.events", Map.of("retention.ms", "2000000"), Set.of("segment.ms"));
            eventually(() -> config(source, "c.events").get("retention.ms").value(), "2000000"::equals);
            TopicSyncPlan plan = sync.plan();
            SyncReport report = sync.apply(plan);

            // Then
            assertThat(plan.actions())
                    .containsExactly(
                            new AlterConfigs("c.events", Map.of("retention.ms", "2000000"), Set.of("segment.ms")));
            assertThat(report.items(Outcome.ALTERED)).hasSize(1);
            Config events = eventually(
                    () -> config(target, "c.events"),
                    c -> c.get("retention.ms").value().equals("2000000"));
            assertThat(events.get("segment.ms").source()).isNotEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(events.get("min.insync.replicas").value()).isEqualTo("2");
        }
    }

    @Test
    void refusesIncompatibleTargetTopicsAndSyncsTheOthers(
            @Cluster("source") EmbeddedCluster sourceCluster, @Cluster("target") EmbeddedCluster targetCluster)
            throws Exception {
        try (Admin source = sourceCluster.admin();
                Admin target = targetCluster.admin()) {
            // Given target topics created by hand, one wider and one with another cleanup.policy
            create(source, "d.wide", 2, Map.of());
            create(source, "d.table", 1, Map.of("cleanup.policy", "compact"));
            create(source, "d.fine", 3, Map.of());
            create(target, "d.wide", 4, Map.of());
            create(target, "d.table", 1, Map.of());
            TopicSync sync = new TopicSync(source, target, TopicSelection.matching("d\\..*"));

            // When
            SyncReport report = sync.apply(sync.plan());

            // Then
            assertThat(report.items(Outcome.REFUSED))
                    .extracting(SyncReport.Item::subject)
                    .containsExactly("d.table", "d.wide");
            assertThat(report.itemsFor("d.wide").get(0).detail()).contains("4 partitions but the source has 2");
            assertThat(report.itemsFor("d.table").get(0).detail()).contains("cleanup.policy is 'delete' on the target");
            assertThat(report.items(Outcome.CREATED))
                    .extracting(SyncReport.Item::subject)
                    .containsExactly("d.fine");
            assertThat(report.problem()).isPresent();
            eventually(() -> target.listTopics().names().get(30, TimeUnit.SECONDS), n -> n.contains("d.fine"));
            assertThat(partitions(target, "d.wide")).isEqualTo(4);
            assertThat(config(target, "d.table").get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(partitions(target, "d.fine")).isEqualTo(3);
        }
    }

    @Test
    void oneRejectedTopicDoesNotFailTheOthers(@Cluster("target") EmbeddedCluster targetCluster) throws Exception {
        try (Admin target = targetCluster.admin()) {
            // Given a plan where the target will reject one topic's config
            TopicSyncPlan plan = new TopicSyncPlan(
                    List.of(
                            new CreateTopic("e.bad", 1, Map.of("retention.ms", "not-a-number")),
                            new CreateTopic("e.good", 2, Map.of("retention.ms", "60000"))),
                    List.of(),
                    List.of());

            // When
            SyncReport report = new TopicSync(target, target, TopicSelection.all()).apply(plan);

            // Then
            assertThat(report.items(Outcome.FAILED)).singleElement().satisfies(i -> {
                assertThat(i.subject()).isEqualTo("e.bad");
                assertThat(i.detail()).startsWith("create failed: InvalidConfigurationException");
            });
            assertThat(report.items(Outcome.CREATED))
                    .extracting(SyncReport.Item::subject)
                    .containsExactly("e.good");
            assertThat(eventually(
                            () -> target.listTopics().names().get(30, TimeUnit.SECONDS), n -> n.contains("e.good")))
                    .doesNotContain("e.bad");
            assertThat(partitions(target, "e.good")).isEqualTo(2);
        }
    }

    @Test
    void dryRunChangesNothing(
            @Cluster("source") EmbeddedCluster sourceCluster, @Cluster("target") EmbeddedCluster targetCluster)
            throws Exception {
        try (Admin source = sourceCluster.admin();
                Admin target = targetCluster.admin()) {
            // Given a new topic and a grown one
            create(source, "f.new", 2, Map.of("retention.ms", "123456"));
            create(source, "f.grown", 3, Map.of());
            create(target, "f.grown", 1, Map.of());

            // When
            SyncReport report = new TopicSync(source, target, TopicSelection.matching("f\\..*")).dryRun();

            // Then the report says what would happen, and the target has not changed
            assertThat(report.dryRun()).isTrue();
            assertThat(report.items(Outcome.CREATED))
                    .extracting(SyncReport.Item::subject)
                    .containsExactly("f.new");
            assertThat(report.items(Outcome.PARTITIONS_ADDED))
                    .extracting(SyncReport.Item::subject)
                    .containsExactly("f.grown");
            assertThat(target.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("f.new");
            assertThat(partitions(target, "f.grown")).isEqualTo(1);
        }
    }

    @Test
    void copiesAclsWithPrincipalMappingAndQuotasBetweenSecureClusters(
            @Cluster(value = "secureSource", security = SecurityMode.SASL_SCRAM) EmbeddedCluster sourceCluster,
            @Cluster(value = "secureTarget", security = SecurityMode.SASL_SCRAM) EmbeddedCluster targetCluster)
            throws Exception {
        // Given ACLs of every copied kind on the source, and one that is already on the target
        AclBinding aliceWrites = acl(
                ResourceType.TOPIC,
                PatternType.LITERAL,
                "g.orders",
                "User:alice",
                AclOperation.WRITE,
                AclPermissionType.ALLOW);
        AclBinding aliceReadsPrefix = acl(
                ResourceType.TOPIC,
                PatternType.PREFIXED,
                "g.",
                "User:alice",
                AclOperation.READ,
                AclPermissionType.ALLOW);
        AclBinding malloryDenied = acl(
                ResourceType.TOPIC,
                PatternType.LITERAL,
                "g.orders",
                "User:mallory",
                AclOperation.WRITE,
                AclPermissionType.DENY);
        AclBinding bobGroups = acl(
                ResourceType.GROUP,
                PatternType.PREFIXED,
                "billing-",
                "User:bob",
                AclOperation.READ,
                AclPermissionType.ALLOW);
        AclBinding aliceTx = acl(
                ResourceType.TRANSACTIONAL_ID,
                PatternType.LITERAL,
                "tx-1",
                "User:alice",
                AclOperation.WRITE,
                AclPermissionType.ALLOW);
        AclBinding clusterLevel = acl(
                ResourceType.CLUSTER,
                PatternType.LITERAL,
                "kafka-cluster",
                "User:alice",
                AclOperation.IDEMPOTENT_WRITE,
                AclPermissionType.ALLOW);
        AclBinding otherTopic = acl(
                ResourceType.TOPIC,
                PatternType.LITERAL,
                "h.other",
                "User:bob",
                AclOperation.READ,
                AclPermissionType.ALLOW);
        // and a read-only tool's wildcard rights, like the inventory user's: they grant on everything, not on the link
        AclBinding toolTopics = acl(
                ResourceType.TOPIC,
                PatternType.LITERAL,
                "*",
                "User:tool",
                AclOperation.DESCRIBE,
                AclPermissionType.ALLOW);
        AclBinding toolTransactionalIds = acl(
                ResourceType.TRANSACTIONAL_ID,
                PatternType.LITERAL,
                "*",
                "User:tool",
                AclOperation.DESCRIBE,
                AclPermissionType.ALLOW);
        List<AclBinding> sourceAcls = List.of(
                aliceWrites,
                aliceReadsPrefix,
                malloryDenied,
                bobGroups,
                aliceTx,
                clusterLevel,
                otherTopic,
                toolTopics,
                toolTransactionalIds);
        sourceCluster.createAcls(sourceAcls);
        targetCluster.createAcls(List.of(mapped(bobGroups, "User:bob")));
        targetCluster.createUser("alice@corp", "alice-secret-1");
        Map<String, String> mapping = Map.of("User:alice", "User:alice@corp");

        try (Admin source = sourceCluster.admin();
                Admin target = targetCluster.admin()) {
            eventually(() -> acls(source), a -> a.containsAll(sourceAcls));
            eventually(() -> acls(target), a -> a.contains(mapped(bobGroups, "User:bob")));
            AclSync sync = new AclSync(
                    source,
                    target,
                    AclSyncOptions.all().onlyTopics(Set.of("g.orders")).mappingPrincipals(mapping));

            // When
            SyncReport report = sync.apply(sync.plan());

            // Then the topic, group and transactional-id ACLs arrive with alice mapped
            List<AclBinding> expectedNew = List.of(
                    mapped(aliceWrites, "User:alice@corp"),
                    mapped(aliceReadsPrefix, "User:alice@corp"),
                    malloryDenied,
                    mapped(aliceTx, "User:alice@corp"));
            Collection<AclBinding> onTarget = eventually(() -> acls(target), a -> a.containsAll(expectedNew));
            assertThat(onTarget).containsAll(expectedNew).contains(mapped(bobGroups, "User:bob"));
            assertThat(onTarget).noneMatch(b -> b.entry().principal().equals("User:alice"));
            assertThat(report.items(Outcome.CREATED)).hasSize(4);
            assertThat(report.items(Outcome.FAILED)).isEmpty();
            assertThat(report.items(Outcome.SKIPPED))
                    .extracting(SyncReport.Item::subject, SyncReport.Item::detail)
                    .contains(
                            tuple(
                                    "GROUP:PREFIXED:billing- ALLOW User:bob READ from *",
                                    "User:bob has no ACL on a linked topic (only on other topics, or on all with *):"
                                            + " its GROUP rights do not belong to what is linked"),
                            tuple(
                                    "TRANSACTIONAL_ID:LITERAL:* ALLOW User:tool DESCRIBE from *",
                                    "User:tool has no ACL on a linked topic (only on other topics, or on all with *):"
                                            + " its TRANSACTIONAL_ID rights do not belong to what is linked"),
                            tuple(
                                    "TOPIC:LITERAL:* ALLOW User:tool DESCRIBE from *",
                                    "a wildcard grant on every topic, not on the linked ones: grant it on the target by"
                                            + " hand if it should hold there"),
                            tuple("TOPIC:LITERAL:h.other ALLOW User:bob READ from *", "not about a synced topic"),
                            tuple(
                                    "CLUSTER:LITERAL:kafka-cluster ALLOW User:alice IDEMPOTENT_WRITE from *",
                                    "CLUSTER ACLs are not copied: they grant cluster operations, which belong to the target's"
                                            + " operators"));
            // and the principals without SCRAM credentials on the target are named, without any password
            assertThat(report.findings())
                    .filteredOn(f -> f.code().equals(AclSync.NO_SCRAM_CREDENTIAL))
                    .extracting(Finding::subject)
                    .containsExactlyInAnyOrder("User:mallory");
            assertThat(report.toString())
                    .doesNotContain("alice-secret-1")
                    .doesNotContain(sourceCluster.adminPassword());

            // And a second sync finds everything present
            assertThat(sync.plan().toCreate()).isEmpty();

            // Given quotas of every entity kind on the source
            Map<ClientQuotaEntity, Map<String, Double>> quotas = Map.of(
                    entity("alice", null, false), Map.of("producer_byte_rate", 1024.0),
                    entity(null, "app-1", false), Map.of("consumer_byte_rate", 2048.0),
                    entity("bob", "app-2", false), Map.of("request_percentage", 50.0),
                    entity(null, null, true), Map.of("producer_byte_rate", 4096.0));
            source.alterClientQuotas(quotas.entrySet().stream()
                            .map(e -> new ClientQuotaAlteration(
                                    e.getKey(),
                                    e.getValue().entrySet().stream()
                                            .map(v -> new ClientQuotaAlteration.Op(v.getKey(), v.getValue()))
                                            .toList()))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            eventually(() -> quotas(source), q -> q.keySet().containsAll(quotas.keySet()));

            // When
            QuotaSync quotaSync = new QuotaSync(source, target, mapping);
            SyncReport quotaReport = quotaSync.apply(quotaSync.plan());

            // Then
            assertThat(quotaReport.items(Outcome.CREATED)).hasSize(4);
            Map<ClientQuotaEntity, Map<String, Double>> targetQuotas =
                    eventually(() -> quotas(target), q -> q.size() >= 4);
            assertThat(targetQuotas)
                    .containsEntry(entity("alice@corp", null, false), Map.of("producer_byte_rate", 1024.0))
                    .containsEntry(entity(null, "app-1", false), Map.of("consumer_byte_rate", 2048.0))
                    .containsEntry(entity("bob", "app-2", false), Map.of("request_percentage", 50.0))
                    .containsEntry(entity(null, null, true), Map.of("producer_byte_rate", 4096.0));
            assertThat(quotaSync.plan().changes()).isEmpty();
        }
    }

    @Test
    void targetWithoutAuthorizerIsAFindingNotACrash(
            @Cluster(value = "secureSource", security = SecurityMode.SASL_SCRAM) EmbeddedCluster sourceCluster,
            @Cluster("target") EmbeddedCluster targetCluster)
            throws Exception {
        sourceCluster.createAcls(List.of(acl(
                ResourceType.TOPIC,
                PatternType.LITERAL,
                "i.topic",
                "User:carol",
                AclOperation.READ,
                AclPermissionType.ALLOW)));
        try (Admin source = sourceCluster.admin();
                Admin target = targetCluster.admin()) {
            eventually(() -> acls(source), a -> !a.isEmpty());

            SyncReport report = new AclSync(source, target, AclSyncOptions.all()).dryRun();

            assertThat(report.findings())
                    .extracting(Finding::code, Finding::message)
                    .anySatisfy(t -> assertThat(t.toList()).first().isEqualTo(AclSync.TARGET_NO_AUTHORIZER));
            assertThat(report.findings().stream().map(Finding::message))
                    .anySatisfy(m -> assertThat(m).startsWith("target has no authorizer; ACLs not copied"));
            assertThat(report.items(Outcome.CREATED)).isEmpty();
        }
    }

    private static void create(Admin admin, String topic, int partitions, Map<String, String> configs)
            throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(configs)))
                .all()
                .get(30, TimeUnit.SECONDS);
        // The broker's metadata cache, which answers listTopics, lags the controller a little.
        eventually(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS), names -> names.contains(topic));
    }

    private static void alter(Admin admin, String topic, Map<String, String> set, Set<String> unset) throws Exception {
        List<AlterConfigOp> ops = new java.util.ArrayList<>();
        set.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
        unset.forEach(k -> ops.add(new AlterConfigOp(new ConfigEntry(k, null), AlterConfigOp.OpType.DELETE)));
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
    }

    private static Collection<AclBinding> acls(Admin admin) throws Exception {
        return admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
    }

    private static Map<ClientQuotaEntity, Map<String, Double>> quotas(Admin admin) throws Exception {
        return admin.describeClientQuotas(ClientQuotaFilter.all()).entities().get(30, TimeUnit.SECONDS);
    }

    private static AclBinding acl(
            ResourceType type,
            PatternType patternType,
            String name,
            String principal,
            AclOperation operation,
            AclPermissionType permission) {
        return new AclBinding(
                new ResourcePattern(type, name, patternType),
                new AccessControlEntry(principal, "*", operation, permission));
    }

    private static AclBinding mapped(AclBinding binding, String principal) {
        AccessControlEntry e = binding.entry();
        return new AclBinding(
                binding.pattern(), new AccessControlEntry(principal, e.host(), e.operation(), e.permissionType()));
    }

    /** A quota entity; {@code userDefault} makes it the default-user entity. */
    private static ClientQuotaEntity entity(String user, String clientId, boolean userDefault) {
        Map<String, String> entries = new java.util.HashMap<>();
        if (userDefault) {
            entries.put(ClientQuotaEntity.USER, null);
        }
        if (user != null) {
            entries.put(ClientQuotaEntity.USER, user);
        }
        if (clientId != null) {
            entries.put(ClientQuotaEntity.CLIENT_ID, clientId);
        }
        return new ClientQuotaEntity(entries);
    }

    /** Metadata reaches every broker a little after a write returns: retry a read until it shows the change. */
    private static <T> T eventually(Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T value = read.call();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not as expected within " + WAIT + ": " + value);
            }
            Thread.sleep(100);
            value = read.call();
        }
        return value;
    }
}
