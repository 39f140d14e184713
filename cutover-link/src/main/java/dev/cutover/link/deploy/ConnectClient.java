package dev.cutover.link.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Redactor;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The part of Kafka Connect's REST API that deploying a connector uses. Failures say what to do and map to exit codes
 * as {@link Reason} does: no answer is {@link Reason#CLUSTER_UNREACHABLE}; 401 and 403 are {@link
 * Reason#AUTHENTICATION_FAILED} and {@link Reason#AUTHORIZATION_FAILED}; another 4xx is {@link Reason#CONFIG_INVALID}
 * with Connect's message; a 409 (the workers are rebalancing, or their configuration changed meanwhile) is asked again
 * after each wait of the back-off, then {@link Reason#CHECK_FAILED}, as is a 5xx but 503 (workers starting: {@link
 * Reason#CLUSTER_UNREACHABLE}). Everything Connect says is redacted before it is shown.
 */
public final class ConnectClient {
    /** The waits before asking again after a 409: 7.5 s in all. */
    static final List<Duration> BACKOFF =
            List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;

    private final ConnectUrl url;
    private final Duration requestTimeout;
    private final List<Duration> backoff;
    private final HttpClient http;

    /** What {@code GET /} says: the worker's Connect version and the id of the Kafka cluster it works against. */
    public record WorkerInfo(String version, String kafkaClusterId) {}

    /** A connector the workers run: its class and, for the cutover link's, the link it copies. */
    public record Existing(String name, String connectorClass, Optional<String> link) {}

    public ConnectClient(ConnectUrl url, Duration requestTimeout) {
        this(url, requestTimeout, BACKOFF);
    }

    ConnectClient(ConnectUrl url, Duration requestTimeout, List<Duration> backoff) {
        this.url = url;
        this.requestTimeout = requestTimeout;
        this.backoff = List.copyOf(backoff);
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    public ConnectUrl url() {
        return url;
    }

    /** {@code GET /}; {@link Reason#USAGE} when what answers is not a Connect worker (no {@code kafka_cluster_id}). */
    public WorkerInfo info() {
        JsonNode root;
        try {
            root = json(send("GET", "/", null, "tell what it is"), "GET /");
        } catch (CutoverException e) {
            if (e.reason() == Reason.CONFIG_INVALID) {
                throw notConnect(e.getMessage());
            }
            throw e;
        }
        String cluster = root.path("kafka_cluster_id").asText("");
        if (cluster.isEmpty()) {
            throw notConnect(url + " answered GET / without kafka_cluster_id");
        }
        return new WorkerInfo(root.path("version").asText("unknown"), cluster);
    }

    private CutoverException notConnect(String message) {
        return new CutoverException(
                Reason.USAGE,
                message + ": it is not the REST API of a Kafka Connect worker",
                "give the REST listener of a Connect worker (listeners= in its worker properties, e.g."
                        + " http://connect-1:8083)");
    }

    /** The connector classes installed on the worker ({@code GET /connector-plugins}). */
    public Set<String> connectorClasses() {
        Set<String> out = new TreeSet<>();
        json(send("GET", "/connector-plugins", null, "list its connector plugins"), "GET /connector-plugins")
                .forEach(p -> out.add(p.path("class").asText("")));
        return out;
    }

    /** The connectors the workers run, by name, with their class and link ({@code GET /connectors?expand=info}). */
    public Map<String, Existing> connectors() {
        JsonNode all = json(send("GET", "/connectors?expand=info", null, "list its connectors"), "GET /connectors");
        Map<String, Existing> out = new TreeMap<>();
        all.fields().forEachRemaining(e -> {
            JsonNode config = e.getValue().path("info").path("config");
            String link =
                    config.path(dev.cutover.link.connect.ConnectorConfig.NAME).asText("");
            out.put(
                    e.getKey(),
                    new Existing(
                            e.getKey(),
                            config.path("connector.class").asText(""),
                            link.isEmpty() ? Optional.empty() : Optional.of(link)));
        });
        return out;
    }

    /**
     * Connect's validation of a connector's configuration ({@code PUT /connector-plugins/CLASS/config/validate}, with
     * the connector's {@code name}, which Connect requires there): the messages of each key that has errors (empty
     * when valid).
     */
    public Map<String, List<String>> validate(String connectorClass, String connector, Map<String, String> config) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", connector);
        body.putAll(config);
        JsonNode answer = json(
                send(
                        "PUT",
                        "/connector-plugins/" + encode(connectorClass) + "/config/validate",
                        body,
                        "validate the connector's configuration"),
                "the validation");
        Map<String, List<String>> errors = new TreeMap<>();
        answer.path("configs").forEach(c -> {
            List<String> messages = new ArrayList<>();
            c.path("value").path("errors").forEach(m -> messages.add(shorten(m.asText())));
            if (!messages.isEmpty()) {
                errors.put(c.path("value").path("name").asText("?"), messages);
            }
        });
        return errors;
    }

    /** Creates or updates a connector ({@code PUT /connectors/NAME/config}); true when it was created. */
    public boolean put(String connector, Map<String, String> config) {
        return send("PUT", "/connectors/" + encode(connector) + "/config", config, "create or update " + connector)
                        .statusCode()
                == 201;
    }

    /** A connector's status, empty while Connect has none (it does not exist, or was created a moment ago). */
    public Optional<ConnectorStatus> status(String connector) {
        HttpResponse<String> r =
                send("GET", "/connectors/" + encode(connector) + "/status", null, "report " + connector + "'s status");
        return r.statusCode() == 404
                ? Optional.empty()
                : Optional.of(ConnectorStatus.parse(json(r, "the status of " + connector)));
    }

    /** Deletes a connector ({@code DELETE /connectors/NAME}); false when there was none. */
    public boolean delete(String connector) {
        return send("DELETE", "/connectors/" + encode(connector), null, "delete " + connector)
                        .statusCode()
                != 404;
    }

    /**
     * Sends a request, asking again after a 409; returns a 2xx answer, or a 404 to a GET or DELETE of a connector's own
     * path (it does not exist).
     */
    private HttpResponse<String> send(String method, String path, Map<String, String> body, String what) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = once(method, path, body, what);
            int code = r.statusCode();
            if (code / 100 == 2 || (code == 404 && !method.equals("PUT") && path.startsWith("/connectors/"))) {
                return r;
            }
            if (code == 409 && attempt < backoff.size()) {
                pause(backoff.get(attempt), what);
                continue;
            }
            throw refused(code, message(r.body()), what, attempt);
        }
    }

    private HttpResponse<String> once(String method, String path, Map<String, String> body, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text(body), StandardCharsets.UTF_8));
        }
        url.authorization().ifPresent(a -> request.header("Authorization", a));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "the Kafka Connect workers at " + url + " do not answer (asked to " + what + "): "
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : Redactor.redactText(e.getMessage())),
                    "check the URL (host, port, http or https), that the workers run, and that this host reaches"
                            + " them (firewall, proxy)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted while asking Connect to " + what, null);
        }
    }

    private CutoverException refused(int code, String message, String what, int retries) {
        String said = "Kafka Connect at " + url + " answered " + code + " when asked to " + what + ": " + message;
        if (code == 401 || code == 403) {
            return new CutoverException(
                    code == 401 ? Reason.AUTHENTICATION_FAILED : Reason.AUTHORIZATION_FAILED,
                    said,
                    "the workers' REST API wants credentials with these rights: give them in the URL"
                            + " (https://USER:PASSWORD@HOST:8443, sent as basic authentication)");
        }
        if (code == 409) {
            return new CutoverException(
                    Reason.CHECK_FAILED,
                    said + " (asked " + (retries + 1) + " times)",
                    "the workers are rebalancing or their configuration is changing: try again once their logs show"
                            + " the group settled");
        }
        if (code == 503) {
            return new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    said,
                    "the workers are starting, or cannot reach their Kafka cluster: see their logs");
        }
        if (code / 100 == 4) {
            return new CutoverException(Reason.CONFIG_INVALID, said, null);
        }
        return new CutoverException(Reason.CHECK_FAILED, said, "see the workers' logs");
    }

    private void pause(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis()); // Connect's own advice on a 409: ask again after a moment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted while asking Connect to " + what, null);
        }
    }

    private JsonNode json(HttpResponse<String> r, String what) {
        try {
            JsonNode node = JSON.readTree(r.body());
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty");
            }
            return node;
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    url + " answered " + what + " with something other than JSON",
                    "check that the URL is the REST API of a Kafka Connect worker");
        }
    }

    private static String text(Map<String, String> body) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is JSON", e);
        }
    }

    private static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return shorten(node.path("message").asText(body));
        } catch (IOException | RuntimeException e) {
            return shorten(body == null ? "" : body);
        }
    }

    private static String shorten(String text) {
        String one = Redactor.redactText(text.strip());
        return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "…";
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
