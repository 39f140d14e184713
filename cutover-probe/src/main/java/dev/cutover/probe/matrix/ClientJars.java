package dev.cutover.probe.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the jars of one kafka-clients version: from an offline directory ({@code <dir>/<version>/*.jar}), else from
 * the cache ({@code <cache>/<version>/*.jar}, complete when its marker file exists), else from a Maven repository:
 * the version's POM is read for its runtime dependencies, every jar is checked against the {@code .sha1} published
 * next to it, and written atomically (temp file, then move), so an interrupted download never leaves a jar that
 * looks complete.
 */
public final class ClientJars {
    public static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2/";
    /** Written last into a version's cache directory: the set of jars there is complete and verified. */
    static final String COMPLETE = ".complete";

    private final Optional<Path> offline;
    private final Path cache;
    private final URI repository;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param offline a directory holding {@code <version>/*.jar}; when given, nothing is downloaded
     * @param cache where downloads are kept, one directory per version
     * @param repository a Maven repository's root URL
     * @param timeout bound for each HTTP request
     */
    public ClientJars(Optional<Path> offline, Path cache, String repository, Duration timeout) {
        this.offline = offline;
        this.cache = cache;
        this.repository = URI.create(repository.endsWith("/") ? repository : repository + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** {@code ~/.cache/cutover/clients}. */
    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "cutover", "clients");
    }

    /** The directory that holds (or will hold) {@code version}'s jars in the cache. */
    public Path cacheDir(String version) {
        return cache.resolve(new ClientSpec.KafkaJava(version).version());
    }

    /**
     * The jars of {@code version}, downloading them if needed.
     *
     * @throws IOException naming what could not be found, fetched or verified
     */
    public List<Path> jars(String version) throws IOException {
        if (offline.isPresent()) {
            Path dir = offline.get().resolve(version);
            List<Path> jars = list(dir);
            if (jars.isEmpty()) {
                throw new IOException("no jars in " + dir + " (--clients-dir holds <version>/*.jar)");
            }
            return jars;
        }
        Path dir = cacheDir(version);
        if (Files.exists(dir.resolve(COMPLETE))) {
            return list(dir);
        }
        Files.createDirectories(dir);
        Artifact clients = Artifact.kafkaClients(version);
        List<Artifact> all = new ArrayList<>();
        all.add(clients);
        all.addAll(PomDependencies.parse(fetchVerified(clients.path() + ".pom")));
        // The client logs through slf4j; without a binding slf4j warns on the user's stderr. Its no-op binding, of
        // the same version, keeps the client silent.
        all.stream()
                .filter(a -> a.groupId().equals("org.slf4j") && a.artifactId().equals("slf4j-api"))
                .findFirst()
                .ifPresent(api -> all.add(new Artifact("org.slf4j", "slf4j-nop", api.version())));
        for (Artifact a : all) {
            Path jar = dir.resolve(a.jarName());
            if (!Files.exists(jar)) {
                writeAtomically(jar, fetchVerified(a.path() + ".jar"));
            }
        }
        writeAtomically(
                dir.resolve(COMPLETE),
                String.join("\n", all.stream().map(Artifact::toString).toList()).getBytes(StandardCharsets.UTF_8));
        return list(dir);
    }

    private byte[] fetchVerified(String path) throws IOException {
        byte[] body = get(path);
        String expected = new String(get(path + ".sha1"), StandardCharsets.US_ASCII)
                .trim()
                .split("\\s+")[0]
                .toLowerCase(Locale.ROOT);
        String actual = sha1(body);
        if (!actual.equals(expected)) {
            throw new IOException(
                    repository.resolve(path) + ": SHA-1 " + actual + " but the repository says " + expected);
        }
        return body;
    }

    private byte[] get(String path) throws IOException {
        URI uri = repository.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException(uri + ": HTTP " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(uri + ": interrupted", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(uri.toString())) {
                throw e;
            }
            throw new IOException(
                    uri + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
    }

    static String sha1(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeAtomically(Path target, byte[] body) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            Files.write(tmp, body);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
