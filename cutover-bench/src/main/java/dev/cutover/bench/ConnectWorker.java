package dev.cutover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One real Kafka Connect worker in distributed mode ({@code ConnectDistributed}, through {@link ConnectWorkerMain}) in
 * a child JVM, the way a platform team runs one: exactly-once source support enabled, its internal topics (replication
 * factor 1, one partition) and its group on the cluster it writes to, its REST API on a free port of 127.0.0.1, JMX
 * without authentication on another (127.0.0.1 only) for the benchmark to read its task metrics and heap. It runs on
 * this JVM's class path, which under {@code cutover bench} holds Connect (bench-lib) and cutover's connector, found
 * there by Connect's service-loader plugin discovery. Its output goes to {@code worker.log} in its directory.
 */
final class ConnectWorker implements AutoCloseable {
    static final String MAIN = ConnectWorkerMain.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    final String name;
    final int restPort;
    final int jmxPort;
    private final Path dir;
    private final Process process;

    private ConnectWorker(String name, Path dir, int restPort, int jmxPort, Process process) {
        this.name = name;
        this.dir = dir;
        this.restPort = restPort;
        this.jmxPort = jmxPort;
        this.process = process;
    }

    /**
     * Starts a worker's JVM and returns at once; {@link #ready} says when it has joined its group.
     *
     * @param group the Connect group (its internal topics are named after it)
     * @param bootstrap the cluster the worker writes to
     * @param maxHeap the worker's {@code -Xmx}, e.g. {@code 1g}
     */
    static ConnectWorker start(Path root, String name, String bootstrap, String group, String maxHeap)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        int rest = freePort();
        int jmx = freePort();
        Path properties = dir.resolve("worker.properties");
        Files.writeString(properties, lines(workerProperties(bootstrap, group, rest)));
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, lines(LOGGING));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(),
                "-Dcom.sun.management.jmxremote.port=" + jmx,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmx,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-cp",
                classPath(),
                MAIN,
                properties.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker.log").toFile());
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        return new ConnectWorker(name, dir, rest, jmx, builder.start());
    }

    /** What the worker reads: the settings of cutover-connect's own worker tests, tuned for quick group changes. */
    static Map<String, String> workerProperties(String bootstrap, String group, int restPort) {
        Map<String, String> props = new LinkedHashMap<>();
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
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", Integer.toString(restPort));
        // Plugins from the class path's service-loader manifests only (cutover's connector has one): no reflective
        // scan of every jar, which costs seconds at each start.
        props.put("plugin.discovery", "service_load");
        props.put("scheduled.rebalance.max.delay.ms", "2000");
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1000");
        return props;
    }

    /** INFO from Connect and cutover, warnings from the rest, to stdout (worker.log). */
    private static final Map<String, String> LOGGING = Map.of(
            "appender.out.type", "Console",
            "appender.out.name", "out",
            "appender.out.layout.type", "PatternLayout",
            "appender.out.layout.pattern", "%d{ISO8601} %-5p [%t] %c{1.}: %m%n",
            "rootLogger.level", "WARN",
            "rootLogger.appenderRef.out.ref", "out",
            "logger.connect.name", "org.apache.kafka.connect",
            "logger.connect.level", "INFO",
            "logger.cutover.name", "dev.cutover",
            "logger.cutover.level", "INFO");

    /** This JVM's class path, each entry absolute: the worker runs in its own directory. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String lines(Map<String, String> props) {
        return props.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Whether the worker has joined its group and read its configuration ({@code GET /health} answers 200).
     *
     * @throws IllegalStateException with the end of its log, when the worker has exited
     */
    boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "Connect worker " + name + " exited with code " + process.exitValue() + ": " + logTail(30));
        }
        try {
            return get("/health").statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false; // its REST server is not listening yet
        }
    }

    /** {@code host:port}, as the REST API names the worker a task runs on. */
    String id() {
        return "127.0.0.1:" + restPort;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> put(String path, Object body) throws IOException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** The connector's status as the REST API reports it, or null while it has none. */
    JsonNode status(String connector) throws IOException {
        HttpResponse<String> r = get("/connectors/" + connector + "/status");
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + restPort + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling a Connect worker", e);
        }
    }

    /**
     * The worker's resident set now and its peak ({@code VmRSS}, {@code VmHWM} of {@code /proc/<pid>/status}), in bytes;
     * empty where there is no such file (not Linux) or the worker is gone.
     */
    Rss rss() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            Map<String, Long> kb = new LinkedHashMap<>();
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\\s+");
                if (parts.length >= 2 && (parts[0].equals("VmRSS:") || parts[0].equals("VmHWM:"))) {
                    kb.put(parts[0], Long.parseLong(parts[1]));
                }
            }
            return new Rss(kilobytes(kb.get("VmRSS:")), kilobytes(kb.get("VmHWM:")));
        } catch (IOException | NumberFormatException e) {
            return new Rss(OptionalLong.empty(), OptionalLong.empty());
        }
    }

    private static OptionalLong kilobytes(Long kb) {
        return kb == null ? OptionalLong.empty() : OptionalLong.of(kb * 1024);
    }

    /** A process's resident set in bytes: now, and at its peak. */
    record Rss(OptionalLong now, OptionalLong peak) {}

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("worker.log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Asks the worker to stop (closes its stdin, its lifeline) without waiting: several stop side by side. */
    void beginStop() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroy();
        }
    }

    /**
     * Stops the worker: closes its stdin (its lifeline), waits for it to end, then SIGTERM and SIGKILL if it does not
     * end in time.
     */
    @Override
    public void close() {
        beginStop();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE.toMillis() / 2, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
