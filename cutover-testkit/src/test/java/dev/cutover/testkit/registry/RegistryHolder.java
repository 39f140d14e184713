package dev.cutover.testkit.registry;

import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.sandbox.registry.JavaRuntimes;
import java.nio.file.Path;

/**
 * A JVM that starts one registry, prints {@code SERVER <pid> <url>} and waits to be killed: the parent that {@link
 * ApicurioRegistryIT} SIGKILLs. Arguments: the java executable, the distribution's home, the log directory.
 */
public final class RegistryHolder {
    private RegistryHolder() {}

    public static void main(String[] args) throws Exception {
        var java = JavaRuntimes.inspect(Path.of(args[0]), "argument").orElseThrow();
        ApicurioRegistry registry = ApicurioRegistry.start("held", java, Path.of(args[1]), Path.of(args[2]));
        System.out.println("SERVER " + registry.server().orElseThrow().pid() + " " + registry.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
