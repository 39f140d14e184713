package dev.cutover.sandbox.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code java} executable and the version it reports.
 *
 * @param executable the {@code java} binary
 * @param feature the feature release: 21 for {@code 21.0.4}, 8 for {@code 1.8.0_402}
 * @param version the full version as the runtime states it
 * @param foundVia where it was found, for messages ({@code CUTOVER_REGISTRY_JAVA}, {@code JAVA_HOME}, a directory)
 */
public record JavaRuntime(Path executable, int feature, String version, String foundVia) {
    public JavaRuntime {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(foundVia, "foundVia");
    }

    /** E.g. {@code Java 25.0.3 at /usr/lib/jvm/temurin-25-jdk-amd64/bin/java (found via /usr/lib/jvm)}. */
    public String describe() {
        return "Java " + version + " at " + executable + " (found via " + foundVia + ")";
    }
}
