package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxUpIT {

    @Test
    void secureSandboxWritesAWorkspaceThatConnectsAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path workspace = dir.resolve("ws");
        try (Cli.Child sandbox = Cli.Child.start(
                dir.resolve("cutover.log"), "sandbox", "up", "--workspace", workspace.toString(), "--secure")) {
            // Given a running secure sandbox
            String ready = sandbox.awaitLine(l -> l.startsWith("READY "), Duration.ofSeconds(120));
            assertThat(ready).matches("READY source=127\\.0\\.0\\.1:\\d+ target=127\\.0\\.0\\.1:\\d+");

            // When another process reads the workspace it wrote
            Workspace ws = Workspace.load(workspace);

            // Then both profiles connect (the password is resolved from .secrets/ by Kafka's config provider),
            // and no secret is inline in cutover.yaml
            for (String profile : new String[] {"source", "target"}) {
                try (Admin admin = Admin.create(ws.profile(profile).clientProperties())) {
                    assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                            .hasSize(1);
                }
            }
            String yaml = Files.readString(workspace.resolve("cutover.yaml"));
            assertThat(yaml).contains("${file:").contains("SASL_PLAINTEXT").doesNotContain("password=\"");
            assertThat(ws.profile("source").jmxUrls()).hasSize(1);

            // And SIGTERM stops it with exit code 0
            assertThat(sandbox.terminate(Duration.ofSeconds(60))).isZero();
            assertThat(sandbox.output()).as("output").anySatisfy(l -> assertThat(l)
                    .isEqualTo("stopped"));
        }
    }
}
