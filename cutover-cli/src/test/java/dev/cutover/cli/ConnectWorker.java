package dev.cutover.cli;

import dev.cutover.sandbox.FreePorts;
import dev.cutover.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka Connect worker in distributed mode ({@code ConnectDistributed}) in its own JVM, on this JVM's class path
 * (Kafka's connect-runtime and connect-mirror; no {@code plugin.path}, and cutover-connect, which the cli's tests see
 * as a provided dependency, taken off, so no cutover plugin), with exactly-once source
 * support enabled and its REST API on a free local port. Its output and log go to {@code worker.out} in its directory.
 */
final class ConnectWorker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConnectWorker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * The class path without cutover-connect: the cli declares it {@code provided} (so that it lands in bench-lib), which
     * puts it on the tests' class path, where Connect would find the connector among its class-path plugins.
     */
    static String withoutThePlugin(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').matches(".*/cutover-connect(/target/classes|-[^/]*\\.jar)$"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Starts a worker of group {@code group} against {@code bootstrap} and waits until its REST API answers. */
    static ConnectWorker start(Path dir, String bootstrap, String group) throws Exception {
        Files.createDirectories(dir);
        int port = FreePorts.next();
        // Its own log configuration: everything at INFO and above to its output (the product's goes to a file).
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "appender.out.type=Console",
                        "appender.out.name=out",
                        "appender.out.layout.type=PatternLayout",
                        "appender.out.layout.pattern=%d{ISO8601} %-5p [%t] %c{1}: %m%n",
                        "rootLogger.level=INFO",
                        "rootLogger.appenderRef.out.ref=out",
                        ""));
        Path properties = dir.resolve("worker.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "bootstrap.servers=" + bootstrap,
                        "group.id=" + group,
                        "config.storage.topic=" + group + "-configs",
                        "offset.storage.topic=" + group + "-offsets",
                        "status.storage.topic=" + group + "-status",
                        "config.storage.replication.factor=1",
                        "offset.storage.replication.factor=1",
                        "status.storage.replication.factor=1",
                        "offset.storage.partitions=1",
                        "status.storage.partitions=1",
                        "key.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                        "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter",
                        "exactly.once.source.support=enabled",
                        "listeners=http://127.0.0.1:" + port,
                        "rest.advertised.host.name=127.0.0.1",
                        ""));
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(),
                "-cp",
                withoutThePlugin(System.getProperty("java.class.path")),
                "org.apache.kafka.connect.cli.ConnectDistributed",
                properties.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.out").toFile())
                .start();
        ConnectWorker worker = new ConnectWorker(dir, port, process);
        try {
            Await.until(
                    "the Connect worker's REST API at " + worker.url(),
                    Duration.ofSeconds(120),
                    () -> !process.isAlive() || worker.get("/").statusCode() == 200);
            if (!process.isAlive()) {
                throw new IllegalStateException("the Connect worker ended with " + process.exitValue() + "; its"
                        + " output is in " + dir + ":\n" + worker.logTail());
            }
        } catch (Exception | AssertionError e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The last lines of the worker's output, for a failure's message. */
    String logTail() throws IOException {
        StringBuilder tail = new StringBuilder();
        for (String name : List.of("worker.out")) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                tail.append("--- ").append(name).append('\n');
                lines.subList(Math.max(0, lines.size() - 30), lines.size())
                        .forEach(l -> tail.append(l).append('\n'));
            }
        }
        return tail.toString();
    }

    /** SIGTERM, then SIGKILL if it has not ended within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
