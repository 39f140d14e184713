package dev.cutover.sandbox.registry;

import dev.cutover.api.CutoverException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Named registries (e.g. {@code source} and {@code target}) started side by side; closing stops them all. What the
 * sandbox, the demo and the test kit start.
 */
public final class ApicurioRegistries implements AutoCloseable {
    private final Map<String, ApicurioRegistry> registries;

    private ApicurioRegistries(Map<String, ApicurioRegistry> registries) {
        this.registries = registries;
    }

    /**
     * Finds a Java 21+ ({@link JavaRuntimes}) and the distribution ({@link RegistryDistribution#defaults()}, which may
     * download it, telling {@code progress}), then starts one registry per name.
     *
     * @throws CutoverException when no Java 21+ is found (naming where it looked), the distribution cannot be had, or
     *     a registry does not start
     */
    public static ApicurioRegistries start(List<String> names, Path logDir, Consumer<String> progress) {
        JavaRuntime java = JavaRuntimes.find(JavaRuntimes.REGISTRY_MINIMUM).orElseThrow("the schema registry");
        Path home = RegistryDistribution.defaults().home(progress);
        return start(names, java, home, logDir);
    }

    /** Starts one registry per name in parallel; if one fails, the others are stopped. */
    public static ApicurioRegistries start(List<String> names, JavaRuntime java, Path home, Path logDir) {
        List<CompletableFuture<ApicurioRegistry>> starts = new ArrayList<>();
        for (String name : names) {
            CompletableFuture<ApicurioRegistry> f = new CompletableFuture<>();
            Thread t = new Thread(
                    () -> {
                        try {
                            f.complete(ApicurioRegistry.start(name, java, home, logDir));
                        } catch (Throwable e) {
                            f.completeExceptionally(e);
                        }
                    },
                    "start-registry-" + name);
            t.setDaemon(true);
            t.start();
            starts.add(f);
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            starts.forEach(f -> f.thenAccept(ApicurioRegistry::close));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        Map<String, ApicurioRegistry> started = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            started.put(names.get(i), starts.get(i).join());
        }
        return new ApicurioRegistries(started);
    }

    /** The registry of that name. */
    public ApicurioRegistry registry(String name) {
        ApicurioRegistry r = registries.get(name);
        if (r == null) {
            throw new NoSuchElementException("no registry named '" + name + "'; there are " + registries.keySet());
        }
        return r;
    }

    /** Name → Confluent-compatible base URL, in the order started. */
    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        registries.forEach((name, r) -> urls.put(name, r.url()));
        return urls;
    }

    public List<ApicurioRegistry> all() {
        return List.copyOf(registries.values());
    }

    @Override
    public void close() {
        List<Thread> stops = new ArrayList<>();
        for (ApicurioRegistry r : registries.values()) {
            Thread t = new Thread(r::close, "stop-registry-" + r.name());
            t.start();
            stops.add(t);
        }
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
