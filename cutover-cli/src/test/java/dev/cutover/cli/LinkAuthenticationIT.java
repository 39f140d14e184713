package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Credentials the cluster refuses end link commands with exit 3, naming the profile, never echoing the password. */
@ExtendWith(ClustersExtension.class)
class LinkAuthenticationIT {
    private static final String WRONG_PASSWORD = "wrong-pw-81aa";

    @TempDir
    Path dir;

    @Test
    void aWrongPasswordOnTheTargetEndsLinkStartAndStatusWithExitThreeNamingTheProfile(
            @Cluster(value = "secure", security = SecurityMode.SASL_SCRAM) EmbeddedCluster cluster) throws Exception {
        // Given a source profile with the right password and a target profile with a wrong one
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n"
                        + profile("source", cluster, EmbeddedCluster.ADMIN_USER, cluster.adminPassword())
                        + profile("target", cluster, EmbeddedCluster.ADMIN_USER, WRONG_PASSWORD));

        // When
        Cli.Result start = Cli.run("link", "start", "--workspace", dir.toString());
        Cli.Result status = Cli.run("link", "status", "--workspace", dir.toString());

        // Then
        for (Cli.Result r : new Cli.Result[] {start, status}) {
            assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
            assertThat(r.err()).contains("profile 'target'", "authenticate");
            assertThat(r.all()).doesNotContain(WRONG_PASSWORD, cluster.adminPassword());
        }
    }

    private String profile(String name, EmbeddedCluster cluster, String user, String password) throws Exception {
        Path secret = dir.resolve(name + ".properties");
        Files.writeString(
                secret,
                "jaas=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";\n");
        return """
                  %s:
                    properties:
                      bootstrap.servers: %s
                      security.protocol: SASL_PLAINTEXT
                      sasl.mechanism: SCRAM-SHA-512
                      sasl.jaas.config: ${file:%s:jaas}
                    timeout: 10s
                """
                .formatted(name, cluster.bootstrapServers(), secret);
    }
}
