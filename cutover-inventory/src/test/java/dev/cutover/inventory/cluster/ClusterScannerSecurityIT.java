package dev.cutover.inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.ClusterRef;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClustersExtension.class)
class ClusterScannerSecurityIT {
    private static final String PASSWORD = "scanner-secret-Pw1";
    private static boolean seeded;

    @Test
    void superUserSeesEverything(@Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source)
            throws Exception {
        // Given
        seed(source);

        // When
        ClusterInventory inventory = scan(source, source.adminClientProperties());

        // Then
        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.principal()).isEqualTo("User:admin");
        assertThat(inventory.cluster().authorizer()).isTrue();
        assertThat(inventory.acls())
                .anySatisfy(acl -> assertThat(acl.principal()).isEqualTo("User:scanner"));
        assertThat(inventory.scramUsers()).anySatisfy(u -> {
            assertThat(u.user()).isEqualTo("scanner");
            assertThat(u.mechanisms()).singleElement().satisfies(m -> assertThat(m.mechanism())
                    .isEqualTo("SCRAM-SHA-512"));
        });
        assertThat(inventory.quotas()).anySatisfy(q -> {
            assertThat(q.entity()).containsEntry("user", "scanner");
            assertThat(q.values()).containsEntry("producer_byte_rate", 1_048_576.0);
        });
        assertThat(inventory.transaction("secure-tx").orElseThrow().state()).isEqualTo("CompleteCommit");
        assertThat(inventory
                        .group("reader")
                        .orElseThrow()
                        .offset("public", 0)
                        .orElseThrow()
                        .lag())
                .isEqualTo(3L);
    }

    @Test
    void leastPrivilegeUserSeesWhatTheSuperUserSees(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source) throws Exception {
        // Given: a user with exactly the documented ACLs
        seed(source);
        ClusterInventory complete = scan(source, source.adminClientProperties());

        // When
        ClusterInventory inventory = scan(source, source.clientProperties("scanner", PASSWORD));

        // Then
        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.principal()).isEqualTo("User:scanner");
        assertThat(names(inventory)).isEqualTo(names(complete));
        assertThat(inventory.acls()).hasSameSizeAs(complete.acls());
        assertThat(inventory.quotas()).hasSameSizeAs(complete.quotas());
        assertThat(inventory.scramUsers()).hasSameSizeAs(complete.scramUsers());
        assertThat(inventory.topic("public").orElseThrow().partition(0).producers())
                .isNotEmpty();
    }

    @Test
    void aPermissionMissingOnOneTopicIsAProblemNotAFailure(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source) throws Exception {
        // Given: the documented ACLs, but DESCRIBE_CONFIGS denied on topic "locked"
        seed(source);

        // When
        ClusterInventory inventory = scan(source, source.clientProperties("partial", PASSWORD));

        // Then
        assertThat(inventory.problems()).singleElement().satisfies(p -> {
            assertThat(p.section()).isEqualTo("topicConfigs");
            assertThat(p.subject()).isEqualTo("locked");
            assertThat(p.code()).isEqualTo(ScanProblem.DENIED);
            assertThat(p.missingPermission()).isEqualTo("DESCRIBE_CONFIGS on TOPIC locked");
        });
        assertThat(inventory.problemsAbout("locked")).hasSize(1);
        assertThat(inventory.topic("locked").orElseThrow().partitionCount()).isEqualTo(1);
        assertThat(inventory.topic("public").orElseThrow().config("retention.ms"))
                .contains("86400000");
    }

    @Test
    void aPrincipalThatMayNotDescribeTheClusterIsRefused(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source) throws Exception {
        // Given: a user without any ACL
        seed(source);

        // When / Then
        assertThatThrownBy(() -> scan(source, source.clientProperties("nobody", PASSWORD)))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTHORIZATION_FAILED);
                    assertThat(e.getMessage()).contains("User:nobody", "DESCRIBE on CLUSTER", "'source'");
                    assertThat(e.hint()).isPresent();
                });
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatDoesNotRepeatThePassword(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source) throws Exception {
        // Given
        seed(source);
        String wrong = "wrong-Pa55word-xyz";

        // When / Then
        assertThatThrownBy(() -> scan(source, source.clientProperties("scanner", wrong)))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
                    assertThat(e.getMessage())
                            .contains("User:scanner", "SCRAM-SHA-512", source.bootstrapServers())
                            .doesNotContain(wrong)
                            .doesNotContain("ScramLoginModule");
                    assertThat(e.hint().orElseThrow()).doesNotContain(wrong);
                });
    }

    @Test
    void anUnreachableClusterFailsWithinTheTimeout() throws Exception {
        // Given: a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ClusterRef ref = new ClusterRef("legacy", "127.0.0.1:" + port);
        Duration timeout = Duration.ofSeconds(2);
        long start = System.nanoTime();

        // When / Then
        assertThatThrownBy(() -> new ClusterScanner(
                                ref,
                                Map.of("security.protocol", "PLAINTEXT"),
                                ScanOptions.defaults().withTimeout(timeout))
                        .scan())
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
                    assertThat(e.getMessage()).contains("'legacy'", "127.0.0.1:" + port);
                    assertThat(e.getCause()).isNotNull();
                    assertThat(e.hint()).isPresent();
                });
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).isBetween(timeout.toMillis() - 200, timeout.toMillis() + 3_000);
    }

    private static ClusterInventory scan(EmbeddedCluster source, Map<String, Object> props) {
        return new ClusterScanner(
                        new ClusterRef("source", source.bootstrapServers()),
                        props,
                        ScanOptions.defaults()
                                .withTimeout(Duration.ofSeconds(15))
                                .withoutRateSampling())
                .scan();
    }

    private static List<String> names(ClusterInventory inventory) {
        List<String> names = new ArrayList<>();
        inventory.topics().forEach(t -> names.add("topic " + t.name()));
        inventory.groups().forEach(g -> names.add("group " + g.groupId()));
        inventory.transactions().forEach(t -> names.add("tx " + t.transactionalId()));
        return names;
    }

    /** One estate per class: topics, data, a group with offsets, a transaction, a quota, users and their ACLs. */
    private static synchronized void seed(EmbeddedCluster source) throws Exception {
        if (seeded) {
            return;
        }
        try (Admin admin = source.admin()) {
            Clients.createTopics(
                    admin,
                    new NewTopic("public", 2, (short) 1).configs(Map.of("retention.ms", "86400000")),
                    new NewTopic("locked", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
            admin.alterConsumerGroupOffsets("reader", Map.of(new TopicPartition("public", 0), new OffsetAndMetadata(2)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(
                            new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, "scanner")),
                            List.of(new ClientQuotaAlteration.Op("producer_byte_rate", 1_048_576.0)))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = Clients.producer(
                source.adminClientProperties(), Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "secure-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            Clients.send(producer, "public", 0, 4); // offsets 0..3, commit marker at 4
            producer.commitTransaction();
        }
        for (String user : List.of("scanner", "partial", "nobody")) {
            source.createUser(user, PASSWORD);
        }
        List<AclBinding> acls = new ArrayList<>(ClusterScanner.leastPrivilegeAcls("User:scanner"));
        acls.addAll(ClusterScanner.leastPrivilegeAcls("User:partial"));
        acls.add(new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, "locked", PatternType.LITERAL),
                new AccessControlEntry("User:partial", "*", AclOperation.DESCRIBE_CONFIGS, AclPermissionType.DENY)));
        source.createAcls(acls);
        seeded = true;
    }
}
