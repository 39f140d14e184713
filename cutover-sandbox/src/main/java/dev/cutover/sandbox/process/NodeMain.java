package dev.cutover.sandbox.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * Runs one KRaft node (broker and controller) of a {@link NodeCluster} in its own JVM, from a properties file whose log
 * directory is already formatted. Prints {@code READY <node id>} once the node has started (joined the quorum and
 * registered its broker), then runs until stdin closes (the parent closed it, or died) or the JVM is asked to stop
 * (SIGTERM); either way the node shuts down and keeps its data. SIGKILL ends it as a crash would.
 *
 * <p>Usage: {@code NodeMain <node.properties>}. Exit codes: 0 after a clean stop, 1 if the node did not start, 2 on a
 * usage error.
 */
public final class NodeMain {
    /** The line prefix {@link NodeCluster} waits for. */
    static final String READY = "READY ";

    private NodeMain() {}

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: NodeMain <node.properties>");
            System.exit(2);
        }
        KafkaRaftServer server;
        Properties props = new Properties();
        try {
            try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
                props.load(in);
            }
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        KafkaRaftServer running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running), "node-stop"));
        System.out.println(READY + props.getProperty("node.id"));
        System.out.flush();
        drain(System.in);
        stop(server);
        System.exit(0);
    }

    /** Shuts the node down; safe to call from the hook and the main thread both. */
    private static synchronized void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Blocks until the stream ends. */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything it sends is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone: stop as for end of input
        }
    }
}
