package dev.cutover.inventory.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanBoundariesTest {
    @TempDir
    Path root;

    @TempDir
    Path outside;

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void skipsBuildDirectoriesLargeFilesAndSymlinksAndNotesTheSkippedFilesAndLinks() throws IOException {
        // Given a real config, copies in skipped directories, a huge file and symlinks leading out of the root
        write(root.resolve("app/client.properties"), "bootstrap.servers=a:9092\ngroup.id=g\n");
        for (String dir : List.of("target", "node_modules", "build", ".git")) {
            write(root.resolve("app/" + dir + "/client.properties"), "bootstrap.servers=skipped:9092\n");
        }
        write(root.resolve("app/huge.properties"), "bootstrap.servers=huge:9092\n" + "#".repeat(2 * 1024 * 1024));
        write(outside.resolve("secret/client.properties"), "bootstrap.servers=outside:9092\n");
        Files.createSymbolicLink(root.resolve("link-dir"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("link.properties"), outside.resolve("secret/client.properties"));

        // When
        ConfigScanResult result = ConfigFileScanner.scan(List.of(root));

        // Then
        assertThat(result.clients())
                .extracting(DiscoveredClientConfig::bootstrapServers)
                .containsExactly("a:9092");
        assertThat(result.problems())
                .extracting(p -> root.relativize(Path.of(p.file())) + ": " + p.problem())
                .containsExactlyInAnyOrder(
                        "app/huge.properties: skipped: is larger than 2 MiB, the limit for the files cutover reads",
                        "link-dir: skipped: a symbolic link (links are not followed)",
                        "link.properties: skipped: a symbolic link (links are not followed)");
    }

    @Test
    void overlappingRootsScanEachFileOnce() throws IOException {
        write(root.resolve("a/client.properties"), "bootstrap.servers=a:9092\n");
        ConfigScanResult result =
                ConfigFileScanner.scan(List.of(root, root.resolve("a"), root.resolve("a/client.properties")));
        assertThat(result.clients()).hasSize(1);
    }

    @Test
    void missingRootIsAUsageError() {
        assertThatThrownBy(() -> ConfigFileScanner.scan(List.of(root.resolve("nope"))))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.reason()).isEqualTo(Reason.USAGE));
    }

    @Test
    void unrelatedYamlAndJsonGiveNoClients() throws IOException {
        write(root.resolve("ci.yml"), "jobs:\n  build:\n    retries: 3\n    timeout: 10m\n");
        write(root.resolve("package.json"), "{\"name\": \"x\", \"scripts\": {\"test\": \"jest\"}}");
        assertThat(ConfigFileScanner.scan(List.of(root)).clients()).isEmpty();
    }
}
