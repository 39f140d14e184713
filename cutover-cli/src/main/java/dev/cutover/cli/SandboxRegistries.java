package dev.cutover.cli;

import dev.cutover.config.AtomicFiles;
import dev.cutover.sandbox.DetachedSandbox;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.registry.ApicurioRegistries;
import dev.cutover.sandbox.registry.JavaRuntime;
import dev.cutover.sandbox.registry.JavaRuntimes;
import dev.cutover.sandbox.registry.RegistryDistribution;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The sandbox's schema registries: one Apicurio Registry per cluster, started while the clusters start, their logs in
 * {@code WORKSPACE/.sandbox/registry-<cluster>.log}.
 */
final class SandboxRegistries {
    private SandboxRegistries() {}

    /**
     * The Java 21+ the registries need; a {@code CutoverException} (exit 2) naming where it looked and {@value
     * JavaRuntimes#ENV} when there is none.
     */
    static JavaRuntime java() {
        return JavaRuntimes.find(JavaRuntimes.REGISTRY_MINIMUM).orElseThrow("--schema-registry");
    }

    /**
     * Finds the Java 21+ and the distribution (downloading it on first use, saying so on {@code err}) here, so that
     * neither failure leaves clusters behind, then starts the registries on another thread.
     */
    static CompletableFuture<ApicurioRegistries> startInBackground(Path workspace, PrintWriter err) {
        JavaRuntime java = java();
        Path home = RegistryDistribution.defaults().home(line -> {
            err.println(line);
            err.flush();
        });
        Path logDir = logDir(workspace);
        err.println("starting schema registries (Apicurio Registry " + RegistryDistribution.VERSION + ", "
                + java.describe() + ")...");
        err.flush();
        CompletableFuture<ApicurioRegistries> started = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        started.complete(
                                ApicurioRegistries.start(List.of(Sandbox.SOURCE, Sandbox.TARGET), java, home, logDir));
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                    }
                },
                "start-schema-registries");
        thread.setDaemon(true);
        thread.start();
        return started;
    }

    /** The started registries (null when none were asked for), said on {@code err}; rethrows a start's failure. */
    static ApicurioRegistries await(CompletableFuture<ApicurioRegistries> starting, long startNanos, PrintWriter err) {
        ApicurioRegistries registries;
        try {
            registries = starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        if (registries != null) {
            err.printf(
                    "schema registries ready in %.1f s: %s%n",
                    (System.nanoTime() - startNanos) / 1e9, registries.urls());
            err.flush();
        }
        return registries;
    }

    /** {@code WORKSPACE/.sandbox}, which ignores itself in git (as the detached sandbox's pid and log do). */
    private static Path logDir(Path workspace) {
        Path dir = workspace.toAbsolutePath().normalize().resolve(DetachedSandbox.DIR);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve(".gitignore"))) {
                AtomicFiles.write(dir.resolve(".gitignore"), "*\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }
}
