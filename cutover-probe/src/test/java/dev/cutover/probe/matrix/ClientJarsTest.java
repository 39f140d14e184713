package dev.cutover.probe.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientJarsTest {
    private static final String NOWHERE = "http://127.0.0.1:9/";

    @Test
    void theCacheHoldsOneDirectoryPerVersionUsedOnlyWhenComplete(@TempDir Path cache) throws Exception {
        // Given a complete cache entry for 2.8.2 and an incomplete one for 3.9.1 (no marker: an interrupted download)
        ClientJars jars = new ClientJars(Optional.empty(), cache, NOWHERE, Duration.ofSeconds(2));
        Path v282 = jars.cacheDir("2.8.2");
        assertThat(v282).isEqualTo(cache.resolve("2.8.2"));
        Files.createDirectories(v282);
        Files.writeString(v282.resolve("kafka-clients-2.8.2.jar"), "jar");
        Files.writeString(v282.resolve("lz4-java-1.7.1.jar"), "jar");
        Files.writeString(v282.resolve(ClientJars.COMPLETE), "org.apache.kafka:kafka-clients:2.8.2");
        Files.createDirectories(cache.resolve("3.9.1"));
        Files.writeString(cache.resolve("3.9.1").resolve("kafka-clients-3.9.1.jar"), "partial");

        // When / Then the complete one is used without the network, the incomplete one is fetched again (and fails
        // here, naming the URL)
        assertThat(jars.jars("2.8.2"))
                .containsExactly(v282.resolve("kafka-clients-2.8.2.jar"), v282.resolve("lz4-java-1.7.1.jar"));
        assertThatThrownBy(() -> jars.jars("3.9.1"))
                .hasMessageStartingWith(NOWHERE + "org/apache/kafka/kafka-clients/3.9.1/kafka-clients-3.9.1.pom");
    }

    @Test
    void anOfflineDirectoryIsUsedAsIs(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("0.11.0.3"));
        Files.writeString(dir.resolve("0.11.0.3").resolve("kafka-clients-0.11.0.3.jar"), "jar");
        ClientJars jars = new ClientJars(Optional.of(dir), dir.resolve("unused"), NOWHERE, Duration.ofSeconds(2));

        assertThat(jars.jars("0.11.0.3"))
                .containsExactly(dir.resolve("0.11.0.3").resolve("kafka-clients-0.11.0.3.jar"));
        assertThatThrownBy(() -> jars.jars("2.8.2"))
                .hasMessage("no jars in " + dir.resolve("2.8.2") + " (--clients-dir holds <version>/*.jar)");
    }

    @Test
    void writesAtomicallyAndHashesLikeMavenCentral(@TempDir Path dir) throws Exception {
        ClientJars.writeAtomically(dir.resolve("a.jar"), "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(dir.resolve("a.jar")).hasContent("abc");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("a.jar"));
        }
        assertThat(ClientJars.sha1("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void coordinatesCannotEscapeTheRepository() {
        assertThat(Artifact.kafkaClients("2.8.2").path())
                .isEqualTo("org/apache/kafka/kafka-clients/2.8.2/kafka-clients-2.8.2");
        assertThatThrownBy(() -> new Artifact("org", "../x", "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
