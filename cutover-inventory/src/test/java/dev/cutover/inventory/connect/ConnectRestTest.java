package dev.cutover.inventory.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client's handling of credentials and of answers a real worker gives in states the wave tests cannot provoke
 * on demand (starting, refusing, failing), against a minimal in-test HTTP server that answers only what each case
 * needs. The real protocol is exercised by WaveConnectMoveIT against a real distributed worker.
 */
class ConnectRestTest {
    private static final String LISTING =
            """
            {"file-sink": {"status": {"name": "file-sink", "connector": {"state": "RUNNING"},
              "tasks": [{"id": 0, "state": "RUNNING"}], "type": "sink"},
             "info": {"name": "file-sink", "type": "sink",
              "config": {"topics": "lines", "consumer.override.group.id": "sink-group",
                         "connection.password": "hunter2-not-shown"}}}}
            """;

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (status.get() == 200
                            ? LISTING
                            : "{\"error_code\": " + status.get() + ", \"message\": \"refused by the worker\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String userInfo) {
        return "http://" + userInfo + "localhost:" + server.getAddress().getPort();
    }

    @Test
    void listsConnectorsWithTheirSinkGroupAndSecretsRedacted() {
        Map<String, Connector> connectors = new ConnectRest(url(""), Duration.ofSeconds(5)).connectors();
        assertThat(connectors).containsOnlyKeys("file-sink");
        Connector sink = connectors.get("file-sink");
        assertThat(sink.sink()).isTrue();
        assertThat(sink.running()).isTrue();
        assertThat(sink.sinkGroup()).isEqualTo("sink-group");
        assertThat(sink.config().toString()).doesNotContain("hunter2-not-shown");
        assertThat(authorization.get()).isNull();
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthenticationAndNeverShown() {
        status.set(401);
        ConnectRest rest = new ConnectRest(url("operator:s3cret-pass@"), Duration.ofSeconds(5));
        CutoverException e = catchThrowableOfType(CutoverException.class, rest::connectors);
        assertThat(authorization.get())
                .isEqualTo("Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString("operator:s3cret-pass".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
        assertThat(e.getMessage()).contains("answered 401").doesNotContain("s3cret-pass", "operator:");
        assertThat(rest.shown()).isEqualTo(url(""));
    }

    @Test
    void aStartingWorkerIsNotReadyAndAFailingOneIsACheckFailure() {
        status.set(404);
        CutoverException starting = catchThrowableOfType(
                CutoverException.class, () -> new ConnectRest(url(""), Duration.ofSeconds(5)).connectors());
        assertThat(starting.reason()).isEqualTo(Reason.CLUSTER_UNREACHABLE);
        assertThat(starting.getMessage()).contains("not ready (404");

        status.set(500);
        CutoverException failing = catchThrowableOfType(
                CutoverException.class, () -> new ConnectRest(url(""), Duration.ofSeconds(5)).connectors());
        assertThat(failing.reason()).isEqualTo(Reason.CHECK_FAILED);
        assertThat(failing.getMessage()).contains("answered 500", "refused by the worker");
    }
}
