package dev.cutover.inventory.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The REST API of one Kafka Connect cluster (any of its workers forwards to the leader): its connectors with their
 * type, state and tasks' states, and pausing and resuming them. A worker that does not answer is {@link
 * Reason#CLUSTER_UNREACHABLE}; an answer other than the documented one is {@link Reason#CHECK_FAILED} with the status
 * and the worker's message. The URL is shown redacted (credentials in it never appear).
 */
public final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Set<Integer> STARTING = Set.of(404, 409, 503);

    private final String url;
    private final String shown;
    private final java.util.Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param url the workers' REST URL; user info in it ({@code https://user:password@host:8443}) is sent as HTTP basic
     *     authentication, never shown
     */
    public ConnectRest(String url, Duration timeout) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri = URI.create(base);
        this.authorization = java.util.Optional.ofNullable(uri.getRawUserInfo())
                .map(info -> "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(java.net.URLDecoder.decode(info, StandardCharsets.UTF_8)
                                        .getBytes(StandardCharsets.UTF_8)));
        this.url = uri.getRawUserInfo() == null ? base : base.replace(uri.getRawUserInfo() + "@", "");
        this.shown = Redactor.redactText(this.url);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The URL as messages show it: without credentials. */
    public String shown() {
        return shown;
    }

    /** Every connector of the cluster, by name. */
    public Map<String, Connector> connectors() {
        JsonNode all = call("GET", "/connectors?expand=status&expand=info", 200, "list the connectors");
        Map<String, Connector> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode status = e.getValue().path("status");
            JsonNode info = e.getValue().path("info");
            List<String> tasks = new ArrayList<>();
            status.path("tasks").forEach(t -> tasks.add(t.path("state").asText("UNKNOWN")));
            Map<String, String> config = new TreeMap<>();
            info.path("config")
                    .fields()
                    .forEachRemaining(c -> config.put(c.getKey(), c.getValue().asText()));
            String type = info.path("type").asText(status.path("type").asText("unknown"));
            out.put(
                    e.getKey(),
                    new Connector(
                            e.getKey(),
                            type,
                            status.path("connector").path("state").asText("UNKNOWN"),
                            tasks,
                            Connector.redacted(config)));
        }
        return out;
    }

    /** Pauses a connector, asking again while the workers rebalance or start (for at most {@code wait}). */
    public void pause(String connector, Duration wait) {
        retrying("/connectors/" + encode(connector) + "/pause", "pause connector " + connector, wait);
    }

    /** Resumes a connector, asking again while the workers rebalance or start (for at most {@code wait}). */
    public void resume(String connector, Duration wait) {
        retrying("/connectors/" + encode(connector) + "/resume", "resume connector " + connector, wait);
    }

    private void retrying(String path, String what, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                call("PUT", path, 202, what);
                return;
            } catch (CutoverException e) {
                if (e.reason() != Reason.CLUSTER_UNREACHABLE || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(POLL.toMillis()); // asking again while the workers rebalance, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted: " + what, null, e);
            }
        }
    }

    /**
     * Waits until every connector of {@code names} is listed and {@code done} holds for it (its own state and its
     * tasks'), or fails after {@code wait} naming those that do not; unreachable workers are waited for too (they may
     * still be starting).
     */
    public Map<String, Connector> await(
            Set<String> names, Predicate<Connector> done, String what, Duration wait, Consumer<String> progress) {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "";
        while (true) {
            String seen;
            try {
                Map<String, Connector> now = connectors();
                List<String> pending = names.stream()
                        .filter(n -> now.get(n) == null || !done.test(now.get(n)))
                        .map(n -> now.get(n) == null
                                ? n + " (not listed)"
                                : now.get(n).describe())
                        .toList();
                if (pending.isEmpty()) {
                    return now;
                }
                seen = "waiting for " + String.join(", ", pending) + " to be " + what;
            } catch (CutoverException e) {
                if (e.reason() != Reason.CLUSTER_UNREACHABLE) {
                    throw e;
                }
                seen = "waiting for the Connect workers at " + shown() + " to answer (" + e.getMessage() + ")";
            }
            if (!seen.equals(last)) {
                progress.accept(seen);
                last = seen;
            }
            if (System.nanoTime() > deadline) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "after " + wait.toSeconds() + " s, " + seen.replaceFirst("^waiting for ", "still "),
                        "check the workers' logs and `curl " + shown() + "/connectors?expand=status`; then `cutover"
                                + " wave resume`, or `cutover wave rollback`");
            }
            try {
                Thread.sleep(POLL.toMillis()); // polling the workers' REST API, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted while " + seen, null, e);
            }
        }
    }

    private JsonNode call(String method, String path, int expected, String what) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(a -> builder.header("Authorization", a));
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "the Kafka Connect workers at " + shown() + " do not answer (" + what + "): "
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : Redactor.redactText(e.getMessage())),
                    "check that they run and that connect: in cutover.yaml is their REST URL",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted: " + what, null, e);
        }
        if (response.statusCode() != expected && STARTING.contains(response.statusCode())) {
            // a worker that is starting answers 404 until its resources are up, 409 or 503 while it rebalances
            throw new CutoverException(
                    Reason.CLUSTER_UNREACHABLE,
                    "the Kafka Connect workers at " + shown() + " are not ready (" + response.statusCode() + " to "
                            + what + ": " + Redactor.redactText(message(response.body())) + ")",
                    "wait until they have started and joined their group; then `cutover wave resume`");
        }
        if (response.statusCode() != expected) {
            throw new CutoverException(
                    response.statusCode() == 401 || response.statusCode() == 403
                            ? Reason.CLUSTER_UNREACHABLE
                            : Reason.CHECK_FAILED,
                    "the Kafka Connect workers at " + shown() + " answered " + response.statusCode() + " to " + what
                            + ": " + Redactor.redactText(message(response.body())),
                    response.statusCode() == 409
                            ? "the workers are rebalancing: `cutover wave resume` asks again"
                            : "see the workers' logs");
        }
        try {
            String body = response.body();
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "the Kafka Connect workers at " + shown() + " answered " + what + " with something other than"
                            + " JSON",
                    "check that connect: in cutover.yaml is the workers' REST URL");
        }
    }

    private static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("message").asText(body);
        } catch (IOException | RuntimeException e) {
            return body == null ? "" : body.substring(0, Math.min(200, body.length()));
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
