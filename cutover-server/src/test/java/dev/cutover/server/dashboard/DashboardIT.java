package dev.cutover.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Await;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover serve}'s API over a workspace with a real running link: it shows what the link copies as it copies
 * it, what the workspace's files say, and "unknown" with a reason where there is nothing to show; it is read-only and,
 * with a token, closed to requests without it.
 */
@ExtendWith(ClustersExtension.class)
class DashboardIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theApiShowsTheRunningLinkGrowAndTheWorkspaceAsItsFilesSay(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path dir)
            throws Exception {
        // Given a workspace whose link copies 300 records from the source
        try (LinkedWorkspace ws = LinkedWorkspace.start(dir, source, target, 300);
                DashboardServer server =
                        DashboardServer.start(DashboardServer.Settings.of(dir, "127.0.0.1", 0, Optional.empty())
                                .withPoll(Duration.ofMillis(500)))) {
            // When the dashboard is asked about the link
            JsonNode link = Await.until("the link has copied 300 records", TIMEOUT, () -> {
                JsonNode l = get(server, "api/links").path("links").path(0);
                return copied(l) == 300 ? l : null;
            });

            // Then it shows the link's partitions with their states and lag, as `link status` reads them
            assertThat(link.path("link").asText()).isEqualTo("default");
            assertThat(link.path("status").path("running").asBoolean()).isTrue();
            assertThat(link.path("status").path("partitions")).hasSize(LinkedWorkspace.PARTITIONS);
            assertThat(link.path("status").path("partitions").findValuesAsText("topic"))
                    .containsOnly(LinkedWorkspace.TOPIC);
            assertThat(link.path("history")).isNotEmpty();

            // When 200 more records are written to the source
            LinkedWorkspace.produce(source, 200);

            // Then the dashboard sees the link copy them, and a throughput above zero in its history
            JsonNode grown = Await.until("the link has copied 500 records", TIMEOUT, () -> {
                JsonNode l = get(server, "api/links").path("links").path(0);
                return copied(l) == 500 ? l : null;
            });
            assertThat(grown.path("history").findValues("recordsPerSecond").stream()
                            .filter(JsonNode::isNumber)
                            .mapToDouble(JsonNode::asDouble)
                            .max()
                            .orElse(0))
                    .isPositive();
            assertThat(get(server, "api/overview")
                            .path("links")
                            .path(0)
                            .path("partitions")
                            .asInt())
                    .isEqualTo(LinkedWorkspace.PARTITIONS);

            // And the estate, plan and waves are what the workspace's files say
            JsonNode estate = get(server, "api/estate");
            assertThat(estate.path("known").asBoolean()).as(estate.toString()).isTrue();
            assertThat(estate.path("data").path("topics").findValuesAsText("name"))
                    .contains(LinkedWorkspace.TOPIC);
            assertThat(estate.path("data")
                            .path("workloads")
                            .path(0)
                            .path("owner")
                            .asText())
                    .isEqualTo(LinkedWorkspace.HOSTILE_OWNER);
            assertThat(estate.path("data").path("clusters").findValuesAsText("name"))
                    .containsExactly("source", "target");
            JsonNode plan = get(server, "api/plan");
            assertThat(plan.path("known").asBoolean()).as(plan.toString()).isTrue();
            assertThat(plan.path("data").path("waves").path(0).path("workloads").toString())
                    .contains("orders-api");
            JsonNode waves = get(server, "api/waves").path("data");
            JsonNode wave = waves.path("waves").path(0);
            assertThat(wave.path("name").asText()).isEqualTo("wave-1");
            assertThat(wave.path("status").asText()).isEqualTo("waiting");
            assertThat(wave.path("waitingOn").path("result").asText()).contains("stray clients block");
            assertThat(waves.path("journalEntries").asInt()).isEqualTo(3);

            // And with no readiness report yet, readiness is unknown, saying why and what to run
            JsonNode readiness = get(server, "api/readiness");
            assertThat(readiness.path("known").asBoolean()).isFalse();
            assertThat(readiness.path("unknown").asText()).contains("no readiness report yet");
            assertThat(readiness.path("todo").asText()).contains("cutover readiness --workspace");
            assertThat(readiness.has("data")).isFalse();

            // And the page, uPlot from its webjar and /metrics are served; writing is refused
            assertThat(request(server, "", "GET").body()).contains("<title>cutover</title>");
            assertThat(request(server, "vendor/uplot/uPlot.iife.min.js", "GET").statusCode())
                    .isEqualTo(200);
            assertThat(request(server, "metrics", "GET").body())
                    .contains("jvm_memory_used_bytes")
                    .containsPattern("cutover_wave_steps_waiting\\{wave=\"wave-1\"\\} 1(\\.0)?\\b");
            HttpResponse<String> post = request(server, "api/links", "POST");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(request(server, "api/nothing", "GET").statusCode()).isEqualTo(404);
            assertThat(request(server, "", "GET").headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
            assertThat(ws.link.failure()).isEmpty();
        }
    }

    @Test
    void aTargetThatCannotBeReadMakesTheLinksUnknownWithTheReason(
            @Cluster("source") EmbeddedCluster source, @TempDir Path dir) throws Exception {
        // Given a workspace whose target profile points where no broker listens
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: \"" + source.bootstrapServers()
                        + "\"}, timeout: 2s}\n  target: {properties: {bootstrap.servers: \"127.0.0.1:9\"}, timeout:"
                        + " 2s}\n");
        try (DashboardServer server =
                DashboardServer.start(DashboardServer.Settings.of(dir, "127.0.0.1", 0, Optional.empty())
                        .withPoll(Duration.ofMillis(500)))) {
            // When the links are asked for
            JsonNode link = Await.until("a poll has ended", TIMEOUT, () -> {
                JsonNode links = get(server, "api/links");
                return links.path("polled").asBoolean() ? links.path("links").path(0) : null;
            });

            // Then the link is unknown, with why, and no status or figures are made up
            assertThat(link.path("link").asText()).isEqualTo("default");
            assertThat(link.path("unknown").asText()).startsWith("the target cannot be read");
            assertThat(link.path("status").isNull()).isTrue();
            assertThat(link.path("lagRecords").isNull()).isTrue();
            assertThat(get(server, "api/estate").path("unknown").asText()).contains("no inventory yet");
        }
    }

    @Test
    void withATokenEveryRequestNeedsItAndTheQueryFormSetsACookie(@TempDir Path dir) throws Exception {
        // Given a dashboard with a token
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  target: {properties: {bootstrap.servers: \"127.0.0.1:9\"}, timeout: 1s}\n");
        String token = "s3cret-token-0123456789";
        try (DashboardServer server =
                DashboardServer.start(DashboardServer.Settings.of(dir, "127.0.0.1", 0, Optional.of(token)))) {
            // Then a request without it is refused, with the Bearer header or the cookie it is served
            assertThat(request(server, "api/overview", "GET").statusCode()).isEqualTo(401);
            assertThat(send(server, "api/overview", "Authorization", "Bearer wrong-token-0123456789")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(send(server, "api/overview", "Authorization", "Bearer " + token)
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> visit = request(server, "?token=" + token, "GET");
            assertThat(visit.statusCode()).isEqualTo(302);
            assertThat(visit.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).doesNotContain(token));
            HttpResponse<String> elsewhere = request(server, "/evil.example/?token=" + token, "GET");
            assertThat(elsewhere.headers().firstValue("Location").orElse(""))
                    .as("a token visit is sent back to this dashboard, never to another site")
                    .doesNotContain("evil.example");
            String cookie = visit.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
            assertThat(send(server, "api/overview", "Cookie", cookie.substring(0, cookie.indexOf(';')))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void anotherAddressThanLoopbackWithoutATokenIsRefused(@TempDir Path dir) {
        assertThatThrownBy(
                        () -> DashboardServer.start(DashboardServer.Settings.of(dir, "0.0.0.0", 0, Optional.empty())))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("without a token")
                .satisfies(e -> assertThat(((CutoverException) e).reason()).isEqualTo(Reason.USAGE));
    }

    private static long copied(JsonNode link) {
        long sum = 0;
        for (JsonNode p : link.path("status").path("partitions")) {
            sum += p.path("replicatedTo").asLong();
        }
        return sum;
    }

    private JsonNode get(DashboardServer server, String path) throws Exception {
        HttpResponse<String> response = request(server, path, "GET");
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> request(DashboardServer server, String path, String method) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(DashboardServer server, String path, String header, String value)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .header(header, value)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
