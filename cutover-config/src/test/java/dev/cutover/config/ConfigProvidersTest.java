package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigProvidersTest {
    private static final String ALLOWLIST = AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY;

    @TempDir
    Path dir;

    @AfterEach
    void clearAllowlist() {
        System.clearProperty(ALLOWLIST);
    }

    private static ConnectionProfile profile(Map<String, String> properties) {
        return new ConnectionProfile("source", properties, List.of(), Duration.ofSeconds(5));
    }

    private static ConnectionProfile allowing(String providerClass, Map<String, String> properties) {
        return new ConnectionProfile(
                "source",
                properties,
                List.of(),
                Duration.ofSeconds(5),
                new ClientPolicy(java.util.Set.of(providerClass), java.util.Set.of()));
    }

    @Test
    void fileEnvAndDirectoryReferencesResolveInRealClientConfigs() {
        // Given a secrets file, a secrets directory and an environment variable every JVM has
        Path secrets = WorkspaceFiles.write(
                dir,
                "source.properties",
                "jaas=org.apache.kafka.common.security.scram.ScramLoginModule required password=\"s3\";\n");
        WorkspaceFiles.write(dir, "certs/truststore-password", "changeit");
        String path = System.getenv("PATH");
        ConnectionProfile profile = profile(Map.of(
                "bootstrap.servers",
                "localhost:9092",
                "sasl.jaas.config",
                "${file:" + secrets + ":jaas}",
                "ssl.truststore.password",
                "${directory:" + dir.resolve("certs") + ":truststore-password}",
                "client.id",
                "${env:PATH}"));

        // When Kafka builds its configs from the profile
        AdminClientConfig admin = new AdminClientConfig(profile.clientProperties());
        Map<String, Object> producerProps = new java.util.HashMap<>(profile.clientProperties());
        producerProps.put("key.serializer", StringSerializer.class);
        producerProps.put("value.serializer", StringSerializer.class);
        ProducerConfig producer = new ProducerConfig(producerProps);

        // Then the references are resolved values
        assertThat(admin.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required password=\"s3\";");
        assertThat(admin.getPassword(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG).value())
                .isEqualTo("changeit");
        assertThat(admin.getString(AdminClientConfig.CLIENT_ID_CONFIG)).isEqualTo(path);
        assertThat(producer.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).contains("password=\"s3\"");
        assertThat(profile.clientProperties()).containsEntry("config.providers", "env,file,directory");
    }

    @Test
    void resolvedPropertiesCarryValuesAndNoProvidersForClientsWithoutThem() {
        // Given a profile whose JAAS config and client id are references, for a client that has no providers
        Path secrets = WorkspaceFiles.write(
                dir,
                "target.properties",
                "jaas=org.apache.kafka.common.security.scram.ScramLoginModule required password=\"s3\";\n");
        ConnectionProfile profile = profile(Map.of(
                "bootstrap.servers",
                "localhost:9092",
                "sasl.jaas.config",
                "${file:" + secrets + ":jaas}",
                "client.id",
                "app-${env:PATH}"));

        // When
        Map<String, String> resolved = profile.resolvedProperties();

        // Then every reference is its value, no provider is configured, and the secret stays redacted in text
        assertThat(resolved)
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required password=\"s3\";")
                .containsEntry("client.id", "app-" + System.getenv("PATH"))
                .containsEntry("bootstrap.servers", "localhost:9092")
                .doesNotContainKeys("config.providers", "config.providers.file.class");
        assertThat(Redactor.redactText("password=\"s3\"")).doesNotContain("s3");
    }

    @Test
    void userConfiguredProvidersAreKept() {
        // Given the user configured their own 'file' provider, allowed in cutover.yaml and on the class path
        String mine = RecordingConfigProvider.class.getName();
        ConnectionProfile profile = allowing(
                mine,
                Map.of("bootstrap.servers", "a:1", "config.providers", "file", "config.providers.file.class", mine));

        // When
        Map<String, Object> props = profile.clientProperties();

        // Then
        assertThat(props)
                .containsEntry("config.providers", "file,env,directory")
                .containsEntry("config.providers.file.class", mine)
                .containsEntry(
                        "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    }

    @Test
    void allowlistThatForbidsAUsedProviderFailsEarlyAndNamesTheProperty() {
        // Given a JVM that allows only the env provider
        System.setProperty(ALLOWLIST, "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        ConnectionProfile profile =
                profile(Map.of("bootstrap.servers", "a:1", "sasl.jaas.config", "${file:/x.properties:jaas}"));

        // When / Then
        assertThatThrownBy(profile::clientProperties).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
            assertThat(e.getMessage())
                    .contains(ALLOWLIST)
                    .contains("sasl.jaas.config")
                    .contains("FileConfigProvider");
        });
    }

    @Test
    void allowlistLimitsWhichProvidersAreAddedSoClientsStillConstruct() {
        // Given
        System.setProperty(ALLOWLIST, "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        ConnectionProfile profile = profile(Map.of("bootstrap.servers", "a:1", "client.id", "${env:PATH}"));

        // When
        Map<String, Object> props = profile.clientProperties();
        AdminClientConfig admin = new AdminClientConfig(props);

        // Then
        assertThat(props).containsEntry("config.providers", "env").doesNotContainKey("config.providers.file.class");
        assertThat(admin.getString(AdminClientConfig.CLIENT_ID_CONFIG)).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void referenceToAnUnconfiguredProviderIsAnError() {
        ConnectionProfile profile = profile(Map.of("bootstrap.servers", "a:1", "sasl.jaas.config", "${vault:x:y}"));
        assertThatThrownBy(profile::clientProperties)
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("config provider 'vault', which is not configured");
    }

    @Test
    void unsetVariablesAndMissingFilesAreReportedBeforeKafkaSeesThem() {
        ConnectionProfile env =
                profile(Map.of("bootstrap.servers", "a:1", "sasl.jaas.config", "${env:CUTOVER_NO_SUCH_VAR_42}"));
        assertThatThrownBy(env::clientProperties)
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining(
                        "sasl.jaas.config refers to environment variable CUTOVER_NO_SUCH_VAR_42, which is not set");

        Path missing = dir.resolve("nope.properties");
        ConnectionProfile file =
                profile(Map.of("bootstrap.servers", "a:1", "ssl.key.password", "${file:" + missing + ":pw}"));
        assertThatThrownBy(file::clientProperties)
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("refers to file " + missing + ", which does not exist");
    }

    @Test
    void builtInNameListedWithoutAClassGetsTheBuiltInClass() {
        ConnectionProfile profile =
                profile(Map.of("bootstrap.servers", "a:1", "config.providers", "env", "client.id", "${env:PATH}"));
        AdminClientConfig admin = new AdminClientConfig(profile.clientProperties());
        assertThat(admin.getString(AdminClientConfig.CLIENT_ID_CONFIG)).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void userProviderClassOutsideTheAllowlistIsReported() {
        System.setProperty(ALLOWLIST, "org.apache.kafka.common.config.provider.FileConfigProvider");
        ConnectionProfile profile = allowing(
                "com.example.Vault",
                Map.of(
                        "bootstrap.servers",
                        "a:1",
                        "config.providers",
                        "vault",
                        "config.providers.vault.class",
                        "com.example.Vault"));
        assertThatThrownBy(profile::clientProperties)
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining(
                        "config.providers.vault.class needs the 'vault' config provider (com.example.Vault)");
    }
}
