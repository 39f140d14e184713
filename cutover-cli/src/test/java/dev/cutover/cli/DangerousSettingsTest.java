package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles that would make a Kafka client load classes or send credentials where it should not, and values read from
 * config providers that Kafka rejects, end with exit 2 naming the key, never exit 4 and never the resolved value. No
 * broker: nothing gets as far as connecting.
 */
class DangerousSettingsTest {
    private static final String CANARY = "canary-6d0b";

    @TempDir
    Path dir;

    private Cli.Result inventory(String properties) throws Exception {
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source:\n    properties:\n      bootstrap.servers: 127.0.0.1:9\n"
                        + properties.stripIndent().indent(6)
                        + "    timeout: 2s\n");
        return Cli.run("inventory", "--workspace", dir.toString());
    }

    @Test
    void aConfigProviderClassThatIsNotKafkasExitsTwoNamingTheKeyAndTheFix() throws Exception {
        Cli.Result r = inventory(
                """
                config.providers: vault
                config.providers.vault.class: com.example.NoSuchVaultProvider
                """);

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("profile 'source'", "config.providers.vault.class", "allowConfigProviders");
    }

    @Test
    void anAllowedProviderClassMissingFromTheClassPathExitsTwo() throws Exception {
        Files.writeString(
                dir.resolve("cutover.yaml"),
                """
                version: 1
                security:
                  allowConfigProviders: [com.example.NoSuchVaultProvider]
                clusters:
                  source:
                    properties:
                      bootstrap.servers: 127.0.0.1:9
                      config.providers: vault
                      config.providers.vault.class: com.example.NoSuchVaultProvider
                    timeout: 2s
                """);

        Cli.Result r = Cli.run("inventory", "--workspace", dir.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("com.example.NoSuchVaultProvider", "class path");
    }

    @Test
    void theJndiLoginModuleExitsTwo() throws Exception {
        Cli.Result r = inventory(
                """
                security.protocol: SASL_PLAINTEXT
                sasl.mechanism: PLAIN
                sasl.jaas.config: 'com.sun.security.auth.module.JndiLoginModule required user.provider.url="ldap://x/" password="%s";'
                """
                        .formatted(CANARY));

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("profile 'source'", "sasl.jaas.config", "JndiLoginModule");
        assertThat(r.all()).doesNotContain(CANARY);
    }

    @Test
    void aPlainHttpTokenEndpointExitsTwo() throws Exception {
        Cli.Result r = inventory(
                """
                security.protocol: SASL_SSL
                sasl.mechanism: OAUTHBEARER
                sasl.oauthbearer.token.endpoint.url: http://idp.example.com/token
                """);

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("sasl.oauthbearer.token.endpoint.url", "https", "allowInsecureEndpoints");
    }

    @Test
    void unsecuredOauthIsWarnedAbout() throws Exception {
        Cli.Result r = inventory(
                """
                security.protocol: SASL_PLAINTEXT
                sasl.mechanism: OAUTHBEARER
                """);

        assertThat(r.err()).contains("warning: profile 'source'", "unsecured");
    }

    @Test
    void aResolvedValueKafkaRejectsIsNamedByItsReferenceNeverShown() throws Exception {
        // Given bootstrap.servers read from a file holding something that is not a host:port
        Path secrets = Files.writeString(dir.resolve("s.properties"), "bs=not a broker " + CANARY + "\n");
        Files.writeString(
                dir.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source:\n    properties:\n      bootstrap.servers: ${file:" + secrets
                        + ":bs}\n    timeout: 2s\n");

        // When
        Cli.Result r = Cli.run("inventory", "--workspace", dir.toString());

        // Then
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("bootstrap.servers", "${file:" + secrets + ":bs}");
        assertThat(r.all()).doesNotContain(CANARY, "not a broker");
    }
}
