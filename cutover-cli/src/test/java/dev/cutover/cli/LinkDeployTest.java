package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.deploy.ConnectClient;
import dev.cutover.link.deploy.ConnectUrl;
import dev.cutover.link.deploy.ConnectorStatus;
import dev.cutover.link.deploy.LinkDeployment;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code link deploy} without a broker or a worker: the dry run (what it shows, what it never shows), the secret rule,
 * the usage errors and how a deployment's result is shown. The clusters' addresses lead nowhere: nothing here may need
 * them.
 */
class LinkDeployTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";

    @TempDir
    Path dir;

    @BeforeEach
    void workspace() throws Exception {
        Files.createDirectories(dir.resolve(".secrets"));
        Files.writeString(
                dir.resolve(".secrets/source.properties"),
                "jaas=" + SCRAM + " required username=\"u\" password=\"p-9876\";\n");
        write(
                """
                source:
                    properties:
                      bootstrap.servers: 127.0.0.1:9
                      security.protocol: SASL_PLAINTEXT
                      sasl.mechanism: SCRAM-SHA-512
                      sasl.jaas.config: ${file:.secrets/source.properties:jaas}
                    timeout: 2s
                  target:
                    properties:
                      bootstrap.servers: 127.0.0.1:9
                      sasl.jaas.config: '%s required username="link" password="${env:TARGET_PW}";'
                    timeout: 2s
                links:
                  orders:
                    topics: "orders\\\\..*"
                    lease: 20s
                """
                        .formatted(SCRAM));
    }

    @Test
    void aDryRunShowsTheConfigurationWithReferencesAndWhatTheWorkersNeedAndSubmitsNothing() {
        // When the dry run prints Markdown (no --connect: it asks no one)
        Cli.Result r = Cli.run("link", "deploy", "--workspace", dir.toString(), "--dry-run");

        // Then it shows the connector's configuration: the link's settings and the profiles' properties, the file
        // reference absolute, the JAAS configuration that mixes a reference with plain options redacted
        assertThat(r.exitCode()).as(r.all()).isZero();
        Path secrets = dir.toAbsolutePath().normalize().resolve(".secrets/source.properties");
        assertThat(r.out())
                .contains("Link orders: connector cutover-link-orders (dry run)", "Nothing was submitted")
                .contains("| `connector.class` | `" + ConnectorConfig.CONNECTOR_CLASS + "` |")
                .contains("| `link.name` | `orders` |", "| `link.lease` | `20s` |", "| `tasks.max` | `1` |")
                .contains("| `source.sasl.jaas.config` | `${file:" + secrets + ":jaas}` |")
                .contains("| `target.sasl.jaas.config` | `[redacted]` |")
                .contains("exactly.once.source.support=enabled", "`env`, `file`", "`" + secrets + "`");
        // And no secret: neither the file's password nor the target's plain JAAS options
        assertThat(r.all()).doesNotContain("p-9876", "username=\"link\"");
    }

    @Test
    void theDryRunsJsonIsTheDocumentedDocument() throws Exception {
        Cli.Result r = Cli.run(
                "link",
                "deploy",
                "--workspace",
                dir.toString(),
                "--dry-run",
                "--tasks",
                "4",
                "--connector",
                "copy",
                "--connect",
                "http://ops:hunter22@connect-1:8083",
                "--output",
                "json");

        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("version").asInt()).isEqualTo(1);
        assertThat(doc.path("kind").asText()).isEqualTo("link-deploy");
        assertThat(doc.path("action").asText()).isEqualTo("dry-run");
        assertThat(doc.path("connector").asText()).isEqualTo("copy");
        assertThat(doc.path("connect").asText()).isEqualTo("http://connect-1:8083");
        assertThat(doc.path("config").path("tasks.max").asText()).isEqualTo("4");
        assertThat(doc.path("config").path("target.sasl.jaas.config").asText()).isEqualTo("[redacted]");
        assertThat(doc.path("providers").toString()).isEqualTo("[\"env\",\"file\"]");
        assertThat(r.all()).doesNotContain("hunter22", "p-9876");
    }

    @Test
    void anInlineSecretIsRefusedNamingProfileAndKeyNeverTheValue() throws Exception {
        write(
                """
                source:
                    properties: {bootstrap.servers: "127.0.0.1:9", ssl.keystore.password: "inline-pw-5555"}
                  target:
                    properties: {bootstrap.servers: "127.0.0.1:9"}
                """);

        for (String mode : new String[] {"--dry-run", "--connect=http://127.0.0.1:9"}) {
            Cli.Result r = Cli.run("link", "deploy", "--workspace", dir.toString(), mode);

            assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
            assertThat(r.err())
                    .contains("profile 'source': ssl.keystore.password", "config-provider references")
                    .contains("what to do: write each as a reference");
            assertThat(r.all()).doesNotContain("inline-pw-5555");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void usageErrors() {
        String ws = dir.toString();
        assertUsage(Cli.run("link", "deploy", "--workspace", ws), "--connect URL is required");
        assertUsage(Cli.run("link", "deploy", "--workspace", ws, "--connect", "connect-1:8083"), "not an http");
        assertUsage(
                Cli.run("link", "deploy", "--workspace", ws, "--connect", "http://c:1", "--dry-run", "--delete"),
                "do not go together");
        assertUsage(Cli.run("link", "deploy", "--workspace", ws, "--dry-run", "--tasks", "0"), "at least 1 task");
        assertUsage(Cli.run("link", "deploy", "--workspace", ws, "--dry-run", "--name", "ordrs"), "orders");
    }

    @Test
    void unreachableWorkersAreExitThreeSayingWhatToCheck() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Cli.Result r =
                Cli.run("link", "deploy", "--workspace", dir.toString(), "--connect", "http://127.0.0.1:" + port);

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.err()).contains("http://127.0.0.1:" + port, "do not answer", "that the workers run");
    }

    @Test
    void helpTeachesAndListsExitCodes() {
        Cli.Result r = Cli.run("link", "deploy", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("--connect", "--connector", "--tasks", "--timeout", "--dry-run", "--delete", "--output")
                .contains("exactly.once.source.support=enabled", "docs/connect-deploy.md")
                .contains("a ${file:...}, ${env:...} or ${directory:...}")
                .contains("Exit codes: 0");
    }

    @Test
    void aResultShowsTheTasksTheFailureAndWhereToFollowTheLink() throws Exception {
        // Given a deployment whose task failed
        ConnectorStatus status = new ConnectorStatus(
                ConnectorStatus.State.RUNNING,
                "w1:8083",
                Optional.empty(),
                List.of(new ConnectorStatus.Task(
                        0,
                        ConnectorStatus.State.FAILED,
                        "w2:8083",
                        Optional.of("org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized"))));
        LinkDeployment.Result failed = new LinkDeployment.Result(
                "cutover-link-orders",
                "orders",
                new ConnectClient.WorkerInfo("4.3.1", "T-id"),
                LinkDeployment.Action.CREATED,
                LinkDeployment.Outcome.FAILED,
                Optional.of(status),
                status.failure());
        ConnectUrl url = ConnectUrl.parse("http://connect-1:8083");
        LinkDeployRendering md = new LinkDeployRendering(OutputFormat.MD, dir);

        // When it is rendered, Then it says what was done where, what failed, and how to follow the link
        assertThat(md.result(failed, url, Optional.empty()))
                .contains("Created on the Kafka Connect workers at http://connect-1:8083 (Connect 4.3.1, Kafka"
                        + " cluster T-id, the workspace's target), but it does not run")
                .contains("**failed**: task 0 FAILED on w2:8083: org.apache.kafka.common.errors"
                        + ".TopicAuthorizationException: Not authorized")
                .contains("| 0 | FAILED | `w2:8083` |")
                .contains("`cutover link status --workspace " + dir + " --name orders`");

        // And a deletion says the link's state stays; its JSON carries the outcome and no configuration
        LinkDeployment.Result deleted = new LinkDeployment.Result(
                "cutover-link-orders",
                "orders",
                new ConnectClient.WorkerInfo("4.3.1", "T-id"),
                LinkDeployment.Action.DELETED,
                LinkDeployment.Outcome.DELETED,
                Optional.empty(),
                Optional.empty());
        assertThat(md.result(deleted, url, Optional.empty()))
                .contains("Deleted from the Kafka Connect workers at", "state and offset map");
        JsonNode doc =
                JSON.readTree(new LinkDeployRendering(OutputFormat.JSON, dir).result(deleted, url, Optional.empty()));
        assertThat(doc.path("action").asText()).isEqualTo("deleted");
        assertThat(doc.path("outcome").asText()).isEqualTo("deleted");
        assertThat(doc.path("kafkaClusterId").asText()).isEqualTo("T-id");
        assertThat(doc.path("config").isNull()).isTrue();
    }

    private static void assertUsage(Cli.Result r, String message) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }

    private void write(String clusters) throws Exception {
        Files.writeString(dir.resolve("cutover.yaml"), "version: 1\nclusters:\n  " + clusters);
    }
}
