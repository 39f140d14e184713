package dev.cutover.link.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scripted Kafka Connect REST API on a free local port: each route ({@code "GET /connectors"}) answers with its
 * replies in turn, the last one again and again; a route without replies answers 404. Requests are recorded.
 */
final class FakeConnect implements AutoCloseable {
    record Reply(int status, String body) {}

    record Request(String method, String path, String body, String authorization) {}

    private final HttpServer server;
    private final Map<String, Deque<Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    FakeConnect() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A worker of Connect 4.3.1 working against {@code clusterId}, with the given connector classes installed. */
    static FakeConnect worker(String clusterId, String... plugins) throws IOException {
        FakeConnect fake = new FakeConnect();
        fake.on("GET /", 200, "{\"version\":\"4.3.1\",\"commit\":\"c\",\"kafka_cluster_id\":\"" + clusterId + "\"}");
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < plugins.length; i++) {
            list.append(i == 0 ? "" : ",")
                    .append("{\"class\":\"")
                    .append(plugins[i])
                    .append("\",\"type\":\"source\",\"version\":\"1\"}");
        }
        fake.on("GET /connector-plugins", 200, list.append("]").toString());
        fake.on("GET /connectors?expand=info", 200, "{}");
        return fake;
    }

    /** Adds replies to a route, answered in turn after those it has. */
    FakeConnect on(String route, int status, String body) {
        routes.computeIfAbsent(route, r -> new ArrayDeque<>()).add(new Reply(status, body));
        return this;
    }

    /** Replaces a route's replies. */
    FakeConnect only(String route, int status, String body) {
        routes.remove(route);
        return on(route, status, body);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String path) {
        return requests().stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                exchange.getRequestMethod(),
                path,
                body,
                exchange.getRequestHeaders().getFirst("Authorization")));
        Deque<Reply> replies = routes.get(exchange.getRequestMethod() + " " + path);
        Reply reply;
        if (replies == null || replies.isEmpty()) {
            reply = new Reply(404, "{\"error_code\":404,\"message\":\"Not found: " + path + "\"}");
        } else {
            synchronized (replies) {
                reply = replies.size() > 1 ? replies.poll() : replies.peek();
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), reply.status() == 204 ? -1 : bytes.length);
        if (reply.status() != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
