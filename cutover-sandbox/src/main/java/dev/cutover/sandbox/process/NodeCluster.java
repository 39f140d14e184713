package dev.cutover.sandbox.process;

import dev.cutover.sandbox.FreePorts;
import dev.cutover.sandbox.KafkaCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.sandbox.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * A KRaft cluster whose nodes each run in their own child JVM ({@link NodeMain}), for failure tests: {@link
 * #kill(int)} ends one node with SIGKILL, as a crash would (no controlled shutdown, nothing flushed beyond what the
 * operating system already holds), and {@link #restart(int)} starts it again with its data on the same ports while the
 * others go on.
 *
 * <p>Every node is broker and controller, so 3 nodes form a 3-voter quorum that survives one node down. Replication fits
 * the size: with 3 nodes, {@code __consumer_offsets}, {@code __transaction_state} and new topics get 3 replicas, and
 * {@code min.insync.replicas} and the transaction log's min ISR are 2. A node that stops heartbeating is fenced after 3 s
 * ({@code broker.session.timeout.ms}), not 9, so that leadership moves soon after a kill. Plaintext, no
 * authorization; {@link Options#brokerConfig()} is applied last. Everything lives in one temporary directory that
 * {@link #close()} deletes; until then the nodes' log directories ({@link #logDir(int)}) can be read.
 */
public final class NodeCluster implements KafkaCluster {
    private static final int BIND_ATTEMPTS = 3;

    /** How to start the cluster. */
    public record Options(
            String name,
            int nodes,
            String maxHeap,
            Map<String, String> brokerConfig,
            Duration startTimeout,
            Duration stopTimeout) {
        public Options {
            if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("a cluster name is letters, digits, '-' or '_', not " + name);
            }
            if (nodes < 1 || nodes > 5) {
                throw new IllegalArgumentException("a node cluster has 1 to 5 nodes, not " + nodes);
            }
            if (!maxHeap.matches("\\d+[kKmMgG]")) {
                throw new IllegalArgumentException("maxHeap is like 1g or 512m, not " + maxHeap);
            }
            brokerConfig = Map.copyOf(brokerConfig);
        }

        /** 3 nodes of 512 MiB heap each, 2 minutes to start, 30 seconds to stop. */
        public static Options named(String name) {
            return new Options(name, 3, "512m", Map.of(), Duration.ofMinutes(2), Duration.ofSeconds(30));
        }

        public Options nodes(int count) {
            return new Options(name, count, maxHeap, brokerConfig, startTimeout, stopTimeout);
        }

        public Options maxHeap(String heap) {
            return new Options(name, nodes, heap, brokerConfig, startTimeout, stopTimeout);
        }

        /** Extra broker settings, applied to every node after the cluster's own. */
        public Options brokerConfig(Map<String, String> extra) {
            Map<String, String> merged = new HashMap<>(brokerConfig);
            merged.putAll(extra);
            return new Options(name, nodes, maxHeap, merged, startTimeout, stopTimeout);
        }
    }

    private final Options options;
    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final List<Integer> clientPorts;
    private final List<Integer> controllerPorts;
    private final NodeFiles files;
    /** The running JVM of each node, or null while it is down. */
    private final ChildJvm[] children;
    /** How often each node was started, to name its output files. */
    private final int[] starts;

    private final Thread shutdownHook;
    private boolean closed;

    private NodeCluster(Options options) {
        this.options = options;
        this.dir = TempDirs.create("cutover-nodes-" + options.name() + "-");
        this.clientPorts = freePorts(options.nodes());
        this.controllerPorts = freePorts(options.nodes());
        this.files =
                new NodeFiles(dir, options.name(), clusterId, clientPorts, controllerPorts, options.brokerConfig());
        this.children = new ChildJvm[options.nodes()];
        this.starts = new int[options.nodes()];
        this.shutdownHook = new Thread(this::stopAll, "node-cluster-" + options.name() + "-stop");
    }

    public static NodeCluster start(String name) {
        return start(Options.named(name));
    }

    /**
     * Formats every node, starts them together (a node waits for the controller quorum while it starts) and returns
     * once every broker is registered. If another process took a port between probing and binding, starts again with
     * fresh ports.
     */
    public static NodeCluster start(Options options) {
        for (int attempt = 1; ; attempt++) {
            NodeCluster cluster = new NodeCluster(options);
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
            try {
                cluster.startAll();
                return cluster;
            } catch (RuntimeException e) {
                boolean bindFailure = cluster.anyFailedToBind();
                cluster.close();
                if (!bindFailure || attempt >= BIND_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void startAll() {
        for (int node = 0; node < options.nodes(); node++) {
            files.prepare(node);
        }
        for (int node = 0; node < options.nodes(); node++) {
            children[node] = launch(node);
        }
        for (int node = 0; node < options.nodes(); node++) {
            children[node].awaitLine(NodeMain.READY, options.startTimeout());
        }
        ClusterWaits.awaitRegistered(adminClientProperties(), name(), options.nodes(), options.startTimeout());
    }

    private static List<Integer> freePorts(int count) {
        return IntStream.range(0, count).mapToObj(i -> FreePorts.next()).toList();
    }

    /** The node's Kafka log directory: one subdirectory per partition replica it holds ({@code topic-partition}). */
    public Path logDir(int node) {
        return files.logDir(checked(node));
    }

    private ChildJvm launch(int node) {
        int run = ++starts[node];
        return ChildJvm.start(
                options.name() + " node " + node,
                options.maxHeap(),
                files.nodeDir(node),
                files.outFile(node, run),
                files.kafkaLog(node, run),
                List.of("-Dlog4j2.configurationFile=" + files.logConfig(node)),
                NodeMain.class,
                List.of(files.configFile(node).toString()));
    }

    private boolean anyFailedToBind() {
        for (ChildJvm child : children) {
            if (child != null && child.failedToBind()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends the node with SIGKILL and returns once its process is gone. Its data stays; the others fence it after the
     * session timeout.
     */
    public synchronized void kill(int node) {
        ChildJvm child = running(node);
        child.kill();
        children[node] = null;
    }

    /** Stops the node cleanly (its logs flushed and closed), without moving its leaderships away first. */
    public synchronized void stop(int node) {
        ChildJvm child = running(node);
        child.stop(options.stopTimeout());
        children[node] = null;
    }

    /**
     * Starts a killed or stopped node again with its data, on its ports; returns once it has started (caught up with
     * the metadata and registered). It may still be catching up on partition data: see {@link
     * #awaitFullyReplicated(Duration)}. A port still held by the dead process is retried a few times.
     */
    public synchronized void restart(int node) {
        if (children[checked(node)] != null) {
            throw new IllegalStateException("node " + node + " of " + name() + " is running");
        }
        for (int attempt = 1; ; attempt++) {
            ChildJvm child = launch(node);
            try {
                child.awaitLine(NodeMain.READY, options.startTimeout());
                children[node] = child;
                return;
            } catch (RuntimeException e) {
                boolean bindFailure = child.failedToBind();
                child.kill();
                if (!bindFailure || attempt >= BIND_ATTEMPTS) {
                    throw e;
                }
                ChildJvm.pause(1000);
            }
        }
    }

    public synchronized boolean isRunning(int node) {
        return children[checked(node)] != null && children[node].isAlive();
    }

    /** The process id of a running node. */
    public synchronized long pid(int node) {
        return running(node).pid();
    }

    public int nodeCount() {
        return options.nodes();
    }

    /** The last lines of the node's output and log in its latest run, for error messages. */
    public synchronized String tail(int node, int maxLines) {
        int run = starts[checked(node)];
        return ChildJvm.tail(files.outFile(node, run), maxLines)
                + System.lineSeparator()
                + ChildJvm.tail(files.kafkaLog(node, run), maxLines);
    }

    /**
     * Waits until every partition of every topic, internal ones included, has all its replicas in sync: after a
     * {@link #restart(int)}, the node has caught up and the cluster is back to full strength.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}; says which partitions lag
     */
    public void awaitFullyReplicated(Duration timeout) {
        ClusterWaits.awaitFullyReplicated(adminClientProperties(), name(), timeout);
    }

    private ChildJvm running(int node) {
        ChildJvm child = children[checked(node)];
        if (child == null) {
            throw new IllegalStateException("node " + node + " of " + name() + " is not running");
        }
        return child;
    }

    private int checked(int node) {
        if (node < 0 || node >= options.nodes()) {
            throw new IllegalArgumentException(name() + " has nodes 0 to " + (options.nodes() - 1) + ", not " + node);
        }
        return node;
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public String bootstrapServers() {
        return clientPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public String kafkaVersion() {
        return AppInfoParser.getVersion();
    }

    @Override
    public SecurityMode security() {
        return SecurityMode.NONE;
    }

    @Override
    public Map<String, Object> adminClientProperties() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** Plaintext without authorization: the user is ignored. */
    @Override
    public Map<String, Object> clientProperties(String user, String password) {
        return adminClientProperties();
    }

    @Override
    public Optional<String> jmxUrl() {
        return Optional.empty();
    }

    /** Stops every running node (cleanly, in parallel), then deletes the cluster's directory. Safe to call twice. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting; the hook is running or has run
        }
        TempDirs.deleteQuietly(dir);
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        List<Thread> stops = new ArrayList<>();
        for (int node = 0; node < children.length; node++) {
            ChildJvm child = children[node];
            children[node] = null;
            if (child != null) {
                Thread stop = new Thread(() -> child.stop(options.stopTimeout()), "node-stop-" + node);
                stop.start();
                stops.add(stop);
            }
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "NodeCluster[" + name() + ", " + options.nodes() + " nodes, " + bootstrapServers() + "]";
    }
}
