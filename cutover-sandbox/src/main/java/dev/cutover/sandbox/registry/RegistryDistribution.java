package dev.cutover.sandbox.registry;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.sandbox.TempDirs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The unpacked Apicurio Registry {@value #VERSION} ({@code io.apicurio:apicurio-registry-app:tar.gz:all}), a
 * directory holding {@code quarkus-run.jar}. Found, in this order:
 *
 * <ol>
 *   <li>{@value #ENV_HOME}, a directory unpacked by hand (nothing is downloaded or unpacked);
 *   <li>unpacked before, in the cache ({@code $XDG_CACHE_HOME/cutover}, else {@code ~/.cache/cutover});
 *   <li>unpacked there from the archive in the local Maven repository (system property {@code maven.repo.local},
 *       else {@code ~/.m2/repository}), where the build of {@code cutover-testkit} puts it;
 *   <li>unpacked there from the archive downloaded from Maven Central, checked against its published SHA-1.
 * </ol>
 *
 * The cache directory is complete when its marker file exists: it is unpacked into a temporary directory beside it,
 * the marker written last, then renamed into place, so concurrent or interrupted unpacks never leave a half directory
 * under the final name. Unpacking runs the system {@code tar}.
 */
public final class RegistryDistribution {
    public static final String VERSION = "3.3.3";
    public static final String ENV_HOME = "CUTOVER_APICURIO_HOME";
    public static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2/";
    static final String GROUP_PATH = "io/apicurio/apicurio-registry-app/" + VERSION + "/";
    static final String ARCHIVE = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
    static final String RUNNER = "quarkus-run.jar";
    static final String COMPLETE = ".complete";

    private final Optional<Path> explicitHome;
    private final Path cache;
    private final Path localRepository;
    private final URI remote;

    /**
     * @param explicitHome an unpacked distribution to use as it is
     * @param cache the directory that holds the unpacked distribution (and a download while it is unpacked)
     * @param localRepository a local Maven repository that may hold the archive
     * @param remote a Maven repository's root URL to download it from
     */
    public RegistryDistribution(Optional<Path> explicitHome, Path cache, Path localRepository, String remote) {
        this.explicitHome = explicitHome;
        this.cache = cache;
        this.localRepository = localRepository;
        this.remote = URI.create(remote.endsWith("/") ? remote : remote + "/");
    }

    /** From this process's environment and system properties, downloading from Maven Central. */
    public static RegistryDistribution defaults() {
        Map<String, String> env = System.getenv();
        Path home = Path.of(System.getProperty("user.home"));
        Optional<Path> explicit =
                Optional.ofNullable(env.get(ENV_HOME)).filter(s -> !s.isBlank()).map(s -> Path.of(s.strip()));
        Path cacheRoot = Optional.ofNullable(env.get("XDG_CACHE_HOME"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElse(home.resolve(".cache"));
        Path repo = Optional.ofNullable(System.getProperty("maven.repo.local"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .orElse(home.resolve(".m2/repository"));
        return new RegistryDistribution(explicit, cacheRoot.resolve("cutover"), repo, MAVEN_CENTRAL);
    }

    /** Where the archive lies in the local Maven repository, whether or not it is there. */
    public Path localArchive() {
        return localRepository.resolve(GROUP_PATH).resolve(ARCHIVE);
    }

    /** Where the distribution is (or will be) unpacked in the cache. */
    public Path cachedHome() {
        return cache.resolve("apicurio-registry-" + VERSION);
    }

    /**
     * The distribution's directory (holding {@value #RUNNER}), unpacking or downloading it first if needed.
     *
     * @param progress told what is being done when it takes long (download, unpack), one line at a time
     * @throws CutoverException naming what is missing or failed and what to do
     */
    public Path home(Consumer<String> progress) {
        if (explicitHome.isPresent()) {
            return explicit(explicitHome.get());
        }
        Path home = cachedHome();
        if (Files.exists(home.resolve(COMPLETE))) {
            return home;
        }
        try {
            Path archive = localArchive();
            boolean downloaded = false;
            if (!Files.isRegularFile(archive)) {
                archive = cache.resolve(ARCHIVE);
                new VerifiedDownload(Duration.ofSeconds(30))
                        .fetch(remote.resolve(GROUP_PATH + ARCHIVE), archive, progress);
                downloaded = true;
            }
            unpack(archive, home, progress);
            if (downloaded) {
                // The unpacked directory is what is used from now on; the archive is 150 MB of nothing.
                Files.deleteIfExists(archive);
            }
            return home;
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CONFIG_NOT_FOUND,
                    "cannot get Apicurio Registry " + VERSION + ": " + e.getMessage(),
                    "download " + remote.resolve(GROUP_PATH + ARCHIVE) + ", unpack it and set " + ENV_HOME
                            + " to that directory",
                    e);
        }
    }

    private static Path explicit(Path dir) {
        for (Path home : new Path[] {dir, dir.resolve("quarkus-app")}) {
            if (Files.isRegularFile(home.resolve(RUNNER))) {
                return home;
            }
        }
        throw new CutoverException(
                Reason.CONFIG_NOT_FOUND,
                ENV_HOME + "=" + dir + " holds no " + RUNNER,
                "set it to the directory unpacked from " + ARCHIVE + " (the one with " + RUNNER
                        + "), or unset it to let cutover fetch Apicurio Registry " + VERSION + " itself");
    }

    private void unpack(Path archive, Path home, Consumer<String> progress) throws IOException {
        Files.createDirectories(cache);
        Path tmp = Files.createTempDirectory(cache, home.getFileName() + ".unpacking-");
        try {
            progress.accept("unpacking " + archive + " into " + home);
            runTar(archive, tmp);
            if (!Files.isRegularFile(tmp.resolve(RUNNER))) {
                throw new IOException(archive + " holds no " + RUNNER + " at its top level");
            }
            Files.writeString(tmp.resolve(COMPLETE), archive + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                handleExisting(home, tmp);
            } catch (IOException e) {
                // Linux reports a non-empty target directory as "Directory not empty", not as already existing.
                if (!Files.exists(home)) {
                    throw e;
                }
                handleExisting(home, tmp);
            }
        } finally {
            TempDirs.deleteQuietly(tmp);
        }
    }

    /** Another process unpacked it meanwhile (then use that), or a stale, incomplete directory is in the way. */
    private static void handleExisting(Path home, Path tmp) throws IOException {
        if (Files.exists(home.resolve(COMPLETE))) {
            return;
        }
        TempDirs.deleteQuietly(home);
        Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void runTar(Path archive, Path into) throws IOException {
        Process tar;
        try {
            tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run tar to unpack " + archive + " (is tar installed and on the PATH?): " + e.getMessage());
        }
        tar.getOutputStream().close();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!tar.waitFor(10, TimeUnit.MINUTES)) {
                tar.destroyForcibly();
                throw new IOException("tar did not finish unpacking " + archive + " within 10 minutes");
            }
        } catch (InterruptedException e) {
            tar.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unpacking " + archive, e);
        }
        if (tar.exitValue() != 0) {
            throw new IOException("tar -xzf " + archive + " failed with status " + tar.exitValue() + ": " + output);
        }
    }
}
