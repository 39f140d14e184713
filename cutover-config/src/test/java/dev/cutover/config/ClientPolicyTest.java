package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dangerous client settings are refused at profile validation, whatever the JVM's Kafka system properties say. */
class ClientPolicyTest {
    @TempDir
    Path dir;

    private static ConnectionProfile profile(ClientPolicy policy, Map<String, String> properties) {
        return new ConnectionProfile("source", properties, List.of(), Duration.ofSeconds(5), policy);
    }

    private static void assertRefused(Runnable make, String key) {
        assertThatThrownBy(make::run).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage())
                    .contains("profile 'source'", "clusters.source.properties." + key, "cutover.yaml");
            assertThat(e.hint()).isPresent();
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "com.sun.security.auth.module.JndiLoginModule",
                "com.sun.security.auth.module.LdapLoginModule",
                "com.example.AnyLoginModule",
                "ScramLoginModule"
            })
    void loginModulesKafkaDoesNotShipAreRefusedInline(String module) {
        assertRefused(
                () -> profile(
                        ClientPolicy.DEFAULT,
                        Map.of(
                                "bootstrap.servers",
                                "a:1",
                                "sasl.jaas.config",
                                module + " required user.provider.url=\"ldap://evil/\" password=\"p\";")),
                "sasl.jaas.config");
    }

    @Test
    void aLoginModuleHiddenBehindAFileReferenceIsRefusedWhenResolved() {
        // Given a JAAS config that names the JNDI login module, read from a file
        Path secrets = WorkspaceFiles.write(
                dir, "s.properties", "jaas=com.sun.security.auth.module.JndiLoginModule required;\n");
        ConnectionProfile profile = profile(
                ClientPolicy.DEFAULT,
                Map.of("bootstrap.servers", "a:1", "sasl.jaas.config", "${file:" + secrets + ":jaas}"));

        // When / Then: refused before a client is made
        assertRefused(profile::clientProperties, "sasl.jaas.config");
    }

    @Test
    void kafkasLoginModulesAndKerberosAreAllowed() {
        for (String module : ClientPolicy.LOGIN_MODULES) {
            profile(
                    ClientPolicy.DEFAULT,
                    Map.of("bootstrap.servers", "a:1", "sasl.jaas.config", module + " required username=\"a;b\";"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasl.oauthbearer.token.endpoint.url", "sasl.oauthbearer.jwks.endpoint.url"})
    void oauthEndpointsMustBeHttpsUnlessAllowed(String key) {
        assertRefused(
                () -> profile(ClientPolicy.DEFAULT, Map.of("bootstrap.servers", "a:1", key, "http://idp:8080/t")), key);
        assertRefused(
                () -> profile(ClientPolicy.DEFAULT, Map.of("bootstrap.servers", "a:1", key, "file:///etc/passwd")),
                key);

        ConnectionProfile allowed = profile(
                new ClientPolicy(Set.of(), Set.of("http://idp:8080/t")),
                Map.of("bootstrap.servers", "a:1", key, "http://idp:8080/t"));
        assertThat(allowed.warnings()).anySatisfy(w -> assertThat(w).contains(key, "not https"));
        profile(ClientPolicy.DEFAULT, Map.of("bootstrap.servers", "a:1", key, "https://idp/t"));
    }

    @Test
    void unsecuredOauthIsAWarning() {
        ConnectionProfile profile = profile(
                ClientPolicy.DEFAULT,
                Map.of("bootstrap.servers", "a:1", "security.protocol", "SASL_SSL", "sasl.mechanism", "OAUTHBEARER"));
        assertThat(profile.warnings()).singleElement().asString().contains("unsecured", "OAUTHBEARER");
    }

    @Test
    void aConfigProviderClassThatIsNotKafkasIsRefusedWithoutLoadingIt() {
        // Given a provider class whose static initialiser records that it was loaded
        String className = RecordingConfigProvider.class.getName();

        // When / Then
        assertRefused(
                () -> profile(
                        ClientPolicy.DEFAULT,
                        Map.of(
                                "bootstrap.servers",
                                "a:1",
                                "config.providers",
                                "rec",
                                "config.providers.rec.class",
                                className)),
                "config.providers.rec.class");
        assertThat(System.getProperty(RecordingConfigProvider.LOADED)).isNull();
    }

    @Test
    void anAllowedProviderClassThatIsNotOnTheClassPathIsAConfigError() {
        ConnectionProfile profile = profile(
                new ClientPolicy(Set.of("com.example.NoSuchProvider"), Set.of()),
                Map.of(
                        "bootstrap.servers",
                        "a:1",
                        "config.providers",
                        "vault",
                        "config.providers.vault.class",
                        "com.example.NoSuchProvider"));
        assertThatThrownBy(profile::clientProperties)
                .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.getMessage())
                        .contains("com.example.NoSuchProvider", "class path"));
    }

    @Test
    void cutoverYamlCanAllowProvidersAndEndpoints() {
        // Given
        WorkspaceFiles.write(
                dir,
                "cutover.yaml",
                """
                version: 1
                security:
                  allowConfigProviders: [com.example.Vault]
                  allowInsecureEndpoints: http://localhost:8080/token
                clusters:
                  source:
                    properties:
                      bootstrap.servers: a:1
                      config.providers: vault
                      config.providers.vault.class: com.example.Vault
                      sasl.oauthbearer.token.endpoint.url: http://localhost:8080/token
                """);

        // When
        Workspace ws = Workspace.load(dir);

        // Then
        assertThat(ws.profile("source").policy())
                .isEqualTo(new ClientPolicy(Set.of("com.example.Vault"), Set.of("http://localhost:8080/token")));
    }
}
