package dev.cutover.orchestrator;

import dev.cutover.sandbox.FreePorts;
import dev.cutover.sandbox.clients.ClientScript;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real Kafka Connect cluster of one distributed worker in its own JVM (group {@code connect-cluster}, internal topics
 * {@code connect-cluster-configs|offsets|status}), started and stopped by its script as a wave's command switcher
 * does, running Kafka's file source connector (lines appended to {@code in.txt} → topic {@code lines}) and file sink
 * connector ({@code lines} → {@code out.txt}): the files are the record of what went through, exactly once or not.
 */
final class ConnectApp implements AutoCloseable {
    static final String GROUP = "connect-cluster";
    static final String TOPIC = "lines";
    static final String SINK_GROUP = "connect-file-sink";

    final Path dir;
    final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong written = new AtomicLong();
    private java.util.concurrent.ScheduledExecutorService writer;

    ConnectApp(Path workspace, String bootstrap) throws IOException {
        this.dir = workspace.resolve("apps").resolve("connect");
        this.port = FreePorts.next();
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(ClientScript.PROPERTIES),
                "# the Connect workers' settings (kept by the integration team)\n"
                        + "bootstrap.servers=" + bootstrap + "\n"
                        + "group.id=" + GROUP + "\n"
                        + "config.storage.topic=" + GROUP + "-configs\n"
                        + "offset.storage.topic=" + GROUP + "-offsets\n"
                        + "status.storage.topic=" + GROUP + "-status\n"
                        + "config.storage.replication.factor=1\n"
                        + "offset.storage.replication.factor=1\n"
                        + "status.storage.replication.factor=1\n"
                        + "offset.storage.partitions=2\n"
                        + "status.storage.partitions=1\n"
                        + "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
                        + "value.converter=org.apache.kafka.connect.storage.StringConverter\n"
                        + "offset.flush.interval.ms=1000\n"
                        + "listeners=http://localhost:" + port + "\n"
                        + "rest.advertised.host.name=localhost\n");
        ClientScript.writeConnectWorker(dir);
        Files.writeString(input(), "");
    }

    String url() {
        return "http://localhost:" + port;
    }

    Path input() {
        return dir.resolve("in.txt");
    }

    Path output() {
        return dir.resolve("out.txt");
    }

    void run(String action) throws Exception {
        ClientScript.run(dir, action);
    }

    /** Waits for the worker's REST API, then creates the file source and sink connectors. */
    void createConnectors(Duration timeout) throws Exception {
        await("the Connect worker's REST API", timeout, () -> get("/connectors") == 200);
        post(
                "file-source",
                "org.apache.kafka.connect.file.FileStreamSourceConnector",
                "\"file\": \"" + input() + "\", \"topic\": \"" + TOPIC + "\"");
        post(
                "file-sink",
                "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "\"file\": \"" + output() + "\", \"topics\": \"" + TOPIC + "\"");
    }

    /** Appends {@code line-N} lines to the source connector's file, one every 10 ms, until {@link #stopWriting}. */
    void startWriting() {
        writer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(
                () -> {
                    try {
                        Files.writeString(
                                input(),
                                "line-" + written.incrementAndGet() + "\n",
                                StandardCharsets.UTF_8,
                                StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                0,
                10,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Stops appending; returns once the last line is written. */
    void stopWriting() throws InterruptedException {
        if (writer != null) {
            writer.shutdown();
            if (!writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the input writer did not stop");
            }
        }
    }

    /** Prints the last lines of the worker's output, for a failure's diagnosis. */
    void printLogTail(int lines) throws IOException {
        Path out = dir.resolve("client.out");
        if (Files.exists(out)) {
            List<String> all = Files.readAllLines(out, StandardCharsets.UTF_8);
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> System.out.println("worker| " + l));
        }
    }

    List<String> inputLines() throws IOException {
        return Files.readAllLines(input(), StandardCharsets.UTF_8);
    }

    List<String> outputLines() throws IOException {
        return Files.exists(output()) ? Files.readAllLines(output(), StandardCharsets.UTF_8) : List.of();
    }

    private int get(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url() + path))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void post(String name, String connectorClass, String config) throws Exception {
        String body = "{\"name\": \"" + name + "\", \"config\": {\"connector.class\": \"" + connectorClass
                + "\", \"tasks.max\": \"1\", " + config + "}}";
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/connectors"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating connector " + name + ": " + r.statusCode() + " " + r.body());
        }
    }

    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        dev.cutover.testkit.clients.ClientApp.await(what, timeout, condition);
    }

    @Override
    public void close() throws IOException {
        try {
            stopWriting();
            ClientScript.run(dir, "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
