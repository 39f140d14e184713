package dev.cutover.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log directory is the user's own, 0700, and never reached through a symlink; failing that, no log. */
class LogDirectoryTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void clear() {
        System.clearProperty(LogDirectory.DIR_PROPERTY);
        System.clearProperty(LogDirectory.APPENDER_PROPERTY);
    }

    private Optional<Path> prepare(Map<String, String> env) {
        return LogDirectory.prepare(env, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void defaultsToTheUsersStateDirectoryWithMode0700() throws Exception {
        // Given XDG_STATE_HOME and no override
        Map<String, String> env = Map.of("XDG_STATE_HOME", dir.toString());

        // When
        Optional<Path> file = prepare(env);

        // Then
        Path logs = dir.resolve("cutover").resolve("logs");
        assertThat(file).contains(logs.resolve("cutover.log"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)))
                .isEqualTo("rwx------");
        assertThat(System.getProperty(LogDirectory.DIR_PROPERTY)).isEqualTo(logs.toString());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anOverrideIsUsedAndAnOpenDirectoryIsClosedToOthers() throws Exception {
        // Given an existing directory readable by everyone, holding a world-readable log
        Path logs = Files.createDirectory(dir.resolve("mine"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = Files.writeString(logs.resolve("cutover.1.log"), "old");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

        // When
        prepare(Map.of(LogDirectory.DIR_ENV, logs.toString()));

        // Then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old)))
                .isEqualTo("rw-------");
    }

    @Test
    void aSymlinkedLogFileIsRemovedNotFollowed() throws Exception {
        // Given cutover.log is a symlink to a file of someone else's choosing
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Path victim = Files.writeString(dir.resolve("victim"), "do not touch");
        Files.createSymbolicLink(logs.resolve("cutover.log"), victim);

        // When
        Optional<Path> file = prepare(Map.of(LogDirectory.DIR_ENV, logs.toString()));

        // Then
        assertThat(file).isPresent();
        assertThat(Files.exists(logs.resolve("cutover.log"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(Files.readString(victim)).isEqualTo("do not touch");
    }

    @Test
    void aSymlinkedDirectoryTurnsLoggingOffAndSaysSoOnce() throws Exception {
        // Given the log directory is a symlink
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path logs = Files.createSymbolicLink(dir.resolve("logs"), elsewhere);

        // When
        Optional<Path> file = prepare(Map.of(LogDirectory.DIR_ENV, logs.toString()));

        // Then
        assertThat(file).isEmpty();
        assertThat(System.getProperty(LogDirectory.APPENDER_PROPERTY)).isEqualTo("none");
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said.lines())
                .singleElement()
                .asString()
                .contains(logs.toString(), "symbolic link", "CUTOVER_LOG_DIR");
    }

    @Test
    void aPathThatIsAFileTurnsLoggingOff() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");

        assertThat(prepare(Map.of(LogDirectory.DIR_ENV, notADir.toString()))).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a directory");
    }
}
