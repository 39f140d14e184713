package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesReplacesAndLeavesNoTemporaryFiles() throws IOException {
        // Given an existing report
        Path file = dir.resolve("reports/inventory.json");
        AtomicFiles.write(file, "old");

        // When it is replaced
        AtomicFiles.write(file, "new ✓");

        // Then readers see the whole new content and nothing else is left in the directory
        assertThat(Files.readString(file)).isEqualTo("new ✓");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void createsWithTheRequestedPermissions() throws IOException {
        Path file = dir.resolve("secret.properties");
        AtomicFiles.write(file, "k=v", PosixFilePermissions.fromString("rw-------"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void newFilesAreWorldReadableAndReplacedFilesKeepTheirPermissions() throws IOException {
        Path report = dir.resolve("report.md");
        AtomicFiles.write(report, "a");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
                .startsWith("rw-"); // rw-r--r-- less the umask

        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(report, "b");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
                .isEqualTo("rw-rw----");
    }
}
