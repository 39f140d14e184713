package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environment failures are not bugs: an unreachable cluster, a JAAS or SSL misconfiguration and an invalid link name
 * end with exit 2 or 3 and a message naming the profile and the cause, never exit 4 and never a secret. No broker:
 * the "cluster" is a loopback port nobody listens on.
 */
class EnvironmentFailuresTest {
    private static final String SECRET = "pw-9d1c-never-shown";
    /** A command against a closed port with {@code timeout: 2s} ends within this, whatever it does. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private int closedPort;

    @BeforeEach
    void closedPort() {
        closedPort = FreePorts.next();
    }

    @Test
    void linkStatusAgainstAClosedPortExitsThreeWithinTheTimeoutNamingTheProfile() throws Exception {
        // Given
        workspace(plain("source"), plain("target"));

        // When
        Timed r = timed("link", "status", "--workspace", dir.toString());

        // Then
        assertThat(r.result.exitCode()).as(r.result.all()).isEqualTo(3);
        assertThat(r.result.err()).contains("profile 'target'", "127.0.0.1:" + closedPort, "2s");
        assertThat(r.result.err()).doesNotContain("PT2S", "internal error");
        assertThat(r.took).isLessThan(BOUND);
    }

    @Test
    void linkStartAgainstAClosedPortExitsThreeWithinTheTimeout() throws Exception {
        workspace(plain("source"), plain("target"));

        Timed r = timed("link", "start", "--workspace", dir.toString());

        // The link's own restarts never start: both clusters are checked first, each within its profile's timeout.
        assertThat(r.result.exitCode()).as(r.result.all()).isEqualTo(3);
        assertThat(r.result.err()).contains("profile 'source'", "within 2s").doesNotContain("PT2S", "PT30S");
        assertThat(r.took).isLessThan(BOUND);
    }

    @Test
    void linkStartDryRunAgainstAClosedPortExitsThree() throws Exception {
        workspace(plain("source"), plain("target"));

        Timed r = timed("link", "start", "--dry-run", "--workspace", dir.toString());

        assertThat(r.result.exitCode()).as(r.result.all()).isEqualTo(3);
        assertThat(r.took).isLessThan(BOUND);
    }

    @Test
    void offsetsTranslateAgainstAClosedPortExitsThree() throws Exception {
        workspace(plain("source"), plain("target"));

        Timed r = timed("offsets", "translate", "--workspace", dir.toString(), "--group", "billing");

        assertThat(r.result.exitCode()).as(r.result.all()).isEqualTo(3);
        assertThat(r.result.err()).containsAnyOf("source", "target").doesNotContain("internal error");
        assertThat(r.took).isLessThan(BOUND);
    }

    @Test
    void badJaasExitsTwoNamingTheProfileAndTheKeyButNotTheSecret() throws Exception {
        // Given a JAAS line without its closing ';'
        workspace(
                plain("source"),
                profile(
                        "target",
                        """
                              security.protocol: SASL_PLAINTEXT
                              sasl.mechanism: PLAIN
                              sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="%s"'
                        """
                                .formatted(SECRET)));

        for (String[] command : new String[][] {
            {"link", "status", "--workspace", dir.toString()},
            {"link", "start", "--workspace", dir.toString()},
            {"offsets", "translate", "--workspace", dir.toString(), "--group", "g"}
        }) {
            Cli.Result r = Cli.run(command);
            assertThat(r.exitCode())
                    .as("%s: %s", String.join(" ", command), r.all())
                    .isEqualTo(2);
            assertThat(r.err()).as(command[1]).contains("profile 'target'", "sasl.jaas.config");
            assertThat(r.all()).doesNotContain(SECRET);
        }
    }

    @Test
    void unknownLoginModuleExitsTwo() throws Exception {
        workspace(
                profile(
                        "source",
                        """
                              security.protocol: SASL_PLAINTEXT
                              sasl.mechanism: PLAIN
                              sasl.jaas.config: 'com.example.NoSuchLoginModule required password="%s";'
                        """
                                .formatted(SECRET)),
                plain("target"));

        Cli.Result r = Cli.run("link", "start", "--workspace", dir.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("profile 'source'", "com.example.NoSuchLoginModule");
        assertThat(r.all()).doesNotContain(SECRET);
    }

    @Test
    void missingTruststoreExitsTwoNamingTheProfileAndTheFile() throws Exception {
        Path missing = dir.resolve("no-such-truststore.jks");
        workspace(
                plain("source"),
                profile(
                        "target",
                        """
                              security.protocol: SSL
                              ssl.truststore.location: %s
                              ssl.truststore.password: %s
                        """
                                .formatted(missing, SECRET)));

        for (String[] command : new String[][] {
            {"link", "status", "--workspace", dir.toString()},
            {"link", "start", "--workspace", dir.toString()},
            {"offsets", "translate", "--workspace", dir.toString(), "--group", "g"},
            {"inventory", "--workspace", dir.toString(), "--cluster", "target"}
        }) {
            Cli.Result r = Cli.run(command);
            assertThat(r.exitCode())
                    .as("%s: %s", String.join(" ", command), r.all())
                    .isEqualTo(2);
            assertThat(r.err()).as(command[0]).contains("profile 'target'");
            assertThat(r.all()).doesNotContain(SECRET);
        }
        assertThat(Cli.run("link", "status", "--workspace", dir.toString()).err())
                .contains("ssl.truststore.location", missing.toString());
    }

    @Test
    void invalidLinkNamesAreUsageErrors() throws Exception {
        workspace(plain("source"), plain("target"));

        for (String name : new String[] {"../x", "", "a b", "x/y", "топик"}) {
            for (String[] command : new String[][] {
                {"link", "status", "--workspace", dir.toString(), "--name", name},
                {"link", "start", "--workspace", dir.toString(), "--name", name},
                {"offsets", "translate", "--workspace", dir.toString(), "--group", "g", "--link", name}
            }) {
                Cli.Result r = Cli.run(command);
                assertThat(r.exitCode())
                        .as("%s with '%s': %s", command[1], name, r.all())
                        .isEqualTo(2);
                assertThat(r.err()).contains("link name").doesNotContain("internal error");
            }
        }
    }

    @Test
    void anOutputAFormatCannotRenderIsAUsageError() throws Exception {
        workspace(plain("source"), plain("target"));

        Cli.Result r = Cli.run("link", "status", "--workspace", dir.toString(), "--output", "html");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("md, json");
    }

    private record Timed(Cli.Result result, Duration took) {}

    private static Timed timed(String... args) {
        long start = System.nanoTime();
        Cli.Result r = Cli.run(args);
        return new Timed(r, Duration.ofNanos(System.nanoTime() - start));
    }

    private String plain(String name) {
        return profile(name, "");
    }

    private String profile(String name, String extraProperties) {
        return "  " + name + ":\n    properties:\n      bootstrap.servers: 127.0.0.1:" + closedPort + "\n"
                + (extraProperties.isBlank() ? "" : extraProperties.stripTrailing() + "\n") // indented 6 already
                + "    timeout: 2s\n";
    }

    private void workspace(String... profiles) throws Exception {
        Files.writeString(dir.resolve("cutover.yaml"), "version: 1\nclusters:\n" + String.join("", profiles));
    }
}
