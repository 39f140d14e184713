package dev.cutover.sandbox.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cutover.api.CutoverException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the distribution comes from, with a small stand-in archive (a tar.gz holding a {@code quarkus-run.jar}) in a
 * local Maven repository or served by a real HTTP server as a Maven repository.
 */
class RegistryDistributionTest {
    private static final String ARCHIVE_PATH =
            "/repo/" + RegistryDistribution.GROUP_PATH + RegistryDistribution.ARCHIVE;

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void unpacksTheArchiveOfTheLocalMavenRepositoryOnceIntoTheCache() throws Exception {
        // Given the archive in the local repository
        Path repo = dir.resolve("m2");
        RegistryDistribution d = distribution(Optional.empty(), repo);
        Files.createDirectories(d.localArchive().getParent());
        Files.copy(archive("runner"), d.localArchive());
        List<String> progress = new ArrayList<>();

        // When asked twice
        Path home = d.home(progress::add);
        Path again = d.home(progress::add);

        // Then it is unpacked once, complete, and nothing was downloaded
        assertThat(home).isEqualTo(dir.resolve("cache/apicurio-registry-" + RegistryDistribution.VERSION));
        assertThat(again).isEqualTo(home);
        assertThat(home.resolve(RegistryDistribution.RUNNER)).hasContent("runner");
        assertThat(home.resolve(RegistryDistribution.COMPLETE)).exists();
        assertThat(progress).singleElement().asString().startsWith("unpacking ");
        assertThat(requests).isEmpty();
        try (var left = Files.list(dir.resolve("cache"))) {
            assertThat(left).as("no temporary directory left").containsExactly(home);
        }
    }

    @Test
    void downloadsVerifiesAndUnpacksWhenTheLocalRepositoryLacksIt() throws Exception {
        // Given a repository that serves the archive and its SHA-1
        byte[] archive = Files.readAllBytes(archive("downloaded"));
        served.put(ARCHIVE_PATH, archive);
        served.put(ARCHIVE_PATH + ".sha1", sha1(archive).getBytes(StandardCharsets.US_ASCII));
        List<String> progress = new ArrayList<>();

        // When the distribution is asked for
        Path home = distribution(Optional.empty(), dir.resolve("empty-m2")).home(progress::add);

        // Then it was downloaded, verified, unpacked, and the archive removed afterwards
        assertThat(home.resolve(RegistryDistribution.RUNNER)).hasContent("downloaded");
        assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("downloading http://"));
        assertThat(progress).anySatisfy(l -> assertThat(l).contains("SHA-1 verified"));
        assertThat(dir.resolve("cache").resolve(RegistryDistribution.ARCHIVE)).doesNotExist();
    }

    @Test
    void aCorruptDownloadFailsAndLeavesNothingThatLooksComplete() throws Exception {
        byte[] archive = Files.readAllBytes(archive("corrupt"));
        served.put(ARCHIVE_PATH, archive);
        served.put(
                ARCHIVE_PATH + ".sha1", "0000000000000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII));
        RegistryDistribution d = distribution(Optional.empty(), dir.resolve("empty-m2"));

        assertThatThrownBy(() -> d.home(l -> {}))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("cannot get Apicurio Registry")
                .hasMessageContaining("SHA-1")
                .satisfies(e -> assertThat(((CutoverException) e).hint().orElseThrow())
                        .contains(RegistryDistribution.ENV_HOME));
        assertThat(d.cachedHome()).doesNotExist();
        try (var left = Files.list(dir.resolve("cache"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anExplicitHomeIsUsedAsItIsAndAWrongOneIsNamed() throws Exception {
        Path unpacked = dir.resolve("by-hand");
        Files.createDirectories(unpacked);
        Files.writeString(unpacked.resolve(RegistryDistribution.RUNNER), "x");
        assertThat(distribution(Optional.of(unpacked), dir.resolve("m2")).home(l -> {}))
                .isEqualTo(unpacked);

        assertThatThrownBy(() -> distribution(Optional.of(dir.resolve("nowhere")), dir.resolve("m2"))
                        .home(l -> {}))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining(RegistryDistribution.ENV_HOME + "=" + dir.resolve("nowhere"))
                .hasMessageContaining("holds no quarkus-run.jar");
        assertThat(requests).isEmpty();
    }

    private RegistryDistribution distribution(Optional<Path> explicit, Path repo) {
        return new RegistryDistribution(
                explicit,
                dir.resolve("cache"),
                repo,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/repo");
    }

    /** A tar.gz laid out as the real one: quarkus-run.jar (here holding {@code content}) at its top level. */
    private Path archive(String content) throws Exception {
        Path src = Files.createTempDirectory(dir, "src");
        Files.writeString(src.resolve(RegistryDistribution.RUNNER), content);
        Files.createDirectories(src.resolve("lib/main"));
        Path archive = dir.resolve(content + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", src.toString(), ".")
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).isZero();
        return archive;
    }

    private static String sha1(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
    }
}
