package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutoverYamlWriterTest {
    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"pw-77\";";

    @TempDir
    Path dir;

    @Test
    void writtenProfilesLoadBackWithSecretsOnlyAsReferences() throws IOException {
        // Given a sandbox's two profiles, one secret passed as a secret and one hidden among the properties
        Map<String, ProfileSpec> profiles = new LinkedHashMap<>();
        profiles.put(
                "source",
                new ProfileSpec(
                        Map.of(
                                "bootstrap.servers",
                                "localhost:9092",
                                "security.protocol",
                                "SASL_PLAINTEXT",
                                "sasl.mechanism",
                                "SCRAM-SHA-512"),
                        Map.of("sasl.jaas.config", JAAS),
                        List.of("service:jmx:rmi:///jndi/rmi://localhost:9999/jmxrmi"),
                        Duration.ofSeconds(10)));
        profiles.put(
                "target",
                ProfileSpec.of(Map.of("bootstrap.servers", "localhost:9093", "ssl.key.password", "pw-88"), Map.of()));

        // When
        Path file = CutoverYamlWriter.write(dir, profiles);
        Workspace workspace = Workspace.load(dir);

        // Then the file starts with the header and holds no secret
        String yaml = Files.readString(file);
        assertThat(yaml).startsWith("# cutover workspace").doesNotContain("pw-77", "pw-88");
        ConnectionProfile source = workspace.profile("source");
        assertThat(source.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(source.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(source.jmxUrls()).hasSize(1);
        Path secrets = dir.toAbsolutePath().resolve(".secrets/source.properties");
        assertThat(source.properties()).containsEntry("sasl.jaas.config", "${file:" + secrets + ":sasl.jaas.config}");
        assertThat(workspace.profile("target").properties().get("ssl.key.password"))
                .startsWith("${file:");

        // And the secrets files are owner-only and git-ignored
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(".gitignore"))).contains(".secrets/");

        // And Kafka resolves the reference back to the secret
        AdminClientConfig admin = new AdminClientConfig(source.clientProperties());
        assertThat(admin.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).isEqualTo(JAAS);
    }

    @Test
    void aWorkspaceWithSecretsStillWorksWhenMovedOrClonedElsewhere() throws IOException {
        // Given a workspace written with a secret, as `sandbox up --secure` writes one
        Path original = Files.createDirectories(dir.resolve("original"));
        CutoverYamlWriter.write(
                original,
                Map.of(
                        "source",
                        ProfileSpec.of(
                                Map.of("bootstrap.servers", "localhost:9092"), Map.of("sasl.jaas.config", JAAS))));
        assertThat(Files.readString(original.resolve(Workspace.CONFIG_FILE)))
                .contains("${file:.secrets/source.properties:sasl.jaas.config}")
                .doesNotContain(original.toAbsolutePath().toString());

        // When it is moved (a clone elsewhere, with its .secrets/ filled there) and the original is gone
        Path clone = dir.resolve("elsewhere/clone");
        Files.createDirectories(clone.resolve(SecretFiles.SECRETS_DIR));
        Files.copy(original.resolve(Workspace.CONFIG_FILE), clone.resolve(Workspace.CONFIG_FILE));
        Files.copy(original.resolve(".secrets/source.properties"), clone.resolve(".secrets/source.properties"));
        Files.delete(original.resolve(".secrets/source.properties"));

        // Then the reference resolves relative to the clone, wherever cutover is started
        ConnectionProfile source = Workspace.load(clone).profile("source");
        assertThat(source.properties().get("sasl.jaas.config"))
                .isEqualTo("${file:" + clone.toAbsolutePath().normalize()
                        + "/.secrets/source.properties:sasl.jaas.config}");
        AdminClientConfig admin = new AdminClientConfig(source.clientProperties());
        assertThat(admin.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).isEqualTo(JAAS);
    }

    @Test
    void relativeFileAndDirectoryReferencesAreRelativeToTheWorkspaceAbsoluteOnesUnchanged() throws IOException {
        Files.createDirectories(dir.resolve("secrets/dir"));
        Files.writeString(dir.resolve("secrets/s.properties"), "pw=p1\n");
        Files.writeString(dir.resolve("secrets/dir/token"), "t1");
        Path absolute = dir.toAbsolutePath().resolve("secrets/s.properties");
        Files.writeString(
                dir.resolve(Workspace.CONFIG_FILE),
                "version: 1\nclusters:\n  source:\n    properties:\n      bootstrap.servers: localhost:9092\n"
                        + "      ssl.key.password: ${file:secrets/s.properties:pw}\n"
                        + "      ssl.truststore.password: ${file:" + absolute + ":pw}\n"
                        + "      sasl.oauthbearer.token: ${directory:./secrets/dir:token}\n");
        Map<String, String> props = Workspace.load(dir).profile("source").properties();
        Path base = dir.toAbsolutePath().normalize();
        assertThat(props)
                .containsEntry("ssl.key.password", "${file:" + base.resolve("secrets/s.properties") + ":pw}")
                .containsEntry("ssl.truststore.password", "${file:" + absolute + ":pw}")
                .containsEntry("sasl.oauthbearer.token", "${directory:" + base.resolve("secrets/dir") + ":token}");
    }

    @Test
    void gitignoreIsAppendedOnceNotReplaced() throws IOException {
        // Given
        Files.writeString(dir.resolve(".gitignore"), "reports/");
        ProfileSpec spec = ProfileSpec.of(Map.of("bootstrap.servers", "a:1"), Map.of("sasl.jaas.config", JAAS));

        // When written twice
        CutoverYamlWriter.write(dir, Map.of("source", spec));
        CutoverYamlWriter.write(dir, Map.of("source", spec));

        // Then
        assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo("reports/\n.secrets/\n");
    }
}
