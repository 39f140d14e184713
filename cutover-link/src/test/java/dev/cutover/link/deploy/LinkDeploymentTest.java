package dev.cutover.link.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.deploy.LinkDeployment.Action;
import dev.cutover.link.deploy.LinkDeployment.Outcome;
import dev.cutover.link.deploy.LinkDeployment.Result;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deploying against a scripted Connect REST API: every answer Connect can give, without a worker. */
class LinkDeploymentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASS = ConnectorConfig.CONNECTOR_CLASS;
    private static final String NAME = "cutover-link-orders";
    private static final String STATUS = "GET /connectors/" + NAME + "/status";
    private static final String VALIDATE = "PUT /connector-plugins/" + CLASS + "/config/validate";
    private static final String PUT = "PUT /connectors/" + NAME + "/config";
    private static final String VALID = "{\"name\":\"" + CLASS + "\",\"error_count\":0,\"groups\":[],\"configs\":[]}";

    private final List<String> progress = new ArrayList<>();
    private final Consumer<String> lines = progress::add;
    private FakeConnect connect;

    @AfterEach
    void stop() {
        if (connect != null) {
            connect.close();
        }
    }

    @Test
    void createsTheConnectorWithTheConfigurationAsPlannedAndWaitsForItsTasks() throws Exception {
        // Given workers on the target cluster with the plugin, and a connector that runs once its task is assigned
        connect = FakeConnect.worker("T", "org.example.Other", CLASS)
                .on(VALIDATE, 200, VALID)
                .on(PUT, 201, "{}")
                .on(STATUS, 404, "{\"error_code\":404,\"message\":\"No status found\"}")
                .on(STATUS, 200, status("RUNNING", "UNASSIGNED"))
                .on(STATUS, 200, status("RUNNING", "RUNNING"));
        ConnectorPlan plan = plan();

        // When it is deployed
        Result r = deployment("T").deploy(plan, lines);

        // Then it was created and runs, and what was submitted is the plan's configuration, references unresolved
        assertThat(r.action()).isEqualTo(Action.CREATED);
        assertThat(r.outcome()).isEqualTo(Outcome.RUNNING);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.worker().kafkaClusterId()).isEqualTo("T");
        assertThat(r.status().orElseThrow().tasks()).singleElement().satisfies(t -> assertThat(t.workerId())
                .isEqualTo("w1:8083"));
        Map<String, String> submitted = map(connect.requests("PUT", "/connectors/" + NAME + "/config")
                .get(0)
                .body());
        assertThat(submitted).isEqualTo(plan.config());
        assertThat(submitted.get("source.sasl.jaas.config")).isEqualTo("${file:/etc/cutover/s.properties:jaas}");
        Map<String, String> validated = new java.util.HashMap<>(plan.config());
        validated.put("name", NAME); // Connect's validation requires the connector's name
        assertThat(map(connect.requests("PUT", VALIDATE.substring(4)).get(0).body()))
                .isEqualTo(validated);
        assertThat(progress).anyMatch(l -> l.contains("connector RUNNING, tasks 0 UNASSIGNED"));
    }

    @Test
    void anExistingConnectorOfTheLinkIsUpdated() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .only("GET /connectors?expand=info", 200, connectors(NAME, CLASS, "orders"))
                .on(VALIDATE, 200, VALID)
                .on(PUT, 200, "{}")
                .on(STATUS, 200, status("RUNNING", "RUNNING"));

        Result r = deployment("T").deploy(plan(), lines);

        assertThat(r.action()).isEqualTo(Action.UPDATED);
        assertThat(r.outcome()).isEqualTo(Outcome.RUNNING);
    }

    @Test
    void workersOfAnotherKafkaClusterAreRefusedBeforeAnythingIsSubmitted() throws Exception {
        connect = FakeConnect.worker("OTHER", CLASS);

        assertThatThrownBy(() -> deployment("T").deploy(plan(), lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("Kafka cluster OTHER", "target (cluster T)");
                });
        assertThat(connect.requests()).noneMatch(r -> r.method().equals("PUT"));
    }

    @Test
    void aMissingPluginIsRefusedWithHowToInstallIt() throws Exception {
        connect = FakeConnect.worker("T", "org.example.Other");

        assertThatThrownBy(() -> deployment("T").deploy(plan(), lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains(CLASS, "not have");
                    assertThat(e.hint())
                            .get()
                            .asString()
                            .contains("cutover-connect/target/plugin/cutover-connect/", "plugin.path");
                });
    }

    @Test
    void validationErrorsAreReportedPerKey() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .on(
                        VALIDATE,
                        200,
                        "{\"error_count\":1,\"configs\":[{\"value\":{\"name\":\"exactly.once.support\","
                                + "\"value\":\"required\",\"errors\":[\"This worker does not have exactly-once source"
                                + " support enabled.\"]}},{\"value\":{\"name\":\"tasks.max\",\"errors\":[]}}]}");

        assertThatThrownBy(() -> deployment("T").deploy(plan(), lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
                    assertThat(e.getMessage())
                            .contains("exactly.once.support: This worker does not have exactly-once")
                            .doesNotContain("tasks.max");
                });
        assertThat(connect.requests("PUT", "/connectors/" + NAME + "/config")).isEmpty();
    }

    @Test
    void aFailedTaskEndsTheWaitWithTheFirstLineOfItsTrace() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .on(VALIDATE, 200, VALID)
                .on(PUT, 201, "{}")
                .on(
                        STATUS,
                        200,
                        "{\"name\":\"" + NAME + "\",\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"w1:8083\"},"
                                + "\"tasks\":[{\"id\":0,\"state\":\"FAILED\",\"worker_id\":\"w2:8083\",\"trace\":"
                                + "\"org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to"
                                + " access topics: [orders]\\n\\tat org.apache.kafka.Foo.bar(Foo.java:1)\\n\"}]}");

        Result r = deployment("T").deploy(plan(), lines);

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.detail())
                .contains("task 0 FAILED on w2:8083: org.apache.kafka.common.errors.TopicAuthorizationException: Not"
                        + " authorized to access topics: [orders]");
    }

    @Test
    void aConnectorThatDoesNotRunInTimeEndsTheWaitSayingWhatItWaitedFor() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .on(VALIDATE, 200, VALID)
                .on(PUT, 201, "{}")
                .on(STATUS, 200, status("RUNNING", "UNASSIGNED"));

        Result r = new LinkDeployment(client(), () -> "T", Duration.ofMillis(300), Duration.ofMillis(10))
                .deploy(plan(), lines);

        assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(r.detail()).get().asString().contains("connector RUNNING, tasks 0 UNASSIGNED");
    }

    @Test
    void aPausedConnectorIsReportedNotAwaited() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .only("GET /connectors?expand=info", 200, connectors(NAME, CLASS, "orders"))
                .on(VALIDATE, 200, VALID)
                .on(PUT, 200, "{}")
                .on(STATUS, 200, status("PAUSED", "PAUSED"));

        Result r = deployment("T").deploy(plan(), lines);

        assertThat(r.outcome()).isEqualTo(Outcome.NOT_RUNNING);
        assertThat(r.detail()).get().asString().contains("PAUSED", "/connectors/" + NAME + "/resume");
    }

    @Test
    void aRebalanceIsWaitedOutThenGivenUpOn() throws Exception {
        // Given workers that answer 409 twice before accepting the configuration
        connect = FakeConnect.worker("T", CLASS)
                .on(VALIDATE, 200, VALID)
                .on(
                        PUT,
                        409,
                        "{\"error_code\":409,\"message\":\"Cannot complete request because of a conflicting"
                                + " operation (e.g. worker rebalance)\"}")
                .on(PUT, 409, "{\"error_code\":409,\"message\":\"rebalance\"}")
                .on(PUT, 201, "{}")
                .on(STATUS, 200, status("RUNNING", "RUNNING"));

        // Then it is created after asking three times
        assertThat(deployment("T").deploy(plan(), lines).action()).isEqualTo(Action.CREATED);
        assertThat(connect.requests("PUT", "/connectors/" + NAME + "/config")).hasSize(3);

        // And workers that keep answering 409 are given up on after the back-off
        connect.only(PUT, 409, "{\"error_code\":409,\"message\":\"rebalance in progress\"}");
        assertThatThrownBy(() -> deployment("T").deploy(plan(), lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CHECK_FAILED);
                    assertThat(e.getMessage()).contains("409", "rebalance in progress", "asked 4 times");
                });
    }

    @Test
    void connectRefusingTheRequestIsAConfigurationErrorWithItsMessage() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .on(VALIDATE, 200, VALID)
                .on(PUT, 400, "{\"error_code\":400,\"message\":\"Connector name must not be blank\"}");

        assertThatThrownBy(() -> deployment("T").deploy(plan(), lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("answered 400", "Connector name must not be blank");
                });
    }

    @Test
    void credentialsFromTheUrlAreSentAndARefusalIsDenied() throws Exception {
        connect =
                FakeConnect.worker("T", CLASS).only("GET /", 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
        ConnectClient client = new ConnectClient(
                ConnectUrl.parse(connect.url().replace("http://", "http://ops:pw-1234@")),
                Duration.ofSeconds(5),
                List.of());

        assertThatThrownBy(() -> new LinkDeployment(client, () -> "T", Duration.ofSeconds(5)).checkWorkers())
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
                    assertThat(e.getMessage()).doesNotContain("pw-1234");
                });
        assertThat(connect.requests().get(0).authorization()).startsWith("Basic ");
    }

    @Test
    void somethingThatIsNotConnectIsAUsageError() throws Exception {
        connect = new FakeConnect().on("GET /", 200, "{\"schemaRegistry\":true}");

        assertThatThrownBy(() -> deployment("T").checkWorkers()).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.USAGE);
            assertThat(e.getMessage()).contains("not the REST API of a Kafka Connect worker");
        });
    }

    @Test
    void unreachableWorkersAreExitThree() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectClient client = new ConnectClient(ConnectUrl.parse("http://127.0.0.1:" + port), Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.info()).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
            assertThat(e.getMessage()).contains("http://127.0.0.1:" + port, "do not answer");
            assertThat(e.hint()).get().asString().contains("that the workers run");
        });
    }

    @Test
    void anotherConnectorUnderTheNameOrTheLinkUnderAnotherNameIsLeftAlone() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .only("GET /connectors?expand=info", 200, connectors(NAME, "org.example.Sink", null));
        assertThatThrownBy(() -> deployment("T").deploy(plan(), lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.getMessage())
                        .contains("runs org.example.Sink, not the cutover link"));

        connect.only("GET /connectors?expand=info", 200, connectors(NAME, CLASS, "payments"));
        assertThatThrownBy(() -> deployment("T").deploy(plan(), lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.getMessage())
                        .contains("copies link 'payments', not 'orders'"));

        connect.only("GET /connectors?expand=info", 200, connectors("orders-copy", CLASS, "orders"));
        assertThatThrownBy(() -> deployment("T").deploy(plan(), lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.getMessage()).contains("deployed already, as connector 'orders-copy'");
                    assertThat(e.hint()).get().asString().contains("--connector orders-copy");
                });
        assertThat(connect.requests()).noneMatch(r -> r.method().equals("PUT"));
    }

    @Test
    void deleteRemovesTheLinksConnectorAndWaitsUntilItIsGone() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .only("GET /connectors?expand=info", 200, connectors(NAME, CLASS, "orders"))
                .on("DELETE /connectors/" + NAME, 204, "")
                .on(STATUS, 200, status("RUNNING", "RUNNING"))
                .on(STATUS, 404, "{\"error_code\":404,\"message\":\"gone\"}");

        Result r = deployment("T").delete(NAME, "orders", lines);

        assertThat(r.action()).isEqualTo(Action.DELETED);
        assertThat(r.outcome()).isEqualTo(Outcome.DELETED);
        assertThat(connect.requests("DELETE", "/connectors/" + NAME)).hasSize(1);
    }

    @Test
    void deletingAConnectorThatIsNotThereIsACheckThatFailed() throws Exception {
        connect = FakeConnect.worker("T", CLASS)
                .only("GET /connectors?expand=info", 200, connectors("cutover-link-payments", CLASS, "payments"));

        assertThatThrownBy(() -> deployment("T").delete(NAME, "orders", lines))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CHECK_FAILED);
                    assertThat(e.hint()).get().asString().contains("cutover-link-payments (link payments)");
                });
        assertThat(connect.requests()).noneMatch(r -> r.method().equals("DELETE"));
    }

    private static Map<String, String> map(String json) throws Exception {
        return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    }

    private LinkDeployment deployment(String targetClusterId) {
        return new LinkDeployment(client(), () -> targetClusterId, Duration.ofSeconds(10), Duration.ofMillis(10));
    }

    private ConnectClient client() {
        return new ConnectClient(
                ConnectUrl.parse(connect.url()),
                Duration.ofSeconds(5),
                List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1)));
    }

    private static ConnectorPlan plan() {
        return ConnectorPlan.of(
                NAME,
                LinkConfig.named("orders"),
                new ConnectionProfile(
                        "source",
                        Map.of(
                                "bootstrap.servers",
                                "old:9092",
                                "sasl.jaas.config",
                                "${file:/etc/cutover/s.properties:jaas}"),
                        List.of(),
                        Duration.ofSeconds(5)),
                new ConnectionProfile(
                        "target", Map.of("bootstrap.servers", "new:9093"), List.of(), Duration.ofSeconds(5)),
                1);
    }

    private static String status(String connector, String task) {
        return "{\"name\":\"" + NAME + "\",\"connector\":{\"state\":\"" + connector + "\",\"worker_id\":\"w1:8083\"},"
                + "\"tasks\":[{\"id\":0,\"state\":\"" + task + "\",\"worker_id\":\"w1:8083\"}],\"type\":\"source\"}";
    }

    private static String connectors(String name, String connectorClass, String link) {
        return "{\"" + name + "\":{\"info\":{\"name\":\"" + name + "\",\"config\":{\"connector.class\":\""
                + connectorClass + "\"" + (link == null ? "" : ",\"link.name\":\"" + link + "\"")
                + "},\"tasks\":[],\"type\":\"source\"}}}";
    }
}
