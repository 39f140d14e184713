package dev.cutover.inventory.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Application files that break parsers: each becomes a problem entry for its file, and the scan goes on. */
class ScanHostileFilesTest {
    private static final String CANARY = "CANARY7Q";

    @TempDir
    Path root;

    private void write(String file, String content) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    @Test
    void aRecursiveAliasOrABombIsAProblemOfItsFileAndTheOtherFilesAreStillScanned() throws IOException {
        // Given a recursive alias (a stack overflow before), a bomb of 49 aliases that expands to millions of values,
        // nesting 5,000 deep, and a good file after them in the walk
        write("a/application.yml", "x: &a [*a]\n");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char level = 'b'; level <= 'h'; level++) {
            bomb.append(level).append(": &").append(level).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(7, "*" + (char) (level - 1))));
            bomb.append("]\n");
        }
        write("b/application.yml", bomb.toString());
        write("c/application.yml", "x: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        write("d/application.yml", "spring:\n  kafka:\n    bootstrap-servers: good:9092\n");

        // When
        ConfigScanResult result = ConfigFileScanner.scan(List.of(root));

        // Then
        assertThat(result.clients())
                .extracting(DiscoveredClientConfig::bootstrapServers)
                .containsExactly("good:9092");
        assertThat(result.problems())
                .extracting(p -> root.relativize(Path.of(p.file())) + ":" + p.line() + ": " + p.problem())
                .containsExactly(
                        "a/application.yml:1: recursive alias: it refers to the list or mapping that contains it",
                        "b/application.yml:7: the file holds more than 500000 values (aliases counted as what they"
                                + " stand for)",
                        "c/application.yml:1: lists and mappings nest deeper than 100 levels (aliases counted as what"
                                + " they stand for)");
    }

    @Test
    void parserProblemsNameTheLineButNotTheAliasTagOrTextWritten() throws IOException {
        // Given parser errors around a planted value
        write("a/application.yml", "x: *" + CANARY + "\n");
        write("b/application.yml", "x: !" + CANARY + "!x y\n");
        write("c/application.yml", "x: \"\\q" + CANARY + "\"\n");
        write("d/application.yml", "x: [" + CANARY + "\n");

        // When
        ConfigScanResult result = ConfigFileScanner.scan(List.of(root));

        // Then every file is a problem with a line, and none repeats the value
        assertThat(result.problems()).hasSize(4).allSatisfy(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.problem()).doesNotContain(CANARY);
        });
    }

    @Test
    void aFifoNamedLikeAConfigIsNotedAndNotOpened() throws Exception {
        // Given a FIFO that nobody writes to: opening it would block the scan for ever
        Path fifo = Files.createDirectories(root.resolve("a")).resolve("application.yml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        write("b/client.properties", "bootstrap.servers=b:9092\n");

        // When
        ConfigScanResult result = ConfigFileScanner.scan(List.of(root));

        // Then
        assertThat(result.clients())
                .extracting(DiscoveredClientConfig::bootstrapServers)
                .containsExactly("b:9092");
        assertThat(result.problems())
                .extracting(ScanProblem::problem)
                .containsExactly("skipped: not a regular file (a FIFO, socket or device)");
    }
}
