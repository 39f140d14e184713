package dev.cutover.cli;

import dev.cutover.sandbox.EmbeddedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixture: a workspace whose {@code cutover.yaml} names two open (PLAINTEXT) clusters, source and target. */
final class TwoClusterWorkspace {
    private TwoClusterWorkspace() {}

    /** Writes {@code dir/cutover.yaml} with profiles {@code source} and {@code target}, a 20 s timeout each. */
    static Path write(Path dir, EmbeddedCluster source, EmbeddedCluster target) throws IOException {
        return write(dir, source, target, "");
    }

    /** The same, with {@code tail} (further YAML, e.g. a {@code links:} section) after the profiles. */
    static Path write(Path dir, EmbeddedCluster source, EmbeddedCluster target, String tail) throws IOException {
        Files.writeString(
                dir.resolve("cutover.yaml"),
                String.join(
                        "\n",
                        "version: 1",
                        "clusters:",
                        "  source:",
                        "    properties:",
                        "      bootstrap.servers: " + source.bootstrapServers(),
                        "    timeout: 20s",
                        "  target:",
                        "    properties:",
                        "      bootstrap.servers: " + target.bootstrapServers(),
                        "    timeout: 20s",
                        tail));
        return dir;
    }
}
