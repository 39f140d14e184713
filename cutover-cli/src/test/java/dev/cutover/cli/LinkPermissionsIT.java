package dev.cutover.cli;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.PartitionState;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import dev.cutover.testkit.check.ReplicationAssert;
import dev.cutover.testkit.check.ReplicationCheck;
import dev.cutover.testkit.check.TopicLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege under SASL/SCRAM: the link's principals hold exactly the ACLs the README lists (Permissions, in the
 * link section) and nothing more, on a source and a target that deny whatever no ACL allows. {@code link start} (its
 * own JVM) copies everything, ACLs included; {@code link status}, {@code offsets translate} and {@code offsets sync}
 * work; and without READ on the source topic {@code link start} ends with exit 3 naming what was refused.
 */
@ExtendWith(ClustersExtension.class)
class LinkPermissionsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LINK = "perm";
    private static final String TOPIC = "perm-orders";
    private static final String GROUP = "perm-app";
    private static final String LINKER = "User:linker";

    @TempDir
    Path dir;

    @Test
    void withExactlyTheDocumentedAclsTheLinkCopiesEverythingAndOffsetsSyncAndWithoutReadItExitsThree(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source,
            @Cluster(value = "target", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target)
            throws Exception {
        // Given a source topic with plain records and transactions, a group committed mid-stream, an application's
        // ACL to carry over, and a link principal on each side with exactly the documented ACLs
        source.createUser("linker", "source-secret");
        target.createUser("linker", "target-secret");
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            produce(source.adminClientProperties());
            admin.alterConsumerGroupOffsets(
                            GROUP,
                            Map.of(
                                    new TopicPartition(TOPIC, 0), new OffsetAndMetadata(50),
                                    new TopicPartition(TOPIC, 1), new OffsetAndMetadata(60),
                                    new TopicPartition(TOPIC, 2), new OffsetAndMetadata(70)))
                    .all()
                    .get();
        }
        AclBinding appReads = acl(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, "User:app", READ);
        source.createAcls(List.of(appReads));
        source.createAcls(sourceAcls());
        target.createAcls(targetAcls());
        Path ws = workspace(source, target);

        // When the link runs until it has copied everything, then is stopped
        try (Cli.Child link = Cli.Child.start(
                dir.resolve("link.log"),
                "link",
                "start",
                "--workspace",
                ws.toString(),
                "--name",
                LINK,
                "--topics",
                "perm-.*",
                "--lease",
                "2s")) {
            link.awaitLine(l -> l.startsWith("copying 3 partition(s)"), TIMEOUT);
            awaitCaughtUp(target.adminClientProperties());
            assertThat(link.terminate(Duration.ofSeconds(60)))
                    .as(String.join("\n", link.output()))
                    .isZero();
            assertThat(link.output())
                    .as("nothing was refused")
                    .noneMatch(l -> l.contains("not synced")
                            || l.contains("denied")
                            || l.contains("not allowed")
                            || l.contains("uthoriz"));
        }

        // Then every record is on the target, exactly, under both isolation levels; the application's ACL too
        var s = source.adminClientProperties();
        var t = target.adminClientProperties();
        ReplicationAssert.assertThat(ReplicationCheck.compare(
                        TopicLogs.read(s, TOPIC, IsolationLevel.READ_COMMITTED, TIMEOUT),
                        TopicLogs.read(t, TOPIC, IsolationLevel.READ_COMMITTED, TIMEOUT),
                        TopicLogs.read(t, TOPIC, IsolationLevel.READ_UNCOMMITTED, TIMEOUT)))
                .isClean();
        try (Admin admin = target.admin()) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).contains(appReads);
        }

        // And status, translate and sync work with the link's principals
        Cli.Result status = Cli.run("link", "status", "--workspace", ws.toString(), "--name", LINK);
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out().split("caught-up", -1)).hasSize(4);
        Cli.Result translate =
                Cli.run("offsets", "translate", "--workspace", ws.toString(), "--link", LINK, "--group", GROUP);
        assertThat(translate.exitCode()).as(translate.all()).isZero();
        Cli.Result sync = Cli.run("offsets", "sync", "--workspace", ws.toString(), "--link", LINK, "--group", GROUP);
        assertThat(sync.exitCode()).as(sync.all()).isZero();
        try (Admin admin = target.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            // the first 100 records of each partition are plain: offsets map 1:1 there
            assertThat(committed)
                    .containsOnlyKeys(
                            new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1), new TopicPartition(TOPIC, 2));
            assertThat(committed.get(new TopicPartition(TOPIC, 0)).offset()).isEqualTo(50);
            assertThat(committed.get(new TopicPartition(TOPIC, 1)).offset()).isEqualTo(60);
            assertThat(committed.get(new TopicPartition(TOPIC, 2)).offset()).isEqualTo(70);
        }

        // When READ on the topic is taken from the link's source principal (DESCRIBE stays) and the link starts again
        try (Admin admin = source.admin()) {
            admin.deleteAcls(List.of(acl(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, LINKER, READ)
                            .toFilter()))
                    .all()
                    .get();
        }
        produce(source.adminClientProperties());
        try (Cli.Child link = Cli.Child.start(
                dir.resolve("link-denied.log"),
                "link",
                "start",
                "--workspace",
                ws.toString(),
                "--name",
                LINK,
                "--topics",
                "perm-.*",
                "--lease",
                "2s")) {
            // Then it ends by itself with exit 3, naming the refused operation and topic
            int exit = link.waitForExit(TIMEOUT);
            String output = String.join("\n", link.output());
            assertThat(exit).as(output).isEqualTo(3);
            assertThat(output)
                    .contains("the source denies the link's principal READ on topic(s) [" + TOPIC + "]")
                    .contains("grant the source profile's principal READ and DESCRIBE on the linked topics")
                    .doesNotContain("restarting");
        }
    }

    /** The source ACLs the README lists for `link start` and the `offsets` commands, for this link. */
    private static List<AclBinding> sourceAcls() {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation op : List.of(READ, DESCRIBE, DESCRIBE_CONFIGS)) {
            acls.add(acl(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, LINKER, op));
        }
        acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, LINKER, DESCRIBE));
        acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, LINKER, DESCRIBE_CONFIGS));
        acls.add(acl(ResourceType.GROUP, GROUP, PatternType.LITERAL, LINKER, DESCRIBE));
        return acls;
    }

    /** The target ACLs the README lists for `link start`, `link status` and the `offsets` commands, for this link. */
    private static List<AclBinding> targetAcls() {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation op : List.of(CREATE, WRITE, READ, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS, ALTER)) {
            acls.add(acl(ResourceType.TOPIC, TOPIC, PatternType.LITERAL, LINKER, op));
        }
        for (AclOperation op : List.of(CREATE, WRITE, READ, DESCRIBE)) {
            acls.add(acl(ResourceType.TOPIC, LinkTopics.DEFAULT_PREFIX, PatternType.PREFIXED, LINKER, op));
        }
        acls.add(acl(
                ResourceType.TRANSACTIONAL_ID,
                LinkTopics.named(LINK).transactionalId(),
                PatternType.LITERAL,
                LINKER,
                WRITE));
        for (AclOperation op : List.of(ALTER, DESCRIBE, ALTER_CONFIGS, DESCRIBE_CONFIGS)) {
            acls.add(acl(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, LINKER, op));
        }
        acls.add(acl(ResourceType.GROUP, GROUP, PatternType.LITERAL, LINKER, READ));
        acls.add(acl(ResourceType.GROUP, GROUP, PatternType.LITERAL, LINKER, DESCRIBE));
        return acls;
    }

    private static AclBinding acl(
            ResourceType type, String name, PatternType pattern, String principal, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** 100 plain records per partition, then a committed and an aborted transaction over all three. */
    private static void produce(Map<String, Object> clientProps) throws Exception {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 3, bytes("k" + i), bytes("v" + i)));
            }
            producer.flush();
        }
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "perm-source-tx");
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            for (boolean commit : new boolean[] {true, false}) {
                producer.beginTransaction();
                for (int i = 0; i < 9; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i % 3, bytes("tk" + i), bytes("tx-" + commit + i)));
                }
                producer.flush();
                if (commit) {
                    producer.commitTransaction();
                } else {
                    producer.abortTransaction();
                }
            }
        }
    }

    /** Until the link's status says every partition is caught up with the source's end. */
    private static void awaitCaughtUp(Map<String, Object> targetAdmin) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Map<TopicPartition, LinkState.PartitionStatus> partitions =
                    LinkState.read(targetAdmin, LinkTopics.named(LINK), TIMEOUT).partitions();
            if (partitions.size() == 3
                    && partitions.values().stream()
                            .allMatch(p -> p.state() == PartitionState.CAUGHT_UP && p.replicatedTo() > 100)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the link did not catch up within " + TIMEOUT + ": " + partitions);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private Path workspace(EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(
                secrets,
                "source=" + jaas("linker", "source-secret") + "\n" + "target=" + jaas("linker", "target-secret")
                        + "\n");
        Files.writeString(
                dir.resolve("cutover.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "clusters:",
                        "  source:",
                        "    properties:",
                        "      bootstrap.servers: " + source.bootstrapServers(),
                        "      security.protocol: SASL_PLAINTEXT",
                        "      sasl.mechanism: SCRAM-SHA-512",
                        "      sasl.jaas.config: ${file:" + secrets + ":source}",
                        "    timeout: 20s",
                        "  target:",
                        "    properties:",
                        "      bootstrap.servers: " + target.bootstrapServers(),
                        "      security.protocol: SASL_PLAINTEXT",
                        "      sasl.mechanism: SCRAM-SHA-512",
                        "      sasl.jaas.config: ${file:" + secrets + ":target}",
                        "    timeout: 20s",
                        ""));
        return dir;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
