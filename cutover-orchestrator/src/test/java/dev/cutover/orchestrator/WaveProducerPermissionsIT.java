package dev.cutover.orchestrator;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import dev.cutover.link.engine.LinkHandle;
import dev.cutover.link.engine.LinkService;
import dev.cutover.link.engine.LinkSettings;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.orchestrator.switching.Switchers;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.clients.ClientApp;
import dev.cutover.testkit.clients.ProducerApp;
import dev.cutover.testkit.clients.TopicValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
 * Least privilege under SASL/SCRAM for a producer move: the wave's principal holds exactly the ACLs the README lists
 * for a producer in {@code wave run} and {@code wave rollback}, the link's principal exactly those of {@code link
 * start} plus those of a turned-around topic on the source (its reverse copy writes there), and the applications log
 * in as their own principals. The producer moves and comes back with every record once, in order, on both sides.
 */
@ExtendWith(ClustersExtension.class)
class WaveProducerPermissionsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "sec-orders";
    private static final String READER = "sec-reader";
    private static final String WAVER = "User:waver";
    private static final String LINKER = "User:linker";
    private static final int PARTITIONS = 2;

    @Test
    void withExactlyTheDocumentedAclsAProducerMovesWithItsTopicAndComesBack(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source,
            @Cluster(value = "target", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target,
            @TempDir Path ws)
            throws Exception {
        // Given the wave's, the link's and the applications' principals, each with exactly its ACLs
        for (EmbeddedCluster c : List.of(source, target)) {
            for (String user : List.of("waver", "linker", "app", "reader")) {
                c.createUser(user, user + "-secret");
            }
        }
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        source.createAcls(List.of(
                acl(ResourceType.TOPIC, TOPIC, "User:app", WRITE),
                acl(ResourceType.TOPIC, TOPIC, "User:reader", READ),
                acl(ResourceType.GROUP, READER, "User:reader", READ)));
        target.createAcls(List.of(acl(ResourceType.TOPIC, TOPIC, "User:app", WRITE)));
        source.createAcls(linkOnSource());
        target.createAcls(linkOnTarget());
        source.createAcls(waveOnSource());
        target.createAcls(waveOnTarget());
        workspace(ws, source, target);
        ProducerApp writer = new ProducerApp(ws, "writer", TOPIC, PARTITIONS, source.bootstrapServers());
        ClientApp reader = new ClientApp(ws, READER, READER, TOPIC, source.bootstrapServers());
        asUser(writer.properties(), "app");
        asUser(reader.properties(), "reader");

        List<String> progress = new ArrayList<>();
        WaveRunner runner = new WaveRunner(
                Workspace.load(ws),
                Clock.systemUTC(),
                w -> Switchers.of(w.switchSpec().orElseThrow()),
                (w, wave) -> new WaveRunner.Gate.Verdict(true, List.of()),
                progress::add);
        WaveOptions options =
                WaveOptions.defaults().withObserve(Duration.ofSeconds(2)).withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT);
        try (LinkHandle link = LinkService.start(
                source.clientProperties("linker", "linker-secret"),
                target.clientProperties("linker", "linker-secret"),
                LinkSettings.defaults("default")
                        .include(TOPIC)
                        .security(false, Map.of())
                        .lease(Duration.ofMillis(1500), Duration.ofMillis(500)),
                e -> {})) {
            assertThat(link.awaitStarted(TIMEOUT)).as("%s", link.failure()).isTrue();
            writer.run("start");
            reader.run("start");
            ClientApp.await("records read on the source", TIMEOUT, () -> reader.count() >= 30);

            // When the wave moves the producer and rolls it back
            WaveState moved = runner.run("wave-p", options);
            assertThat(moved.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
            long there = writer.writtenOn(target.bootstrapServers());
            ClientApp.await(
                    "records written on the target",
                    TIMEOUT,
                    () -> writer.writtenOn(target.bootstrapServers()) > there + 20);
            WaveState back = runner.rollback("wave-p", options);
            assertThat(back.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);
            long after = writer.writtenOn(source.bootstrapServers());
            ClientApp.await(
                    "records written on the source again",
                    TIMEOUT,
                    () -> writer.writtenOn(source.bootstrapServers()) > after + 20);

            // Then nothing was refused, the reader processed every record once, in order, and so holds the target
            writer.run("stop");
            assertThat(progress).noneMatch(l -> l.contains("uthoriz") || l.contains("denied"));
            Map<Integer, List<String>> written = writer.valuesByPartition();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("every record read", TIMEOUT, () -> reader.count() >= total);
            assertThat(reader.valuesByPartition()).isEqualTo(written);
            ClientApp.await("the target to hold every record", TIMEOUT, () -> valuesOn(target)
                    .equals(written));
            link.stop();
        } finally {
            writer.run("stop");
            reader.run("stop");
        }
    }

    /** link start (README), with the security sync off: read the topic; plus what its reverse copy writes. */
    private static List<AclBinding> linkOnSource() {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation op : List.of(DESCRIBE, DESCRIBE_CONFIGS, READ, WRITE)) {
            acls.add(acl(ResourceType.TOPIC, TOPIC, LINKER, op));
        }
        acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", LINKER, DESCRIBE));
        acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", LINKER, DESCRIBE_CONFIGS));
        for (AclOperation op : List.of(CREATE, WRITE, READ, DESCRIBE)) {
            acls.add(prefixed(LinkTopics.DEFAULT_PREFIX, LINKER, op));
        }
        acls.add(acl(
                ResourceType.TRANSACTIONAL_ID,
                LinkTopics.named(LinkSettings.reverseName("default")).transactionalId(),
                LINKER,
                WRITE));
        return acls;
    }

    private static List<AclBinding> linkOnTarget() {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation op : List.of(CREATE, WRITE, READ, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS, ALTER)) {
            acls.add(acl(ResourceType.TOPIC, TOPIC, LINKER, op));
        }
        for (AclOperation op : List.of(CREATE, WRITE, READ, DESCRIBE)) {
            acls.add(prefixed(LinkTopics.DEFAULT_PREFIX, LINKER, op));
        }
        acls.add(acl(ResourceType.TRANSACTIONAL_ID, LinkTopics.named("default").transactionalId(), LINKER, WRITE));
        acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", LINKER, DESCRIBE));
        acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", LINKER, DESCRIBE_CONFIGS));
        return acls;
    }

    /**
     * wave run / rollback of a producer (README): every group described, the topic read (its active producers), the
     * reverse copy's transactional id described, its state read, and (rollback) written.
     */
    private static List<AclBinding> waveOnSource() {
        String reverseState =
                LinkTopics.named(LinkSettings.reverseName("default")).state();
        List<AclBinding> acls = new ArrayList<>();
        acls.add(acl(ResourceType.GROUP, "*", WAVER, DESCRIBE));
        acls.add(acl(ResourceType.TOPIC, TOPIC, WAVER, DESCRIBE));
        acls.add(acl(ResourceType.TOPIC, TOPIC, WAVER, READ));
        acls.add(acl(
                ResourceType.TRANSACTIONAL_ID,
                LinkTopics.named(LinkSettings.reverseName("default")).transactionalId(),
                WAVER,
                DESCRIBE));
        for (AclOperation op : List.of(READ, WRITE, DESCRIBE)) {
            acls.add(acl(ResourceType.TOPIC, reverseState, WAVER, op));
        }
        return acls;
    }

    private static List<AclBinding> waveOnTarget() {
        List<AclBinding> acls = new ArrayList<>();
        acls.add(acl(ResourceType.TOPIC, TOPIC, WAVER, DESCRIBE));
        acls.add(acl(ResourceType.TOPIC, TOPIC, WAVER, READ));
        for (AclOperation op : List.of(READ, WRITE, DESCRIBE)) {
            acls.add(acl(ResourceType.TOPIC, LinkTopics.named("default").state(), WAVER, op));
        }
        return acls;
    }

    private static void asUser(Path properties, String user) throws Exception {
        Files.writeString(
                properties,
                Files.readString(properties)
                        + "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"" + user + "\" password=\"" + user + "-secret\";\n");
    }

    private static Map<Integer, List<String>> valuesOn(EmbeddedCluster cluster) {
        return TopicValues.byPartition(cluster.adminClientProperties(), TOPIC, PARTITIONS, TIMEOUT);
    }

    private static void workspace(Path ws, EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        SecureWorkspace.cutoverYaml(ws, source, target, "waver", TOPIC);
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n  - name: writer\n    owner: team\n    roles: [producer]\n"
                        + "    topics: [" + TOPIC + "]\n    match:\n      clientId: writer-*\n"
                        + "    switch:\n      command: [sh, apps/writer/switch.sh]\n"
                        + "  - name: " + READER + "\n    owner: team\n    roles: [consumer]\n"
                        + "    topics: [" + TOPIC + "]\n    match:\n      groupId: " + READER + "\n");
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-p\n    pattern: endpoint-switch\n    workloads:\n      - writer\n");
    }

    private static AclBinding acl(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static AclBinding prefixed(String prefix, String principal, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
