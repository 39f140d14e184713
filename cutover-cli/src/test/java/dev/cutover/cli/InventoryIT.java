package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.estate.SampleEstate;
import dev.cutover.sandbox.estate.SeededClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory of a secure, seeded sandbox, taken through the CLI as the read-only least-privilege user, checked
 * against what the estate itself says it started.
 */
class InventoryIT {
    private static final String CANARY = "CANARY-SECRET-7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static SandboxSession session;
    private static SampleEstate estate;
    private static Path workspace;
    private static Cli.Result run;
    private static JsonNode report;

    @BeforeAll
    static void takeInventory() throws Exception {
        workspace = dir.resolve("ws");
        session = SandboxSession.start(
                Sandbox.Options.defaults().secure(true), true, workspace, new PrintWriter(PrintWriter.nullWriter()));
        estate = session.estate().orElseThrow();
        plantCanaries();
        run = Cli.run(
                "inventory",
                "--workspace",
                workspace.toString(),
                "--scan-configs",
                dir.resolve("apps").toString(),
                "--output",
                "json");
        report = JSON.readTree(run.out());
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    /** Canary secrets in an application config file and, inline by mistake, in the profile itself. */
    private static void plantCanaries() throws Exception {
        Path apps = Files.createDirectories(dir.resolve("apps"));
        Files.writeString(
                apps.resolve("billing.properties"),
                String.join(
                        "\n",
                        "bootstrap.servers=broker:9092",
                        "group.id=billing",
                        "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"billing\" password=\""
                                + CANARY + "\";",
                        "ssl.truststore.password=" + CANARY,
                        "schema.registry.basic.auth.user.info=billing:" + CANARY,
                        ""));
        Files.writeString(apps.resolve(".env"), "KAFKA_SASL_PASSWORD=" + CANARY + "\nKAFKA_BOOTSTRAP_SERVERS=b:9092\n");
        Path config = workspace.resolve("cutover.yaml");
        String yaml = Files.readString(config);
        // A user's mistake: a secret inline in the profile. Harmless to a PLAINTEXT/SASL client, and never to be
        // echoed.
        Files.writeString(
                config,
                yaml.replaceFirst(
                        "(?m)^(\\s+)security.protocol:", "$1ssl.key.password: " + CANARY + "\n$1security.protocol:"));
    }

    @Test
    void exitsZeroAndWritesEveryFormat() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String ext : List.of("json", "md", "html")) {
            assertThat(workspace.resolve("reports/inventory." + ext)).isNotEmptyFile();
        }
        assertThat(report.path("schemaVersion").asInt()).isEqualTo(1);
    }

    @Test
    void leastPrivilegeUserSeesEverythingWithoutProblems() {
        assertThat(report.at("/cluster/principal").asText()).isEqualTo("User:" + SandboxSession.INVENTORY_USER);
        assertThat(report.at("/cluster/problems")).as("scan problems").isEmpty();
    }

    @Test
    void findsEverySeededTopicWithItsConfigs() {
        Map<String, JsonNode> topics = byName(report.at("/cluster/topics"), "name");
        estate.topics().forEach(t -> {
            JsonNode topic = topics.get(t.name());
            assertThat(topic).as("topic %s", t.name()).isNotNull();
            assertThat(topic.path("partitions")).hasSize(t.partitions());
            Map<String, String> configs = new HashMap<>();
            topic.path("configs")
                    .forEach(c ->
                            configs.put(c.path("name").asText(), c.path("value").asText()));
            assertThat(configs).containsAllEntriesOf(t.configs());
        });
    }

    @Test
    void findsEverySeededGroupWithItsMembersAndOffsets() {
        Map<String, JsonNode> groups = byName(report.at("/cluster/groups"), "groupId");
        for (SeededClient client : estate.clients()) {
            if (client.groupId().isEmpty()) {
                continue;
            }
            JsonNode group = groups.get(client.groupId().get());
            assertThat(group).as("group %s", client.groupId().get()).isNotNull();
            assertThat(group.path("offsets"))
                    .as("committed offsets of %s", client.groupId().get())
                    .isNotEmpty();
            List<String> memberClientIds = new ArrayList<>();
            group.path("members")
                    .forEach(m -> memberClientIds.add(m.path("clientId").asText()));
            switch (client.role()) {
                case EMPTY_GROUP -> assertThat(memberClientIds).isEmpty();
                case STREAMS -> {
                    assertThat(group.path("kind").asText()).isEqualTo("STREAMS_APP");
                    assertThat(memberClientIds).allMatch(id -> id.startsWith(client.clientId()));
                }
                default -> assertThat(memberClientIds).containsExactly(client.clientId());
            }
        }
        assertThat(groups.get("clickstream-analytics").path("totalLag").asLong())
                .isPositive();
    }

    @Test
    void findsTheTransactionalProducerAndEveryAclAndUser() {
        assertThat(report.at("/cluster/transactions").findValuesAsText("transactionalId"))
                .contains("payments-service-tx");
        Set<String> principals = new HashSet<>(report.at("/cluster/acls").findValuesAsText("principal"));
        Set<String> expected = new HashSet<>();
        estate.acls().forEach(a -> expected.add(a.entry().principal()));
        assertThat(principals).containsAll(expected).contains("User:" + SandboxSession.INVENTORY_USER);
        assertThat(report.at("/cluster/scramUsers").findValuesAsText("user"))
                .contains("admin", SandboxSession.INVENTORY_USER);
    }

    @Test
    void mergesTheManifestAndFlagsWhatItShould() {
        Map<String, JsonNode> workloads = byName(report.at("/workloads/workloads"), "name");
        assertThat(workloads.get("billing").path("liveness").asText()).isEqualTo("SEEN");
        assertThat(workloads.get("payments-service").path("liveness").asText()).isEqualTo("SEEN");
        assertThat(workloads.get("orders-api").path("liveness").asText()).isEqualTo("NOT_OBSERVABLE");
        assertThat(workloads.get("reconciliation").path("liveness").asText()).isEqualTo("NOT_SEEN");
        assertThat(workloads.get("audit-archiver").path("liveness").asText()).isEqualTo("NOT_SEEN");
        assertThat(report.at("/workloads/unowned").findValuesAsText("id")).contains("clickstream-analytics");
        assertThat(codesFor("workload reconciliation")).contains("INV-001");
        assertThat(codesFor("workload orders-api")).contains("INV-002");
        assertThat(codesFor("group clickstream-analytics")).contains("INV-003");
        assertThat(codesFor("topic orders.DLT")).contains("INV-006");
    }

    @Test
    void attributesClientSoftwareFromJmx() {
        assertThat(report.at("/clientSoftware/endpoints/0/listeners").findValuesAsText("clientSoftwareName"))
                .contains("apache-kafka-java");
    }

    @Test
    void scansTheApplicationConfigs() {
        JsonNode clients = report.at("/configScan/clients");
        assertThat(clients.findValuesAsText("groupId")).contains("billing");
        assertThat(byName(report.at("/workloads/workloads"), "name")
                        .get("billing")
                        .path("matched")
                        .findValuesAsText("kind"))
                .contains("group", "config-file");
    }

    @Test
    void noSecretAppearsInAnyOutputOrLog() throws Exception {
        List<String> leaks = new ArrayList<>();
        String adminPassword = session.sandbox().source().adminPassword();
        List<String> secrets = List.of(CANARY, adminPassword);
        for (String secret : secrets) {
            if (run.all().contains(secret)) {
                leaks.add("stdout/stderr");
            }
        }
        try (Stream<Path> files = Files.walk(workspace.resolve("reports"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                secrets.stream().filter(text::contains).forEach(s -> leaks.add(file.toString()));
            }
        }
        Path log = Path.of("target/test.log");
        if (Files.exists(log)) {
            String text = Files.readString(log);
            secrets.stream().filter(text::contains).forEach(s -> leaks.add(log.toString()));
        }
        assertThat(leaks).as("places a secret leaked to").isEmpty();
        // and the canary really was planted where the scan looked
        assertThat(Files.readString(dir.resolve("apps/billing.properties"))).contains(CANARY);
        assertThat(report.at("/configScan/filesScanned").asInt()).isEqualTo(2);
    }

    private static List<String> codesFor(String subject) {
        List<String> codes = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("subject").asText().equals(subject)) {
                codes.add(f.path("code").asText());
            }
        });
        return codes;
    }

    private static Map<String, JsonNode> byName(JsonNode array, String field) {
        Map<String, JsonNode> map = new HashMap<>();
        array.forEach(n -> map.put(n.path(field).asText(), n));
        return map;
    }
}
