package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.FreePorts;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every way `cutover inventory` can be refused: the exit code, and a message that says what, where and what to do. */
@ExtendWith(ClustersExtension.class)
class InventoryErrorsIT {
    private static final String WRONG_PASSWORD = "wrong-pw-4c1d";

    @TempDir
    Path dir;

    @Test
    void unreachableClusterExitsThreeWithinTheTimeout() throws Exception {
        int closedPort = FreePorts.next();
        writeProfile(
                """
                    properties:
                      bootstrap.servers: 127.0.0.1:%d
                    timeout: 3s
                """
                        .formatted(closedPort));

        long start = System.nanoTime();
        Cli.Result r = Cli.run("inventory", "--workspace", dir.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("source", "127.0.0.1:" + closedPort).contains("what to do:");
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void wrongPasswordExitsThreeNamingMechanismAndPrincipalButNotThePassword(
            @Cluster(value = "secure", security = SecurityMode.SASL_SCRAM) EmbeddedCluster cluster) throws Exception {
        cluster.createUser("alice", "alice-right-pw");
        writeProfile(scramProfile(cluster, "alice", WRONG_PASSWORD));

        Cli.Result r = Cli.run("inventory", "--workspace", dir.toString());

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("SCRAM-SHA-512", "alice").doesNotContain(WRONG_PASSWORD);
        assertThat(r.out()).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void noPermissionOnTheClusterExitsThreeNamingTheMissingPermission(
            @Cluster(value = "secure", security = SecurityMode.SASL_SCRAM) EmbeddedCluster cluster) throws Exception {
        cluster.createUser("nobody", "nobody-pw");
        writeProfile(scramProfile(cluster, "nobody", "nobody-pw"));

        Cli.Result r = Cli.run("inventory", "--workspace", dir.toString());

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("nobody").contains("DESCRIBE").contains("CLUSTER");
    }

    @Test
    void malformedYamlExitsTwoWithFileLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("cutover.yaml"), "version: 1\nclusters:\n  source:\n    properties: [oops\n");

        Cli.Result r = Cli.run("inventory", "--workspace", dir.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).containsPattern("cutover\\.yaml:\\d+:\\d+");
    }

    @Test
    void unknownKeyExitsTwoWithTheClosestMatch() throws Exception {
        writeProfile(
                """
                    properties:
                      bootstrap.servers: 127.0.0.1:9092
                    timout: 3s
                """);

        Cli.Result r = Cli.run("inventory", "--workspace", dir.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cutover.yaml:6:5").contains("timout").contains("timeout");
    }

    @Test
    void missingWorkspaceUnknownProfileAndBadUsageExitTwo() throws Exception {
        Cli.Result missing =
                Cli.run("inventory", "--workspace", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cutover.yaml").contains("sandbox up");

        writeProfile(
                """
                    properties:
                      bootstrap.servers: 127.0.0.1:9092
                """);
        Cli.Result unknownProfile = Cli.run("inventory", "--workspace", dir.toString(), "--cluster", "tgt");
        assertThat(unknownProfile.exitCode()).isEqualTo(2);
        assertThat(unknownProfile.err()).contains("tgt").contains("source");

        Cli.Result noScanPath = Cli.run(
                "inventory",
                "--workspace",
                dir.toString(),
                "--scan-configs",
                dir.resolve("no-such-dir").toString());
        assertThat(noScanPath.exitCode()).isEqualTo(2);

        Cli.Result usage = Cli.run("inventory");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("--workspace");
    }

    private void writeProfile(String sourceBody) throws Exception {
        Files.writeString(dir.resolve("cutover.yaml"), "version: 1\nclusters:\n  source:\n" + sourceBody);
    }

    private String scramProfile(EmbeddedCluster cluster, String user, String password) throws Exception {
        Path secret = dir.resolve("secret.properties");
        Files.writeString(
                secret,
                "jaas=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";\n");
        return """
                    properties:
                      bootstrap.servers: %s
                      security.protocol: SASL_PLAINTEXT
                      sasl.mechanism: SCRAM-SHA-512
                      sasl.jaas.config: ${file:%s:jaas}
                    timeout: 10s
                """
                .formatted(cluster.bootstrapServers(), secret);
    }
}
