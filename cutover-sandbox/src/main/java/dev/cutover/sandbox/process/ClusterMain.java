package dev.cutover.sandbox.process;

import dev.cutover.sandbox.EmbeddedCluster;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs one {@link EmbeddedCluster} in its own JVM, for {@link ClusterProcess}. Prints {@code READY <bootstrap>} on
 * stdout once the cluster answers clients, then runs until stdin closes (the parent closed it, or died) or the JVM is
 * asked to stop (SIGTERM); either way the cluster is closed and its directories deleted.
 *
 * <p>Usage: {@code ClusterMain <name>}. Exit codes: 0 after a clean stop, 1 if the cluster did not start, 2 on a usage
 * error.
 */
public final class ClusterMain {
    /** The line prefix {@link ClusterProcess} waits for. */
    static final String READY = "READY ";

    private ClusterMain() {}

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: ClusterMain <name>");
            System.exit(2);
        }
        EmbeddedCluster cluster;
        try {
            cluster = EmbeddedCluster.start(EmbeddedCluster.Options.named(args[0]));
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        // SIGTERM runs shutdown hooks; close() is idempotent, so the hook and the stdin path may both call it.
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "cluster-" + args[0] + "-stop"));
        System.out.println(READY + cluster.bootstrapServers());
        System.out.flush();
        drain(System.in);
        cluster.close();
        System.exit(0);
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
