package dev.cutover.sandbox.registry;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.sandbox.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One Apicurio Registry server (in-memory storage: its data is gone when it stops) in a child process on a free
 * loopback port, its output in {@code <logDir>/registry-<name>.log}. Its Confluent-compatible API is at {@link
 * #url()}.
 *
 * <p>The server must not outlive this JVM: it runs under a {@code /bin/sh} whose stdin is a pipe from this JVM and that
 * stops the server when the pipe closes, which it does when this JVM ends in any way, SIGKILL included; a shutdown hook
 * also closes it on an orderly exit. {@link #close()} stops the server with SIGTERM, then SIGKILL after a grace
 * period.
 */
public final class ApicurioRegistry implements AutoCloseable {
    /** The Confluent-compatible API's base path. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final int BIND_ATTEMPTS = 3;
    /**
     * Stops the server when the lifeline (this shell's stdin) closes. {@code "$@"} is the server's command line;
     * started in the background, it does not read the lifeline itself.
     */
    private static final String LIFELINE =
            "\"$@\" </dev/null & server=$!; while read -r _; do :; done; kill $server 2>/dev/null; wait $server";

    /**
     * How to start one server.
     *
     * @param name for messages and the log file's name, e.g. {@code source}
     * @param java a Java 21+ runtime
     * @param home the unpacked distribution (holding {@code quarkus-run.jar})
     * @param logDir where the server's output goes (created if missing)
     * @param maxHeap the server's {@code -Xmx}; 256m holds thousands of schemas (measured: ~250 MB resident)
     * @param readyTimeout how long to wait for its API to answer
     */
    public record Options(
            String name, JavaRuntime java, Path home, Path logDir, String maxHeap, Duration readyTimeout) {
        public Options {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(java, "java");
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(logDir, "logDir");
            Objects.requireNonNull(maxHeap, "maxHeap");
            Objects.requireNonNull(readyTimeout, "readyTimeout");
        }

        public static Options of(String name, JavaRuntime java, Path home, Path logDir) {
            return new Options(name, java, home, logDir, "256m", Duration.ofSeconds(90));
        }

        public Options maxHeap(String heap) {
            return new Options(name, java, home, logDir, heap, readyTimeout);
        }

        public Options readyTimeout(Duration timeout) {
            return new Options(name, java, home, logDir, maxHeap, timeout);
        }
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;
    private final Duration startTime;
    private final Thread shutdownHook;

    private ApicurioRegistry(String name, Process process, int port, Path logFile, Duration startTime) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.startTime = startTime;
        this.shutdownHook = new Thread(this::stop, "stop-registry-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** {@link #start(Options)} with the defaults of {@link Options#of}. */
    public static ApicurioRegistry start(String name, JavaRuntime java, Path home, Path logDir) {
        return start(Options.of(name, java, home, logDir));
    }

    /**
     * Starts the server and waits until its API answers; on another free port when the chosen one was taken meanwhile.
     *
     * @throws CutoverException when it exits or is not ready in time (it is then stopped), with the end of its log
     */
    public static ApicurioRegistry start(Options options) {
        Path logFile = options.logDir().resolve("registry-" + options.name() + ".log");
        try {
            Files.createDirectories(options.logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + options.logDir(), e);
        }
        for (int attempt = 1; ; attempt++) {
            int port = FreePorts.next();
            long t0 = System.nanoTime();
            Process process = launch(options, port, logFile);
            try {
                RegistryWaits.awaitReady(process, readyUri(port), options.readyTimeout());
                return new ApicurioRegistry(
                        options.name(), process, port, logFile, Duration.ofNanos(System.nanoTime() - t0));
            } catch (RegistryWaits.NotReady e) {
                stop(process);
                String log = tail(logFile, 30);
                if (e.exited()
                        && attempt < BIND_ATTEMPTS
                        && (log.contains("in use") || log.contains("BindException"))) {
                    continue;
                }
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "the schema registry '" + options.name() + "' (Apicurio Registry on "
                                + options.java().describe() + ", port " + port + ") " + e.getMessage()
                                + "; the end of " + logFile + ":" + System.lineSeparator() + log,
                        "see the whole log in " + logFile);
            }
        }
    }

    private static Process launch(Options options, int port, Path logFile) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", LIFELINE, "registry-" + options.name()));
        command.add(options.java().executable().toString());
        command.add("-Xmx" + options.maxHeap());
        // One small collector and the quick compiler: a test server starts sooner (measured ~2.7 s against ~3.4 s)
        // and stays smaller.
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        // The management interface (health, metrics) would take port 9000 on every address, which two servers share.
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=0");
        command.add("-jar");
        command.add(options.home()
                .resolve(RegistryDistribution.RUNNER)
                .toAbsolutePath()
                .toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(options.logDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the schema registry '" + options.name() + "'", e);
        }
    }

    private static URI readyUri(int port) {
        return URI.create("http://127.0.0.1:" + port + CCOMPAT_PATH + "/subjects");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The Confluent-compatible base URL, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}: what clients are given. */
    public String url() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    public Path logFile() {
        return logFile;
    }

    /** From launching the process until its API answered. */
    public Duration startTime() {
        return startTime;
    }

    /** The Java process of the server (below the lifeline shell), if it runs. */
    public java.util.Optional<ProcessHandle> server() {
        return process.descendants().findFirst();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server and waits until it and its lifeline are gone. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
    }

    private void stop() {
        stop(process);
    }

    /** SIGTERM to the server (Quarkus stops cleanly), the lifeline closed; SIGKILL to whatever remains after 10 s. */
    private static void stop(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try (OutputStream lifeline = process.getOutputStream()) {
            lifeline.flush();
        } catch (IOException e) {
            // already closed: the shell is gone
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code maxLines} lines of a log file. */
    static String tail(Path path, int maxLines) {
        return dev.cutover.sandbox.LogTails.tail(path, maxLines);
    }

    @Override
    public String toString() {
        return "ApicurioRegistry[" + name + " at " + url() + "]";
    }
}
