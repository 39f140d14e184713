package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.sandbox.CertificateAuthority;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Credential rotation and certificates on real brokers, one SASL/SCRAM cluster with ACLs and one mTLS cluster shared
 * by the class: a rotated user with the same ACLs passes, one missing an ACL is named, a wrong rotated password is an
 * authentication error, a SCRAM password change is exercised and undone (or skipped with the ACL to grant), and an
 * expired client certificate fails clearly and in time.
 */
@ExtendWith(ClustersExtension.class)
class ProbeRotationIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final SecurityChecks.Needs NEEDS =
            new SecurityChecks.Needs(List.of("pay"), true, true, List.of("pay-app"));

    @Test
    void aRotatedUserWithTheSameAclsPassesAMissingAclIsNamedAndAWrongPasswordIsRefused(
            @Cluster(value = "secure", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target) throws Exception {
        // Given the workload's user, a rotated user with the same ACLs, and one without READ on the topic
        estate(target);
        user(target, "app", "old-Pass-1", true);
        user(target, "app2", "new-Pass-2", true);
        user(target, "app3", "new-Pass-3", false);
        ConnectionProfile old = scram(target, "app", "old-Pass-1");
        SecurityChecks security = new SecurityChecks(old, target.clusterId());

        // When the rotation is checked for each
        List<ProbeCheck> same = rotation(security, old, scram(target, "app2", "new-Pass-2"));
        List<ProbeCheck> lacking = rotation(security, old, scram(target, "app3", "new-Pass-3"));
        List<ProbeCheck> wrong = rotation(security, old, scram(target, "app2", "not-the-password"));

        // Then
        assertThat(same).allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(ProbeCheck.Status.PASS));
        assertThat(same)
                .extracting(ProbeCheck::name)
                .containsExactly(
                        "security: the rotated credential authenticates",
                        "security: the rotated credential has the same permissions on TOPIC pay",
                        "security: the rotated credential has the same permissions on GROUP pay-app",
                        RotationChecks.SIDE_BY_SIDE);
        assertThat(check(same, "security: the rotated credential authenticates").details())
                .contains("as user app2");
        ProbeCheck topic = check(lacking, "security: the rotated credential has the same permissions on TOPIC pay");
        assertThat(topic.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(topic.details()).isEqualTo("missing READ on TOPIC pay");
        assertThat(check(lacking, RotationChecks.SIDE_BY_SIDE).status()).isEqualTo(ProbeCheck.Status.PASS);
        ProbeCheck refused = check(wrong, "security: the rotated credential authenticates");
        assertThat(refused.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(refused.details())
                .contains(SaslAuthenticationException.class.getSimpleName())
                .doesNotContain("not-the-password");
        assertThat(check(wrong, RotationChecks.SIDE_BY_SIDE).status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
    }

    @Test
    void aPasswordChangeIsExercisedAndUndoneOrSkippedWithTheAclToGrant(
            @Cluster(value = "secure", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target) throws Exception {
        // Given one user whose password rotates, and a probe principal without ALTER on CLUSTER
        estate(target);
        user(target, "app4", "old-Pass-4", true);
        user(target, "lite", "lite-Pass", false);
        ConnectionProfile old = scram(target, "app4", "old-Pass-4");
        ConnectionProfile rotated = scram(target, "app4", "new-Pass-4");
        SecurityChecks security = new SecurityChecks(old, target.clusterId());

        // When it is checked without exercising, exercised by a principal that may not, and by the super user
        List<ProbeCheck> notExercised =
                new RotationChecks(security, old, rotated).run(NEEDS, false, null, "User:admin");
        List<ProbeCheck> denied;
        try (Admin lite = Admin.create(target.clientProperties("lite", "lite-Pass"))) {
            denied = new RotationChecks(security, old, rotated).run(NEEDS, true, lite, "User:lite");
        }
        List<ProbeCheck> exercised;
        try (Admin admin = target.admin()) {
            exercised = new RotationChecks(security, old, rotated).run(NEEDS, true, admin, "User:admin");
        }

        // Then
        assertThat(notExercised).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ProbeCheck.Status.SKIPPED);
            assertThat(c.details()).contains("same SCRAM-SHA-512 user app4").contains("--exercise-rotation");
        });
        assertThat(denied).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo(ScramRotation.NAME);
            assertThat(c.status()).isEqualTo(ProbeCheck.Status.SKIPPED);
            assertThat(c.details())
                    .contains(
                            "grant it ALTER on CLUSTER: kafka-acls --add --allow-principal User:lite --operation Alter");
        });
        assertThat(exercised)
                .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(ProbeCheck.Status.PASS));
        assertThat(exercised)
                .extracting(ProbeCheck::name)
                .contains(
                        "security: the rotated credential authenticates",
                        "security: the rotated credential has the same permissions on TOPIC pay",
                        ScramRotation.NAME,
                        "security: credential rotation undone");
        assertThat(check(exercised, ScramRotation.NAME).details())
                .contains("the old password was refused")
                .contains("the client connected before the change still answered");
        // and the target is left as found: the old password logs in, the new one is refused
        assertThat(logsIn(old)).isTrue();
        assertThat(logsIn(rotated)).isFalse();
    }

    @Test
    void anExpiredClientCertificateFailsClearlyInTimeAndARenewedOneLogsIn(
            @Cluster(value = "tls", security = SecurityMode.MTLS) EmbeddedCluster target) {
        // Given a keystore whose certificate (signed by the cluster's CA) expired on a known date, and a renewed one
        Instant now = Instant.now();
        CertificateAuthority.Store expired =
                target.clientKeystore("app", now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(2)));
        CertificateAuthority.Store renewed =
                target.clientKeystore("app", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(20)));
        ConnectionProfile old = mtls(target, expired);
        SecurityChecks security = new SecurityChecks(old, target.clusterId());
        SecurityChecks.Needs needs = new SecurityChecks.Needs(List.of(), true, true, List.of());

        // When
        long t0 = System.nanoTime();
        List<ProbeCheck> checks = security.run(needs);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        List<ProbeCheck> rotation =
                new RotationChecks(security, old, mtls(target, renewed)).run(needs, false, null, "");

        // Then the dates fail up front, and the login fails naming the TLS handshake and the certificate
        ProbeCheck dates = check(checks, ClientCertificate.NAME);
        assertThat(dates.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(dates.details()).contains("CN=app").contains("expired on");
        ProbeCheck auth = check(checks, "security: authenticates as the workload");
        assertThat(auth.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(auth.details()).contains("the TLS handshake failed").contains("expired on");
        assertThat(auth.fix()).contains("renew");
        assertThat(took).isLessThan(TIMEOUT);
        assertThat(auth.details() + dates.details()).doesNotContain(expired.password());
        // and the renewed keystore logs in, with a warning that it expires within 30 days
        assertThat(check(rotation, "security: the rotated client certificate is valid")
                        .details())
                .contains("warning: expires in");
        assertThat(check(rotation, "security: the rotated credential authenticates")
                        .status())
                .isEqualTo(ProbeCheck.Status.PASS);
    }

    private static List<ProbeCheck> rotation(
            SecurityChecks security, ConnectionProfile old, ConnectionProfile rotated) {
        return new RotationChecks(security, old, rotated).run(NEEDS, false, null, "");
    }

    private static ProbeCheck check(List<ProbeCheck> checks, String name) {
        return checks.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
    }

    private static boolean logsIn(ConnectionProfile profile) {
        try (Admin admin = Admin.create(profile.clientProperties())) {
            admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Topic pay and group pay-app exist (Kafka reports a group's rights only once it exists). */
    private static void estate(EmbeddedCluster target) throws Exception {
        try (Admin admin = target.admin()) {
            try {
                admin.createTopics(List.of(new NewTopic("pay", 1, (short) 1)))
                        .all()
                        .get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            admin.alterConsumerGroupOffsets("pay-app", Map.of(new TopicPartition("pay", 0), new OffsetAndMetadata(0)))
                    .all()
                    .get();
        }
    }

    private static void user(EmbeddedCluster target, String user, String password, boolean readsTopic) {
        target.createUser(user, password);
        if (readsTopic) {
            target.createAcls(List.of(
                    acl(user, ResourceType.TOPIC, "pay", AclOperation.WRITE),
                    acl(user, ResourceType.TOPIC, "pay", AclOperation.READ),
                    acl(user, ResourceType.GROUP, "pay-app", AclOperation.READ)));
        } else {
            target.createAcls(List.of(
                    acl(user, ResourceType.TOPIC, "pay", AclOperation.WRITE),
                    acl(user, ResourceType.GROUP, "pay-app", AclOperation.READ)));
        }
    }

    private static AclBinding acl(String user, ResourceType type, String name, AclOperation op) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private static ConnectionProfile scram(EmbeddedCluster target, String user, String password) {
        return profile(target.clientProperties(user, password));
    }

    private static ConnectionProfile mtls(EmbeddedCluster target, CertificateAuthority.Store keystore) {
        Map<String, Object> props = new HashMap<>(target.clientProperties("unused", ""));
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.location", keystore.path().toString());
        props.put("ssl.keystore.password", keystore.password());
        props.put("ssl.key.password", keystore.password());
        return profile(props);
    }

    private static ConnectionProfile profile(Map<String, Object> props) {
        Map<String, String> strings = new HashMap<>();
        props.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return new ConnectionProfile("client-config", strings, List.of(), TIMEOUT);
    }
}
