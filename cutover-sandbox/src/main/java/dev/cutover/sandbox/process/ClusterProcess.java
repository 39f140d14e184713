package dev.cutover.sandbox.process;

import dev.cutover.sandbox.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private final ChildJvm child;
    private final Path dir;
    private final Thread shutdownHook;
    private volatile String bootstrapServers;
    private boolean closed;

    private ClusterProcess(Options options, ChildJvm child, Path dir) {
        this.options = options;
        this.child = child;
        this.dir = dir;
        this.shutdownHook = new Thread(this::stop, "cluster-process-" + options.name() + "-stop");
    }

    public static ClusterProcess start(String name) {
        return start(Options.named(name));
    }

    /** Starts the child and returns once it has printed {@code READY}; throws with the tail of its output if not. */
    public static ClusterProcess start(Options options) {
        Path dir = TempDirs.create("cutover-process-" + options.name() + "-");
        ChildJvm jvm = ChildJvm.start(
                "cluster " + options.name(),
                options.maxHeap(),
                dir,
                dir.resolve(options.name() + ".out"),
                dir.resolve(options.name() + "-kafka.log"),
                List.of(),
                ClusterMain.class,
                List.of(options.name()));
        ClusterProcess cluster = new ClusterProcess(options, jvm, dir);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.bootstrapServers = jvm.awaitLine(ClusterMain.READY, options.startTimeout());
            return cluster;
        } catch (RuntimeException e) {
            cluster.stop();
            throw e;
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
        return child.pid();
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** The child's stdout and stderr. Deleted by {@link #close()}. */
    public Path outputFile() {
        return child.outFile();
    }

    /** The last {@code maxLines} lines of the child's output, for error messages. */
    public String tail(int maxLines) {
        return child.tail(maxLines);
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
        child.stop(options.stopTimeout());
    }

    @Override
    public String toString() {
        return "ClusterProcess[" + options.name() + ", pid " + child.pid() + ", " + bootstrapServers + "]";
    }
}
