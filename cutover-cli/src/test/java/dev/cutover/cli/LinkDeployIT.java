package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.deploy.ConnectClient;
import dev.cutover.link.deploy.ConnectUrl;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Await;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code link deploy} against a real Kafka Connect worker (a child JVM, exactly-once source support enabled, working
 * against the {@code target} cluster) that does not have the cutover plugin: what can be checked for real before a
 * connector is submitted. The happy path needs the plugin ({@code cutover-connect}) and is tested there.
 */
@ExtendWith(ClustersExtension.class)
class LinkDeployIT {
    private static final String MIRROR_HEARTBEAT = "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector";

    private static ConnectWorker worker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startWorker(@Cluster("target") EmbeddedCluster target) throws Exception {
        // (under target/, so that its log outlives a failed run)
        worker = ConnectWorker.start(
                Path.of(
                        "target",
                        "link-deploy-it",
                        "worker-" + ProcessHandle.current().pid()),
                target.bootstrapServers(),
                "deploy-it");
    }

    @AfterAll
    static void stopWorker() throws Exception {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void workersOfTheTargetWithoutThePluginAreRefusedWithHowToInstallIt(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a workspace whose target is the cluster the worker works against
        TwoClusterWorkspace.write(dir, source, target);

        String before = worker.get("/connectors").body();

        // When the link is deployed to it
        Cli.Result r = Cli.run("link", "deploy", "--workspace", dir.toString(), "--connect", worker.url());

        // Then the cluster id matched and the missing plugin is the error, with how to install it; nothing submitted
        assertThat(r.exitCode()).as(r.all() + worker.logTail()).isEqualTo(2);
        assertThat(r.err())
                .contains("do not have the cutover link connector (" + ConnectorConfig.CONNECTOR_CLASS + ")")
                .contains("./mvnw -pl cutover-connect -am package", "plugin.path", "docs/connect-deploy.md")
                .doesNotContain("work against Kafka cluster");
        assertThat(worker.get("/connectors").body()).isEqualTo(before);
    }

    @Test
    void workersOfAnotherKafkaClusterAreRefused(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a workspace whose target is the other cluster (the worker works against 'target')
        TwoClusterWorkspace.write(dir, target, source);
        String before = worker.get("/connectors").body();

        Cli.Result r = Cli.run("link", "deploy", "--workspace", dir.toString(), "--connect", worker.url());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err())
                .contains("work against Kafka cluster " + target.clusterId())
                .contains("not the workspace's target (cluster " + source.clusterId() + ")")
                .contains("what to do: give --connect the workers whose bootstrap.servers is the target cluster");
        assertThat(worker.get("/connectors").body()).isEqualTo(before);
    }

    @Test
    void deleteLeavesAConnectorThatIsNotTheLinksAlone(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a connector of another class under the name the link's connector would have
        TwoClusterWorkspace.write(dir, source, target);
        String config = "{\"connector.class\":\"" + MIRROR_HEARTBEAT + "\",\"tasks.max\":\"1\","
                + "\"source.cluster.alias\":\"a\",\"target.cluster.alias\":\"b\","
                + "\"target.cluster.bootstrap.servers\":\"" + target.bootstrapServers() + "\"}";
        Await.until(
                "the worker accepts a connector (it has joined its group)",
                Duration.ofSeconds(90),
                () -> worker.put("/connectors/cutover-link-default/config", config)
                                        .statusCode()
                                / 100
                        == 2);

        // When the link's connector is deleted, Then the other connector is refused and stays
        Cli.Result r = Cli.run("link", "deploy", "--workspace", dir.toString(), "--connect", worker.url(), "--delete");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("runs " + MIRROR_HEARTBEAT + ", not the cutover link; it is left alone");
        assertThat(worker.get("/connectors").body()).contains("cutover-link-default");

        // And a connector name Connect does not have is a check that failed (exit 1)
        Cli.Result missing = Cli.run(
                "link",
                "deploy",
                "--workspace",
                dir.toString(),
                "--connect",
                worker.url(),
                "--delete",
                "--connector",
                "nope");
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(1);
        assertThat(missing.err()).contains("have no connector named 'nope'", "none of their connectors is a cutover");
    }

    @Test
    void connectsValidationIsReadPerKey() throws Exception {
        // Connect's real answers to validations, on a connector class this worker has: a valid configuration has no
        // errors (Connect requires the connector's name there), an invalid value is reported under its key alone
        ConnectClient client = new ConnectClient(ConnectUrl.parse(worker.url()), Duration.ofSeconds(30));
        Map<String, String> valid = Map.of(
                "connector.class", MIRROR_HEARTBEAT,
                "tasks.max", "1",
                "source.cluster.alias", "a",
                "target.cluster.alias", "b");

        assertThat(client.validate(MIRROR_HEARTBEAT, "heartbeat", valid)).isEmpty();
        Map<String, String> invalid = new java.util.HashMap<>(valid);
        invalid.put("tasks.max", "several");
        Map<String, java.util.List<String>> errors = client.validate(MIRROR_HEARTBEAT, "heartbeat", invalid);
        assertThat(errors).containsOnlyKeys("tasks.max");
        assertThat(errors.get("tasks.max")).anyMatch(m -> m.contains("several"));
        assertThat(client.connectorClasses())
                .contains(MIRROR_HEARTBEAT)
                .doesNotContain(ConnectorConfig.CONNECTOR_CLASS);
    }

    @Test
    void anUnreachableUrlIsExitThree(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        TwoClusterWorkspace.write(dir, source, target);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Cli.Result r =
                Cli.run("link", "deploy", "--workspace", dir.toString(), "--connect", "http://127.0.0.1:" + port);

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).contains("do not answer", "what to do: check the URL");
    }

    @Test
    void theDryRunOfAWorkspaceWithFileSecretsShowsReferencesNeverTheirValues(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a workspace whose source credentials live in a secrets file
        Files.createDirectories(dir.resolve(".secrets"));
        Files.writeString(dir.resolve(".secrets/source.properties"), "client.secret=s3cret-from-file-0042\n");
        TwoClusterWorkspace.write(dir, source, target);
        Files.writeString(
                dir.resolve("cutover.yaml"),
                Files.readString(dir.resolve("cutover.yaml"))
                        .replace(
                                "      bootstrap.servers: " + source.bootstrapServers(),
                                "      bootstrap.servers: " + source.bootstrapServers()
                                        + "\n      sasl.oauthbearer.client.credentials.client.secret:"
                                        + " ${file:.secrets/source.properties:client.secret}"));

        Cli.Result r = Cli.run(
                "link",
                "deploy",
                "--workspace",
                dir.toString(),
                "--connect",
                worker.url(),
                "--dry-run",
                "--output",
                "json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out())
                .contains("${file:" + dir.toAbsolutePath().normalize().resolve(".secrets/source.properties")
                        + ":client.secret}")
                .doesNotContain("s3cret-from-file-0042");
        assertThat(worker.get("/connectors").body()).doesNotContain("dry-run-copy");
    }
}
