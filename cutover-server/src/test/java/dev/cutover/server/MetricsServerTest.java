package dev.cutover.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The /metrics endpoint: Prometheus text of the registry, JVM metrics included; bad addresses are usage errors. */
class MetricsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheRegistryInPrometheusTextFormatAndNothingElse() throws Exception {
        PrometheusMeterRegistry registry = MetricsServer.newRegistry();
        Counter.builder("cutover.test.events").register(registry).increment(3);
        try (MetricsServer server = MetricsServer.start("127.0.0.1:0", registry)) {
            HttpResponse<String> metrics = get("http://" + server.address() + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValue(MetricsServer.TEXT_FORMAT);
            assertThat(metrics.body())
                    .contains("cutover_test_events_total 3.0")
                    .contains("jvm_memory_used_bytes{")
                    .contains("process_uptime_seconds");
            assertThat(get("http://" + server.address() + "/").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(URI.create("http://" + server.address() + "/metrics"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void anAddressThatIsNotHostPortOrIsTakenIsAUsageErrorThatSaysWhatToDo() {
        assertThatThrownBy(() -> MetricsServer.start("9464", MetricsServer.newRegistry()))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("'9464' is not host:port")
                .satisfies(e -> assertThat(((CutoverException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> MetricsServer.start("127.0.0.1:99999", MetricsServer.newRegistry()))
                .hasMessageContaining("port must be a number from 0 to 65535");
        try (MetricsServer first = MetricsServer.start("127.0.0.1:0", MetricsServer.newRegistry())) {
            assertThatThrownBy(() -> MetricsServer.start(first.address(), MetricsServer.newRegistry()))
                    .isInstanceOf(CutoverException.class)
                    .hasMessageContaining(first.address() + " cannot be served")
                    .hasMessageContaining("choose another port")
                    .satisfies(
                            e -> assertThat(((CutoverException) e).exitCode()).isEqualTo(2));
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
