package dev.cutover.cli;

import dev.cutover.inventory.cluster.ClusterScanner;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.sandbox.estate.SampleEstate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * A running sandbox with its workspace written and, if asked, the sample estate seeded on the source: what
 * {@code sandbox up} and {@code demo} share. Closing it stops the estate, then the clusters.
 */
final class SandboxSession implements AutoCloseable {
    /** The read-only user the source profile logs in as on a secure sandbox. */
    static final String INVENTORY_USER = "cutover";

    private final Sandbox sandbox;
    private final SampleEstate estate;
    private final double startSeconds;
    private final double seedSeconds;

    private SandboxSession(Sandbox sandbox, SampleEstate estate, double startSeconds, double seedSeconds) {
        this.sandbox = sandbox;
        this.estate = estate;
        this.startSeconds = startSeconds;
        this.seedSeconds = seedSeconds;
    }

    static SandboxSession start(Sandbox.Options options, boolean seed, Path workspace, PrintWriter err) {
        long t0 = System.nanoTime();
        Sandbox sandbox = Sandbox.start(options);
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        SampleEstate estate = null;
        try {
            err.printf("clusters ready in %.1f s%n", startSeconds);
            err.flush();
            Map<String, Sandbox.Login> logins = Map.of();
            if (options.security() == SecurityMode.SASL_SCRAM) {
                logins = Map.of(Sandbox.SOURCE, readOnlyUser(sandbox.source()));
            }
            Path config = sandbox.writeWorkspace(workspace, logins);
            err.println("wrote " + config
                    + (logins.isEmpty() ? "" : " (source profile: read-only user " + INVENTORY_USER + ")"));
            double seedSeconds = 0;
            if (seed) {
                long t1 = System.nanoTime();
                estate = SampleEstate.seed(sandbox.source());
                seedSeconds = (System.nanoTime() - t1) / 1e9;
                err.printf(
                        "seeded the source with %d topics and %d clients in %.1f s%n",
                        estate.topics().size(), estate.clients().size(), seedSeconds);
                if (Sandbox.writeSampleWorkloads(workspace, options.security())) {
                    err.println("wrote " + workspace.resolve("workloads.yaml") + " (an example manifest; edit it)");
                }
            }
            err.flush();
            return new SandboxSession(sandbox, estate, startSeconds, seedSeconds);
        } catch (RuntimeException e) {
            if (estate != null) {
                estate.close();
            }
            sandbox.close();
            throw e;
        }
    }

    /** A user with exactly the ACLs the inventory documents as its least privilege, and nothing more. */
    private static Sandbox.Login readOnlyUser(EmbeddedCluster cluster) {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        cluster.createUser(INVENTORY_USER, password);
        cluster.createAcls(ClusterScanner.leastPrivilegeAcls("User:" + INVENTORY_USER));
        return new Sandbox.Login(INVENTORY_USER, password);
    }

    Sandbox sandbox() {
        return sandbox;
    }

    java.util.Optional<SampleEstate> estate() {
        return java.util.Optional.ofNullable(estate);
    }

    double startSeconds() {
        return startSeconds;
    }

    double seedSeconds() {
        return seedSeconds;
    }

    @Override
    public void close() {
        if (estate != null) {
            estate.close();
        }
        sandbox.close();
    }
}
