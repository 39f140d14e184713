package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover serve} refuses to show the dashboard beyond this machine without a strong token, and never echoes it. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void anotherAddressThanLoopbackWithoutATokenIsAUsageErrorThatSaysHowToGiveOne() throws Exception {
        // Given a workspace
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  target: {properties: {bootstrap.servers: \"127.0.0.1:9\"}}\n");

        // When the dashboard is asked to listen on every address without a token
        Cli.Result result = Cli.run("serve", "--workspace", dir.toString(), "--bind", "0.0.0.0", "--port", "0");

        // Then it refuses (exit 2), saying why and how to set one
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("without a token", "CUTOVER_SERVE_TOKEN");
    }

    @Test
    void aWeakTokenIsRefusedWithoutBeingPrinted() throws Exception {
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  target: {properties: {bootstrap.servers: \"127.0.0.1:9\"}}\n");

        Cli.Result result = Cli.run(
                "serve", "--workspace", dir.toString(), "--bind", "0.0.0.0", "--port", "0", "--token", "hunter2");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("16 to 256");
        assertThat(result.all()).doesNotContain("hunter2");
    }

    @Test
    void aMissingWorkspaceIsAUsageErrorBeforeAnythingIsServed() {
        Cli.Result result =
                Cli.run("serve", "--workspace", dir.resolve("nowhere").toString(), "--port", "0");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("cutover.yaml");
    }
}
