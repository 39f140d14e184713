package dev.cutover.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.registry.ApicurioRegistries;
import dev.cutover.sandbox.registry.ApicurioRegistry;
import dev.cutover.sandbox.registry.JavaRuntime;
import dev.cutover.testkit.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry's process lifetime: it stops with close(), and with its parent JVM even when that is SIGKILLed. */
class ApicurioRegistryIT {

    @Test
    void closeStopsTheServer(@TempDir Path logs) throws Exception {
        // Given a running registry
        ApicurioRegistries one = ApicurioRegistries.start(
                List.of("solo"), SchemaRegistries.java(), SchemaRegistries.distribution(), logs);
        ApicurioRegistry registry = one.registry("solo");
        try {
            assertThat(status(registry.url() + "/subjects")).isEqualTo(200);
            ProcessHandle server = registry.server().orElseThrow();
            System.err.printf(
                    "one registry: ready %d ms after launch, %d MB resident%n",
                    registry.startTime().toMillis(), residentMegabytes(server.pid()));

            // When it is closed
            one.close();

            // Then its server process has ended, and the port no longer answers
            assertThat(server.isAlive()).isFalse();
            assertThat(registry.isAlive()).isFalse();
            assertThat(status(registry.url() + "/subjects")).isEqualTo(-1);
        } finally {
            one.close();
        }
        assertThat(registry.logFile()).content().contains("started in");
    }

    @Test
    void theServerStopsWhenItsParentJvmIsKilled(@TempDir Path logs) throws Exception {
        // Given a JVM that started a registry
        JavaRuntime java = SchemaRegistries.java();
        Process parent = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RegistryHolder.class.getName(),
                        java.executable().toString(),
                        SchemaRegistries.distribution().toString(),
                        logs.toString())
                .redirectErrorStream(true)
                .start();
        try {
            String line = serverLine(parent);
            long serverPid = Long.parseLong(line.split(" ")[1]);
            String url = line.split(" ")[2];
            assertThat(status(url + "/subjects")).isEqualTo(200);

            // When that JVM is SIGKILLed (no shutdown hook runs)
            parent.destroyForcibly().waitFor();

            // Then the server stops by itself, as its lifeline closed
            Await.until(
                    "the registry server (pid " + serverPid + ") ends",
                    Duration.ofSeconds(30),
                    () -> ProcessHandle.of(serverPid).map(h -> !h.isAlive()).orElse(true));
            assertThat(status(url + "/subjects")).isEqualTo(-1);
        } finally {
            parent.destroyForcibly();
        }
    }

    private static String serverLine(Process parent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("SERVER ")) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the holder JVM ended without starting a registry:\n" + seen);
    }

    private static int status(String uri) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(uri))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long residentMegabytes(long pid) throws Exception {
        for (String l : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
