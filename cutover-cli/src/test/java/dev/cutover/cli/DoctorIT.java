package dev.cutover.cli;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
 * {@code cutover doctor} on real brokers: under SASL/SCRAM with ACLs it names each missing permission (a source topic
 * without READ, the target's transactional id and groups), a wrong password, and what it cannot know without writing;
 * once the README's ACLs are granted nothing fails. On open clusters with JMX it reads the brokers' versions and
 * clocks.
 */
@ExtendWith(ClustersExtension.class)
class DoctorIT {
    private static final String USER = "User:doc";
    private static final String PASSWORD = "doc-Secret-71";
    private static final String LINK = "docs";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void namesEachMissingPermissionAndPassesOnceTheDocumentedAclsAreGranted(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source,
            @Cluster(value = "target", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target)
            throws Exception {
        // Given a source with two linked topics and a group, a principal that may READ only one of the topics, a
        // target principal that may only describe the cluster, and a profile with a wrong password
        source.createUser("doc", PASSWORD);
        target.createUser("doc", PASSWORD);
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("doc-a", 2, (short) 1), new NewTopic("doc-b", 1, (short) 1)))
                    .all()
                    .get();
            admin.alterConsumerGroupOffsets("doc-app", Map.of(new TopicPartition("doc-a", 0), new OffsetAndMetadata(0)))
                    .all()
                    .get();
        }
        source.createAcls(List.of(
                acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, DESCRIBE),
                acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, DESCRIBE_CONFIGS),
                acl(ResourceType.TOPIC, "doc-a", PatternType.LITERAL, READ),
                acl(ResourceType.TOPIC, "doc-a", PatternType.LITERAL, DESCRIBE_CONFIGS),
                acl(ResourceType.TOPIC, "doc-b", PatternType.LITERAL, DESCRIBE),
                acl(ResourceType.TOPIC, "doc-b", PatternType.LITERAL, DESCRIBE_CONFIGS),
                acl(ResourceType.GROUP, "doc-app", PatternType.LITERAL, DESCRIBE)));
        target.createAcls(List.of(acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, DESCRIBE)));
        Path ws = workspace(source, target);

        // When doctor checks every profile
        Cli.Result result = Cli.run("doctor", "--workspace", ws.toString(), "--output", "json");

        // Then it fails, naming each missing permission, and prints no secret
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.all()).doesNotContain(PASSWORD).doesNotContain("wrong-Pass");
        JsonNode report = JSON.readTree(result.out());
        assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(check(report, "source", "reachable").get("found").asText()).contains("SCRAM-SHA-512 as User:doc");
        assertThat(status(report, "source", "link '" + LINK + "' source topics"))
                .isEqualTo("fail");
        assertThat(check(report, "source", "link '" + LINK + "' source topics")
                        .get("found")
                        .asText())
                .contains("no READ on 1 of 2 linked topic(s): doc-b");
        assertThat(status(report, "target", "link '" + LINK + "' transactional id"))
                .isEqualTo("fail");
        assertThat(status(report, "target", "offsets sync groups")).isEqualTo("fail");
        assertThat(check(report, "target", "offsets sync groups").get("found").asText())
                .contains("doc-app");
        assertThat(status(report, "target", "link '" + LINK + "' target topics"))
                .isEqualTo("unknown");
        assertThat(status(report, "target", "link '" + LINK + "' ACL and quota sync"))
                .isEqualTo("warn");
        JsonNode wrong = check(report, "wrong", "reachable");
        assertThat(wrong.get("status").asText()).isEqualTo("fail");
        assertThat(wrong.get("found").asText()).contains("SCRAM-SHA-512 as User:doc");

        // When the README's ACLs for link start and the offsets commands are granted, and doctor runs again
        source.createAcls(List.of(acl(ResourceType.TOPIC, "doc-b", PatternType.LITERAL, READ)));
        target.createAcls(targetAcls());
        Cli.Result again = Cli.run("doctor", "--workspace", ws.toString(), "--cluster", "source", "target");

        // Then nothing fails; what needs a write to know stays unknown, with why
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out())
                .contains("| link '" + LINK + "' source topics | pass |")
                .contains("| link '" + LINK + "' transactional id | unknown |")
                .contains("WRITE cannot be checked without writing")
                .contains("| link '" + LINK + "' ACL and quota sync | pass |")
                .doesNotContain("| fail |");
    }

    @Test
    void readsTheBrokersVersionsAndClocksThroughJmxAndSaysWhenItCannot(@Cluster("open") EmbeddedCluster source)
            throws Exception {
        try (EmbeddedCluster target = EmbeddedCluster.start(
                        EmbeddedCluster.Options.named("doctor-target").jmx(true));
                Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic("open-a", 1, (short) 1)))
                    .all()
                    .get();
            Files.writeString(
                    dir.resolve("cutover.yaml"),
                    String.join(
                            "\n",
                            "version: 1",
                            "clusters:",
                            "  source:",
                            "    properties:",
                            "      bootstrap.servers: " + source.bootstrapServers(),
                            "  target:",
                            "    properties:",
                            "      bootstrap.servers: " + target.bootstrapServers(),
                            "    jmx: " + target.jmxUrl().orElseThrow(),
                            ""));

            Cli.Result result = Cli.run("doctor", "--workspace", dir.toString(), "--output", "json");

            assertThat(result.exitCode()).as(result.all()).isZero();
            JsonNode report = JSON.readTree(result.out());
            assertThat(status(report, "source", "clock")).isEqualTo("unknown");
            JsonNode jmx = check(report, "target", "jmx " + target.jmxUrl().orElseThrow());
            assertThat(jmx.get("status").asText()).isEqualTo("pass");
            // (the sandbox's JMX server mirrors the brokers' metrics, not AppInfoParser's app-info MBean)
            assertThat(jmx.get("found").asText()).startsWith("answers");
            assertThat(status(report, "target", "clock " + target.jmxUrl().orElseThrow()))
                    .isEqualTo("pass");
            assertThat(status(report, "target", "features")).isEqualTo("pass");
            assertThat(status(report, "target", "link 'default' free space")).isEqualTo("pass");
            assertThat(check(report, "source", "reachable").get("found").asText())
                    .contains("no authorizer");
        }
        // An unknown profile is the user's mistake
        Cli.Result unknown = Cli.run("doctor", "--workspace", dir.toString(), "--cluster", "nosuch");
        assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(2);
        assertThat(unknown.err()).contains("no profile 'nosuch'");
    }

    private static JsonNode check(JsonNode report, String profile, String name) {
        JsonNode p = StreamSupport.stream(report.get("profiles").spliterator(), false)
                .filter(n -> n.get("profile").asText().equals(profile))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no profile " + profile + " in " + report));
        return StreamSupport.stream(p.get("checks").spliterator(), false)
                .filter(c -> c.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' for " + profile + " in " + p));
    }

    private static String status(JsonNode report, String profile, String name) {
        return check(report, profile, name).get("status").asText();
    }

    /** The target ACLs the README lists for `link start`, `link status` and `offsets`, for link {@value #LINK}. */
    private static List<AclBinding> targetAcls() {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : List.of("doc-a", "doc-b")) {
            for (AclOperation op : List.of(CREATE, WRITE, READ, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS, ALTER)) {
                acls.add(acl(ResourceType.TOPIC, topic, PatternType.LITERAL, op));
            }
        }
        for (AclOperation op : List.of(CREATE, WRITE, READ, DESCRIBE)) {
            acls.add(acl(ResourceType.TOPIC, LinkTopics.DEFAULT_PREFIX, PatternType.PREFIXED, op));
        }
        acls.add(acl(
                ResourceType.TRANSACTIONAL_ID, LinkTopics.named(LINK).transactionalId(), PatternType.LITERAL, WRITE));
        for (AclOperation op : List.of(ALTER, ALTER_CONFIGS, DESCRIBE_CONFIGS)) {
            acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, op));
        }
        acls.add(acl(ResourceType.GROUP, "doc-app", PatternType.LITERAL, READ));
        acls.add(acl(ResourceType.GROUP, "doc-app", PatternType.LITERAL, DESCRIBE));
        return acls;
    }

    private static AclBinding acl(ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(USER, "*", operation, AclPermissionType.ALLOW));
    }

    private Path workspace(EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "doc=" + PASSWORD + "\n" + "wrong=wrong-Pass-99\n");
        List<String> lines = new ArrayList<>(List.of("version: 1", "clusters:"));
        for (String[] p : List.of(
                new String[] {"source", source.bootstrapServers(), "doc"},
                new String[] {"target", target.bootstrapServers(), "doc"},
                new String[] {"wrong", target.bootstrapServers(), "wrong"})) {
            lines.addAll(List.of(
                    "  " + p[0] + ":",
                    "    properties:",
                    "      bootstrap.servers: " + p[1],
                    "      security.protocol: SASL_PLAINTEXT",
                    "      sasl.mechanism: SCRAM-SHA-512",
                    "      sasl.jaas.config: org.apache.kafka.common.security.scram.ScramLoginModule required"
                            + " username=\"doc\" password=\"${file:" + secrets + ":" + p[2] + "}\";",
                    "    timeout: 15s"));
        }
        lines.addAll(List.of("links:", "  " + LINK + ":", "    topics: 'doc-.*'", ""));
        Files.writeString(dir.resolve("cutover.yaml"), String.join("\n", lines));
        return dir;
    }
}
