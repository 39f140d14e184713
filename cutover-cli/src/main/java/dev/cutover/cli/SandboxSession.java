package dev.cutover.cli;

import dev.cutover.inventory.cluster.ClusterScanner;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.sandbox.estate.SampleEstate;
import dev.cutover.sandbox.registry.ApicurioRegistries;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A running sandbox with its workspace written and, if asked, the sample estate seeded on the source and a schema
 * registry per cluster: what {@code sandbox up} and {@code demo} share. Closing it stops the estate, then the clusters
 * and the registries.
 */
final class SandboxSession implements AutoCloseable {
    /** The read-only user the source profile logs in as on a secure sandbox. */
    static final String INVENTORY_USER = "cutover";

    private final Sandbox sandbox;
    private final SampleEstate estate;
    private final ApicurioRegistries registries;
    private final double startSeconds;
    private final double seedSeconds;

    private SandboxSession(
            Sandbox sandbox,
            SampleEstate estate,
            ApicurioRegistries registries,
            double startSeconds,
            double seedSeconds) {
        this.sandbox = sandbox;
        this.estate = estate;
        this.registries = registries;
        this.startSeconds = startSeconds;
        this.seedSeconds = seedSeconds;
    }

    static SandboxSession start(Sandbox.Options options, boolean seed, Path workspace, PrintWriter err) {
        return start(options, seed, false, workspace, err);
    }

    /**
     * @param schemaRegistry also start a schema registry per cluster (Apicurio Registry on a Java 21+, found first:
     *     without one this fails with exit code 2 before anything starts), its URL in the cluster's profile
     */
    static SandboxSession start(
            Sandbox.Options options, boolean seed, boolean schemaRegistry, Path workspace, PrintWriter err) {
        CompletableFuture<ApicurioRegistries> registries = schemaRegistry
                ? SandboxRegistries.startInBackground(workspace, err)
                : CompletableFuture.completedFuture(null);
        long t0 = System.nanoTime();
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options);
        } catch (RuntimeException e) {
            registries.thenAccept(r -> r.close());
            throw e;
        }
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        SampleEstate estate = null;
        ApicurioRegistries started = null;
        try {
            err.printf("clusters ready in %.1f s%n", startSeconds);
            err.flush();
            started = SandboxRegistries.await(registries, t0, err);
            Map<String, Sandbox.Login> logins = Map.of();
            if (options.security() == SecurityMode.SASL_SCRAM) {
                logins = Map.of(Sandbox.SOURCE, readOnlyUser(sandbox.source()));
            }
            Path config = sandbox.writeWorkspace(workspace, logins, started == null ? Map.of() : started.urls());
            err.println("wrote " + config
                    + (logins.isEmpty() ? "" : " (source profile: read-only user " + INVENTORY_USER + ")")
                    + (started == null ? "" : " (each profile names its schema registry)"));
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
            return new SandboxSession(sandbox, estate, started, startSeconds, seedSeconds);
        } catch (RuntimeException e) {
            if (estate != null) {
                estate.close();
            }
            sandbox.close();
            if (started != null) {
                started.close();
            } else {
                registries.thenAccept(r -> r.close());
            }
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

    /** The schema registries by cluster name ({@code source}, {@code target}), when started. */
    java.util.Optional<ApicurioRegistries> registries() {
        return java.util.Optional.ofNullable(registries);
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
        if (registries != null) {
            registries.close();
        }
    }
}
