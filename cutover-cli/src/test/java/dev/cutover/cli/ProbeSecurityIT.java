package dev.cutover.cli;

import static dev.cutover.cli.ProbeIT.check;
import static dev.cutover.cli.ProbeIT.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover probe --client-config} under SASL/SCRAM with ACLs: the workload's own credentials authenticate, a
 * missing permission on its real topic is named, a wrong password is refused (a passing negative test), and no secret
 * reaches the output or the evidence. Once the permission is granted the identity area passes.
 */
@ExtendWith(ClustersExtension.class)
class ProbeSecurityIT {
    private static final String APP_PASSWORD = "app-Secret-4417";
    private static final String ROTATED_PASSWORD = "app2-Secret-9921";

    @TempDir
    Path dir;

    @Test
    void namesAMissingPermissionProvesAWrongPasswordFailsAndPassesOnceGranted(
            @Cluster(value = "secure", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target) throws Exception {
        // Given a topic and the workload's user, who may WRITE to it and READ its group, but not READ the topic
        ProbeIT.createTopic(target, "pay", Map.of());
        try (Admin admin = target.admin()) {
            // The group exists on the target, as after `offsets sync`: only then does Kafka report its rights.
            admin.alterConsumerGroupOffsets("pay-app", Map.of(new TopicPartition("pay", 0), new OffsetAndMetadata(0)))
                    .all()
                    .get();
        }
        target.createUser("app", APP_PASSWORD);
        target.createAcls(List.of(
                acl("app", ResourceType.TOPIC, "pay", AclOperation.WRITE),
                acl("app", ResourceType.GROUP, "pay-app", AclOperation.READ)));
        // and the user it rotates to, with the permissions the workload needs
        target.createUser("app2", ROTATED_PASSWORD);
        target.createAcls(List.of(
                acl("app2", ResourceType.TOPIC, "pay", AclOperation.WRITE),
                acl("app2", ResourceType.TOPIC, "pay", AclOperation.READ),
                acl("app2", ResourceType.GROUP, "pay-app", AclOperation.READ)));
        workspace(target);
        Path clientConfig = clientConfig(target, "app", APP_PASSWORD);
        Path rotatedConfig = clientConfig(target, "app2", ROTATED_PASSWORD);

        // When
        Cli.Result r = Cli.run(
                "probe",
                "--workspace",
                dir.toString(),
                "--workload",
                "payments",
                "--client-config",
                clientConfig.toString(),
                "--output",
                "json");

        // Then the missing READ is named, the negative test passes, and no secret is shown
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.all()).doesNotContain(APP_PASSWORD, target.adminPassword());
        JsonNode report = ProbeIT.JSON.readTree(r.out());
        assertThat(status(report, "security: authenticates as the workload")).isEqualTo("pass");
        assertThat(check(report, "security: authenticates as the workload")
                        .get("details")
                        .asText())
                .contains("SCRAM-SHA-512 as user app");
        JsonNode topic = check(report, "security: permissions on TOPIC pay");
        assertThat(topic.get("status").asText()).isEqualTo("fail");
        assertThat(topic.get("details").asText()).isEqualTo("missing READ on TOPIC pay");
        assertThat(status(report, "security: permissions on GROUP pay-app")).isEqualTo("pass");
        assertThat(status(report, "security: a wrong password is refused")).isEqualTo("pass");
        assertThat(check(report, "security: credential rotation").get("details").asText())
                .contains("--rotated-client-config");
        assertThat(status(report, "topic pay: shaped records (lz4)")).isEqualTo("pass");
        assertThat(report.get("checks").findValuesAsText("name")).doesNotContain("topic pay: shaped records (zstd)");
        assertThat(identityEvidence()).hasSize(1);
        assertThat(identityEvidence().get(0)).doesNotContain(APP_PASSWORD).contains("\"result\" : \"fail\"");

        // When READ is granted and the probe runs again
        target.createAcls(List.of(acl("app", ResourceType.TOPIC, "pay", AclOperation.READ)));
        Cli.Result again = Cli.run(
                "probe",
                "--workspace",
                dir.toString(),
                "--workload",
                "payments",
                "--client-config",
                clientConfig.toString(),
                "--rotated-client-config",
                rotatedConfig.toString());

        // Then every check passes but observability (no jmx: URL, no link here), the rotation's too, and the newest
        // identity evidence is a pass
        assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
        assertThat(again.out()).contains("| security: permissions on TOPIC pay | identity | pass |");
        assertThat(again.out())
                .contains("| security: the rotated credential authenticates | identity | pass |")
                .contains(
                        "| security: the rotated credential has the same permissions on TOPIC pay | identity | pass |")
                .contains("| security: both credentials work side by side | identity | pass |");
        assertThat(again.out().lines().filter(l -> l.contains("| fail |") || l.contains("| unknown |")))
                .isNotEmpty()
                .allMatch(l -> l.contains("| observability |"));
        assertThat(again.all()).doesNotContain(APP_PASSWORD, ROTATED_PASSWORD);
        assertThat(identityEvidence()).hasSize(2).anyMatch(e -> e.contains("\"result\" : \"pass\""));
        assertThat(ProbeIT.probeTopics(target)).isEmpty();

        // and exercising a rotation without the new config is a usage error
        Cli.Result usage = Cli.run(
                "probe",
                "--workspace",
                dir.toString(),
                "--workload",
                "payments",
                "--client-config",
                clientConfig.toString(),
                "--exercise-rotation");
        assertThat(usage.exitCode()).as(usage.all()).isEqualTo(2);
        assertThat(usage.all()).contains("--exercise-rotation needs --rotated-client-config");
    }

    private Path clientConfig(EmbeddedCluster target, String user, String password) throws Exception {
        Path file = dir.resolve(user + "-client.properties");
        Files.writeString(
                file,
                "bootstrap.servers=" + target.bootstrapServers() + "\nsecurity.protocol=SASL_PLAINTEXT\n"
                        + "sasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram"
                        + ".ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";\n"
                        + "compression.type=lz4\n");
        return file;
    }

    private List<String> identityEvidence() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("evidence"))) {
            return files.filter(f -> f.getFileName().toString().contains("-identity-"))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    private static AclBinding acl(String user, ResourceType type, String name, AclOperation op) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private void workspace(EmbeddedCluster target) throws Exception {
        Path secret = dir.resolve("admin.properties");
        Files.writeString(
                secret,
                "jaas=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + EmbeddedCluster.ADMIN_USER + "\" password=\"" + target.adminPassword() + "\";\n");
        Files.writeString(
                dir.resolve("cutover.yaml"),
                """
                version: 1
                clusters:
                  target:
                    properties:
                      bootstrap.servers: %s
                      security.protocol: SASL_PLAINTEXT
                      sasl.mechanism: SCRAM-SHA-512
                      sasl.jaas.config: ${file:%s:jaas}
                    timeout: 20s
                """
                        .formatted(target.bootstrapServers(), secret));
        Files.writeString(
                dir.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: payments
                    owner: team
                    roles: [producer, consumer]
                    topics: [pay]
                    match: {groupId: pay-app}
                """);
    }
}
