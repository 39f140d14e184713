package dev.cutover.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.testkit.Await;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Kafka Connect worker in distributed mode ({@code ConnectDistributed}) in a child JVM, with exactly-once source
 * support enabled and the cutover plugin that {@code package} laid out in {@code target/plugin} on its plugin path —
 * the way a platform team runs it. Killing it ({@link #kill}) is a worker lost abruptly: SIGKILL, no task stopped, no
 * transaction ended. The child's class path is the test's without cutover's own classes, so the worker loads the
 * connector only from the plugin directory, in its own class loader.
 */
final class ConnectWorker implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final Path dir;
    final int port;
    private final Process process;

    private ConnectWorker(String name, Path dir, int port, Process process) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a worker of group {@code group} writing to {@code bootstrap}, and waits for its REST API. */
    static ConnectWorker start(Path root, String name, String bootstrap, String group) throws Exception {
        Path dir = Files.createDirectories(root.resolve(name));
        int port = freePort();
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", group);
        props.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("config.storage.topic", group + "-configs");
        props.put("offset.storage.topic", group + "-offsets");
        props.put("status.storage.topic", group + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("exactly.once.source.support", "enabled");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", Integer.toString(port));
        props.put("plugin.path", pluginPath().toString());
        // A lost worker's tasks move after its session times out and this delay, not Connect's default 5 minutes.
        props.put("scheduled.rebalance.max.delay.ms", "2000");
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1000");
        props.put("offset.flush.interval.ms", "1000");
        Path file = dir.resolve("worker.properties");
        Files.writeString(
                file,
                props.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n")));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx384m",
                "-cp",
                workerClassPath(),
                "org.apache.kafka.connect.cli.ConnectDistributed",
                file.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.log").toFile())
                .start();
        ConnectWorker worker = new ConnectWorker(name, dir, port, process);
        try {
            Await.until("Connect worker " + name + " to answer on port " + port, TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("worker " + name + " exited: " + worker.logTail(60));
                }
                return worker.get("/").statusCode() == 200;
            });
        } catch (RuntimeException | Error e) {
            worker.kill();
            throw e;
        }
        return worker;
    }

    /** The plugin directory's parent, laid out by {@code package} (the failsafe tests run after it). */
    static Path pluginPath() {
        Path plugin = Paths.get("target", "plugin").toAbsolutePath();
        if (!Files.isDirectory(plugin.resolve("cutover-connect"))) {
            throw new IllegalStateException(plugin + "/cutover-connect is missing: run the tests through `mvn verify`,"
                    + " whose package phase lays the plugin out");
        }
        return plugin;
    }

    /** The test's class path without cutover's classes: the worker must find the connector in its plugin only. */
    private static String workerClassPath() {
        String project = Paths.get("").toAbsolutePath().getParent().toString();
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.startsWith(project) && !entry.contains("/dev/cutover/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
    }

    HttpResponse<String> put(String path, Object body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The connector's status as Connect reports it, or null while it has none. */
    JsonNode status(String connector) throws IOException {
        HttpResponse<String> r = get("/connectors/" + connector + "/status");
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    /** SIGKILL: the worker is lost at once, its tasks' transactions left open. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("worker.log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the worker gracefully (SIGTERM): its tasks stop, its group is left. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
