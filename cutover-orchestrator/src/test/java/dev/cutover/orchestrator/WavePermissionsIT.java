package dev.cutover.orchestrator;

import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
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
import dev.cutover.testkit.clients.TrickleProducer;
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
 * Least privilege under SASL/SCRAM: the wave's principal holds exactly the ACLs the README lists for {@code wave run}
 * and {@code wave rollback} (no write on the source but the group offsets a rollback moves back), the application
 * logs in as its own principal (its command switcher points it at the other cluster and keeps its credentials), and
 * the wave moves it and back with every record processed once.
 */
@ExtendWith(ClustersExtension.class)
class WavePermissionsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "sec-pay";
    private static final String GROUP = "sec-app";
    private static final String WAVER = "User:waver";

    @Test
    void withExactlyTheDocumentedAclsAConsumerMovesAndComesBack(
            @Cluster(value = "source", security = SecurityMode.SASL_SCRAM) EmbeddedCluster source,
            @Cluster(value = "target", security = SecurityMode.SASL_SCRAM) EmbeddedCluster target,
            @TempDir Path ws)
            throws Exception {
        // Given the wave's principal and the application's on both clusters, each with exactly its ACLs
        for (EmbeddedCluster c : List.of(source, target)) {
            c.createUser("waver", "waver-secret");
            c.createUser("app", "app-secret");
        }
        try (Admin admin = source.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        }
        List<AclBinding> app = List.of(
                acl(ResourceType.TOPIC, TOPIC, "User:app", READ), acl(ResourceType.GROUP, GROUP, "User:app", READ));
        source.createAcls(app);
        target.createAcls(app);
        // wave run: DESCRIBE on the group and its topic on the source; rollback adds READ on both (it commits the
        // group's offsets there). Target: as offsets sync (READ, DESCRIBE on the map topic; READ, DESCRIBE on the
        // group; READ on its topic) plus DESCRIBE on the topic (lag).
        source.createAcls(both(List.of(ResourceType.TOPIC, ResourceType.GROUP), List.of(DESCRIBE, READ)));
        List<AclBinding> onTarget =
                new ArrayList<>(both(List.of(ResourceType.TOPIC, ResourceType.GROUP), List.of(DESCRIBE, READ)));
        onTarget.add(acl(ResourceType.TOPIC, LinkTopics.named("default").offsets(), WAVER, READ));
        onTarget.add(acl(ResourceType.TOPIC, LinkTopics.named("default").offsets(), WAVER, DESCRIBE));
        target.createAcls(onTarget);
        workspace(ws, source, target);
        ClientApp client = new ClientApp(ws, GROUP, GROUP, TOPIC, source.bootstrapServers());
        Files.writeString(
                client.properties(),
                Files.readString(client.properties())
                        + "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"app\" password=\"app-secret\";\n");

        List<String> progress = new ArrayList<>();
        WaveRunner runner = new WaveRunner(
                Workspace.load(ws),
                Clock.systemUTC(),
                w -> Switchers.of(w.switchSpec().orElseThrow()),
                (w, wave) -> new WaveRunner.Gate.Verdict(true, List.of()),
                progress::add);
        WaveOptions options =
                WaveOptions.defaults().withObserve(Duration.ofSeconds(2)).withTimeouts(TIMEOUT, TIMEOUT, TIMEOUT);
        TrickleProducer producer = new TrickleProducer(source.adminClientProperties(), TOPIC, 2);
        try (LinkHandle link = LinkService.start(
                source.adminClientProperties(),
                target.adminClientProperties(),
                LinkSettings.defaults("default").include(TOPIC).lease(Duration.ofMillis(1500), Duration.ofMillis(500)),
                e -> {})) {
            assertThat(link.awaitStarted(TIMEOUT)).isTrue();
            client.run("start");
            ClientApp.await("records processed on the source", TIMEOUT, () -> client.count() >= 30);

            // When the wave moves it and rolls it back
            WaveState moved = runner.run("wave-1", options);
            assertThat(moved.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.CONFIRMED);
            long there = client.count();
            ClientApp.await("records processed on the target", TIMEOUT, () -> client.count() > there + 10);
            WaveState back = runner.rollback("wave-1", options);
            assertThat(back.status()).as(String.join("\n", progress)).isEqualTo(WaveState.Status.ROLLED_BACK);

            // Then nothing was refused, and the app processed every record once, in order, as its own principal
            assertThat(progress).noneMatch(l -> l.contains("uthoriz") || l.contains("denied"));
            Map<Integer, List<String>> written = producer.stop();
            int total = written.values().stream().mapToInt(List::size).sum();
            ClientApp.await("every record processed", TIMEOUT, () -> client.count() >= total);
            assertThat(client.valuesByPartition()).isEqualTo(written);
            link.stop();
        } finally {
            producer.close();
            client.run("stop");
        }
    }

    private static void workspace(Path ws, EmbeddedCluster source, EmbeddedCluster target) throws Exception {
        SecureWorkspace.cutoverYaml(ws, source, target, "waver", TOPIC);
        Files.writeString(
                ws.resolve("workloads.yaml"),
                "version: 1\nworkloads:\n  - name: " + GROUP + "\n    owner: team\n    roles: [consumer]\n"
                        + "    topics: [" + TOPIC + "]\n    match:\n      groupId: " + GROUP + "\n"
                        + "    switch:\n      command: [sh, apps/" + GROUP + "/switch.sh]\n");
        Files.writeString(
                ws.resolve("plan.yaml"),
                "version: 1\nwaves:\n  - name: wave-1\n    pattern: consumer-first\n    workloads:\n      - " + GROUP
                        + "\n");
    }

    private static List<AclBinding> both(List<ResourceType> types, List<AclOperation> operations) {
        List<AclBinding> acls = new ArrayList<>();
        for (ResourceType type : types) {
            for (AclOperation op : operations) {
                acls.add(acl(type, type == ResourceType.TOPIC ? TOPIC : GROUP, WAVER, op));
            }
        }
        return acls;
    }

    private static AclBinding acl(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
