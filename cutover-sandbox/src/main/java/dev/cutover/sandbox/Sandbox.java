package dev.cutover.sandbox;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.CutoverYamlWriter;
import dev.cutover.config.ProfileSpec;
import dev.cutover.config.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two real clusters, {@code source} and {@code target}, started side by side in this JVM, and the workspace files
 * that let every other command reach them. Closing it stops both and deletes their data.
 */
public final class Sandbox implements AutoCloseable {
    /** Marks a workspace whose {@code cutover.yaml} the sandbox wrote, so it may overwrite it next time. */
    public static final String MARKER_FILE = ".cutover-sandbox";

    public static final String SOURCE = "source";
    public static final String TARGET = "target";

    /** How to start the sandbox. */
    public record Options(int brokers, SecurityMode security) {
        public static Options defaults() {
            return new Options(1, SecurityMode.NONE);
        }

        public Options secure(boolean secure) {
            return new Options(brokers, secure ? SecurityMode.SASL_SCRAM : SecurityMode.NONE);
        }

        public Options brokers(int count) {
            return new Options(count, security);
        }
    }

    private final EmbeddedCluster source;
    private final EmbeddedCluster target;

    private Sandbox(EmbeddedCluster source, EmbeddedCluster target) {
        this.source = source;
        this.target = target;
    }

    /** Starts both clusters in parallel; if one fails the other is stopped. */
    public static Sandbox start(Options options) {
        CompletableFuture<EmbeddedCluster> source = Parallel.supply(() -> startCluster(SOURCE, options));
        CompletableFuture<EmbeddedCluster> target = Parallel.supply(() -> startCluster(TARGET, options));
        try {
            return new Sandbox(source.join(), target.join());
        } catch (CompletionException e) {
            source.thenAccept(EmbeddedCluster::close);
            target.thenAccept(EmbeddedCluster::close);
            throw new IllegalStateException(
                    "the sandbox could not start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static EmbeddedCluster startCluster(String name, Options options) {
        return EmbeddedCluster.start(EmbeddedCluster.Options.named(name)
                .brokers(options.brokers())
                .security(options.security())
                .jmx(true));
    }

    public EmbeddedCluster source() {
        return source;
    }

    public EmbeddedCluster target() {
        return target;
    }

    public List<EmbeddedCluster> clusters() {
        return List.of(source, target);
    }

    /** A SCRAM user a profile logs in as. */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }

    /** Writes the workspace with both profiles logging in as the super user. */
    public Path writeWorkspace(Path dir) {
        return writeWorkspace(dir, Map.of());
    }

    /**
     * Writes {@code dir/cutover.yaml} with a {@code source} and a {@code target} profile, logging in as the given
     * users (by profile name; the super user otherwise). Credentials go to {@code dir/.secrets/}, referenced, never
     * inline. Refuses to overwrite a {@code cutover.yaml} that the sandbox did not write.
     */
    public Path writeWorkspace(Path dir, Map<String, Login> logins) {
        return writeWorkspace(dir, logins, Map.of());
    }

    /**
     * {@link #writeWorkspace(Path, Map)}, and each profile named in {@code schemaRegistryUrls} gets that registry
     * ({@code schemaRegistry: {url: ...}}), e.g. the sandbox's own Apicurio registries.
     */
    public Path writeWorkspace(Path dir, Map<String, Login> logins, Map<String, String> schemaRegistryUrls) {
        Path config = dir.resolve(Workspace.CONFIG_FILE);
        try {
            Files.createDirectories(dir);
            if (Files.exists(config) && !Files.exists(dir.resolve(MARKER_FILE))) {
                throw new CutoverException(
                        Reason.USAGE,
                        config + " exists and was not written by the sandbox; refusing to overwrite it",
                        "use another --workspace, or move that file away if it is not needed");
            }
            Map<String, ProfileSpec> profiles = new LinkedHashMap<>();
            profiles.put(SOURCE, profile(source, logins.get(SOURCE)));
            profiles.put(TARGET, profile(target, logins.get(TARGET)));
            schemaRegistryUrls.forEach((name, url) -> {
                if (!profiles.containsKey(name)) {
                    throw new IllegalArgumentException(
                            "no profile '" + name + "' for a schema registry; there are " + profiles.keySet());
                }
                profiles.put(name, profiles.get(name).withSchemaRegistry(url));
            });
            Files.writeString(
                    dir.resolve(MARKER_FILE),
                    "This workspace's cutover.yaml was written by `cutover sandbox up`; it may be overwritten.\n");
            return CutoverYamlWriter.write(dir, profiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the workspace " + dir, e);
        }
    }

    private static ProfileSpec profile(EmbeddedCluster cluster, Login login) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, Object> client = login == null
                ? cluster.adminClientProperties()
                : cluster.clientProperties(login.user(), login.password());
        client.forEach((key, value) -> plain.put(key, String.valueOf(value)));
        // CutoverYamlWriter moves every secret-looking value (JAAS, passwords) to .secrets/ by itself.
        return new ProfileSpec(plain, secrets, cluster.jmxUrl().stream().toList(), Duration.ofSeconds(30));
    }

    /** The mark of lines of the sample workloads.yaml that hold only with {@code --secure} (the SCRAM principals). */
    static final String SECURE_ONLY = "   # --secure only";

    /** {@link #writeSampleWorkloads(Path, SecurityMode)} for the plain (PLAINTEXT) sandbox. */
    public static boolean writeSampleWorkloads(Path dir) {
        return writeSampleWorkloads(dir, SecurityMode.NONE);
    }

    /**
     * Copies the sample estate's {@code workloads.yaml} (an owner-kept manifest with deliberate gaps, see the file) into
     * the workspace unless it has one, as it holds for the estate seeded under {@code security}: under SASL/SCRAM each
     * service logs in as its own user and its workload names that principal; otherwise every client is anonymous and
     * no principal is named. Returns whether it wrote the file.
     */
    public static boolean writeSampleWorkloads(Path dir, SecurityMode security) {
        Path file = dir.resolve(Workspace.WORKLOADS_FILE);
        if (Files.exists(file)) {
            return false;
        }
        try (var in = Sandbox.class.getResourceAsStream("estate/workloads.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the sample workloads.yaml is missing from the sandbox jar");
            }
            String sample = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            boolean secure = security == SecurityMode.SASL_SCRAM;
            StringBuilder text = new StringBuilder();
            for (String line : sample.split("\n", -1)) {
                if (!line.endsWith(SECURE_ONLY)) {
                    text.append(line).append('\n');
                } else if (secure) {
                    text.append(line, 0, line.length() - SECURE_ONLY.length()).append('\n');
                }
            }
            AtomicFiles.write(file, text.substring(0, text.length() - 1));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        Parallel.runAll(List.of(source::close, target::close)).join();
    }
}
