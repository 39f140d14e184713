package dev.cutover.sandbox.process;

import dev.cutover.sandbox.TempDirs;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * A single-node KRaft cluster ({@link ClusterMain}) in a child JVM, so that whatever runs in this JVM (a benchmark, a
 * replicator) does not share heap, GC or CPU accounting with the broker. The child runs on this JVM's own class path
 * with the {@code java} of {@code java.home}; its stdout and stderr go to {@code <name>.out} in a temporary directory
 * (broker logs that log4j writes to a file go to {@code <name>-kafka.log} next to it).
 *
 * <p>{@link #close()} closes the child's stdin, which stops it cleanly; after {@link Options#stopTimeout()} it is sent
 * SIGTERM and then killed. A shutdown hook does the same if this JVM exits without closing, and the child also stops
 * by itself when this JVM dies (its stdin closes).
 */
public final class ClusterProcess implements AutoCloseable {
    /** How to start the child. */
    public record Options(String name, String maxHeap, Duration startTimeout, Duration stopTimeout) {
        public Options {
            if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("a cluster name is letters, digits, '-' or '_', not " + name);
            }
            if (!maxHeap.matches("\\d+[kKmMgG]")) {
                throw new IllegalArgumentException("maxHeap is like 1g or 512m, not " + maxHeap);
            }
        }

        /** 1 GiB heap, 2 minutes to start, 30 seconds to stop. */
        public static Options named(String name) {
            return new Options(name, "1g", Duration.ofMinutes(2), Duration.ofSeconds(30));
        }

        public Options maxHeap(String heap) {
            return new Options(name, heap, startTimeout, stopTimeout);
        }
    }

    private final Options options;
    private final Process process;
    private final Path dir;
    private final Path outFile;
    private final OutputStream stdin;
    private final Thread shutdownHook;
    private volatile String bootstrapServers;
    private boolean closed;

    private ClusterProcess(Options options, Process process, Path dir, Path outFile) {
        this.options = options;
        this.process = process;
        this.dir = dir;
        this.outFile = outFile;
        this.stdin = process.getOutputStream();
        this.shutdownHook = new Thread(this::stop, "cluster-process-" + options.name() + "-stop");
    }

    public static ClusterProcess start(String name) {
        return start(Options.named(name));
    }

    /** Starts the child and returns once it has printed {@code READY}; throws with the tail of its output if not. */
    public static ClusterProcess start(Options options) {
        Path dir = TempDirs.create("cutover-process-" + options.name() + "-");
        Path outFile = dir.resolve(options.name() + ".out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + options.maxHeap());
        command.add("-Dcutover.log.file=" + dir.resolve(options.name() + "-kafka.log"));
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(ClusterMain.class.getName());
        command.add(options.name());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outFile.toFile());
        // The class path is passed explicitly; options meant for this JVM are not the child's.
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for cluster " + options.name(), e);
        }
        ClusterProcess child = new ClusterProcess(options, process, dir, outFile);
        Runtime.getRuntime().addShutdownHook(child.shutdownHook);
        try {
            child.bootstrapServers = child.awaitReady();
            return child;
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
    }

    /** This JVM's class path with every entry made absolute: the child runs in another working directory. */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private String awaitReady() {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> ready = readyLine();
            if (ready.isPresent()) {
                return ready.get().substring(ClusterMain.READY.length()).trim();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("cluster " + options.name() + " exited with code " + process.exitValue()
                        + " before it was ready; " + diagnostics());
            }
            sleep(50);
        }
        throw new IllegalStateException("cluster " + options.name() + " was not ready after "
                + options.startTimeout().toSeconds() + " s; " + diagnostics());
    }

    /** The end of the child's output, and of the log file that a file-logging log4j configuration writes. */
    private String diagnostics() {
        String text = "the end of " + outFile + ":" + System.lineSeparator() + tail(outFile, 40);
        Path kafkaLog = dir.resolve(options.name() + "-kafka.log");
        if (Files.exists(kafkaLog)) {
            text += System.lineSeparator() + "the end of " + kafkaLog + ":" + System.lineSeparator()
                    + tail(kafkaLog, 40);
        }
        return text;
    }

    private Optional<String> readyLine() {
        try (var lines = Files.lines(outFile, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith(ClusterMain.READY)).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    public String name() {
        return options.name();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Properties for any client of this plaintext cluster. */
    public Map<String, Object> clientProperties() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's stdout and stderr. Deleted by {@link #close()}. */
    public Path outputFile() {
        return outFile;
    }

    /** The last {@code maxLines} lines of the child's output, for error messages. */
    public String tail(int maxLines) {
        return tail(outFile, maxLines);
    }

    private static String tail(Path path, int maxLines) {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long start = Math.max(0, file.length() - 32_768);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines =
                    new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join(
                    System.lineSeparator(), lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + path + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the child (see the class comment) and deletes its directory. Safe to call twice. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting; the hook is running or has run
        }
        TempDirs.deleteQuietly(dir);
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        long grace = options.stopTimeout().toMillis();
        try {
            stdin.close();
            if (process.waitFor(grace, TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroy();
            if (!process.waitFor(grace / 2, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cluster to start", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterProcess[" + options.name() + ", pid " + process.pid() + ", " + bootstrapServers + "]";
    }
}
