package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.SchemaRegistrySettings;
import dev.cutover.config.Workspace;
import dev.cutover.testkit.Await;
import dev.cutover.testkit.registry.SchemaRegistries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox up --schema-registry}: a registry per cluster, named in the READY line and in cutover.yaml. */
class SandboxSchemaRegistryIT {
    private static final Pattern READY = Pattern.compile("READY source=127\\.0\\.0\\.1:\\d+ target=127\\.0\\.0\\.1:\\d+"
            + " source-registry=(http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7)"
            + " target-registry=(http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7)");

    @Test
    void detachedSandboxRunsARegistryPerClusterNamesThemAndDownStopsThem(@TempDir Path dir) throws Exception {
        SchemaRegistries.java(); // skips (or fails, in CI) without a Java 21+, saying why
        Path ws = dir.resolve("ws");
        List<Long> started = new ArrayList<>();
        try {
            // When the sandbox is started detached with schema registries
            Cli.Result up = Cli.run("sandbox", "up", "--workspace", ws.toString(), "--schema-registry", "--detach");

            // Then the READY line names both registries after the clusters
            assertThat(up.exitCode()).as(up.all()).isZero();
            Matcher ready = READY.matcher(up.out());
            assertThat(ready.find()).as(up.out()).isTrue();
            String sourceUrl = ready.group(1);
            String targetUrl = ready.group(2);
            assertThat(sourceUrl).isNotEqualTo(targetUrl);
            started.add(
                    Long.parseLong(Files.readString(ws.resolve(".sandbox/pid")).strip()));

            // And both answer, as separate registries: a schema registered in one is not in the other
            assertThat(get(sourceUrl + "/subjects")).isEqualTo("[]");
            assertThat(get(targetUrl + "/subjects")).isEqualTo("[]");
            HttpResponse<String> posted = http().send(
                            HttpRequest.newBuilder(URI.create(sourceUrl + "/subjects/orders-value/versions"))
                                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(get(sourceUrl + "/subjects")).isEqualTo("[\"orders-value\"]");
            assertThat(get(targetUrl + "/subjects")).isEqualTo("[]");

            // And cutover.yaml names each profile's registry
            Workspace workspace = Workspace.load(ws);
            assertThat(workspace.profile("source").schemaRegistry())
                    .map(SchemaRegistrySettings::url)
                    .contains(sourceUrl);
            assertThat(workspace.profile("target").schemaRegistry())
                    .map(SchemaRegistrySettings::url)
                    .contains(targetUrl);
            assertThat(Files.readString(ws.resolve("cutover.yaml"))).contains("schemaRegistry:");
            assertThat(ws.resolve(".sandbox/registry-source.log")).exists();
            assertThat(ws.resolve(".sandbox/registry-target.log")).exists();

            // When it is brought down
            Cli.Result down = Cli.run("sandbox", "down", "--workspace", ws.toString());

            // Then the registries have stopped with it
            assertThat(down.exitCode()).as(down.all()).isZero();
            for (String url : List.of(sourceUrl, targetUrl)) {
                Await.until("the registry at " + url + " stops answering", Duration.ofSeconds(30), () -> {
                    try {
                        get(url + "/subjects");
                        return false;
                    } catch (java.io.IOException e) {
                        return true;
                    }
                });
            }
        } finally {
            // Whatever this test started must not outlive it, whatever failed.
            started.forEach(p -> ProcessHandle.of(p).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            }));
        }
    }

    @Test
    void withoutAJava21TheFlagIsAUsageErrorThatSaysWhereItLookedAndHowToPointAtOne(@TempDir Path dir) throws Exception {
        // Given CUTOVER_REGISTRY_JAVA naming a place without a java (when set, it is the only candidate)
        Path nowhere = dir.resolve("no-jdk-here");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcutover.log.file=" + dir.resolve("cutover.log"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sandbox",
                "up",
                "--workspace",
                dir.resolve("ws").toString(),
                "--schema-registry"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CUTOVER_REGISTRY_JAVA", nowhere.toString());

        // When the sandbox is started with a registry
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // Then it exits 2 before starting anything, naming where it looked and the variable to set
        assertThat(p.exitValue()).as(output).isEqualTo(2);
        assertThat(output)
                .contains("--schema-registry needs Java 21 or newer")
                .contains("CUTOVER_REGISTRY_JAVA=" + nowhere + " (no java there)")
                .contains("set CUTOVER_REGISTRY_JAVA to a JDK 21+ home or its bin/java")
                .doesNotContain("READY");
        assertThat(dir.resolve("ws/cutover.yaml")).doesNotExist();
    }

    private static HttpClient http() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static String get(String uri) throws Exception {
        HttpResponse<String> r = http().send(
                        HttpRequest.newBuilder(URI.create(uri))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + uri + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
