package dev.cutover.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "sasl.jaas.config",
                "ssl.key.password",
                "ssl.keystore.password",
                "ssl.truststore.password",
                "ssl.keystore.key",
                "sasl.oauthbearer.client.credentials.client.secret",
                "basic.auth.user.info",
                "schema.registry.basic.auth.user.info",
                "KAFKA_SASL_PASSWORD",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                "spring.kafka.ssl.key-store-password",
                "spring.kafka.jaas.options.password",
                "password",
                "api.key",
                "my.private.key",
                "auth.token",
                "app.client-secret"
            })
    void secretKeys(String key) {
        assertThat(Redactor.isSecret(key)).as(key).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "key.serializer",
                "key.deserializer",
                "ssl.keystore.location",
                "ssl.truststore.location",
                "ssl.keystore.type",
                "bootstrap.servers",
                "sasl.mechanism",
                "sasl.oauthbearer.token.endpoint.url",
                "sasl.login.callback.handler.class",
                "security.protocol",
                "group.id",
                "schema.registry.url"
            })
    void ordinaryKeys(String key) {
        assertThat(Redactor.isSecret(key)).as(key).isFalse();
    }

    @Test
    void redactReplacesSecretValuesButShowsProviderReferences() {
        // Given
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", "a:9092");
        props.put("ssl.key.password", "hunter2");
        props.put("sasl.jaas.config", "${file:/s/source.properties:jaas}");
        props.put("ssl.truststore.password", "x ${env:A}");
        props.put("schema.registry.url", "https://bob:pw123@registry:8081");

        // When
        Map<String, String> redacted = Redactor.redact(props);

        // Then
        assertThat(redacted)
                .containsExactly(
                        Map.entry("bootstrap.servers", "a:9092"),
                        Map.entry("ssl.key.password", "[redacted]"),
                        Map.entry("sasl.jaas.config", "${file:/s/source.properties:jaas}"),
                        Map.entry("ssl.truststore.password", "[redacted]"),
                        Map.entry("schema.registry.url", "https://bob:[redacted]@registry:8081"));
    }

    @Test
    void redactTextScrubsEveryKind() {
        String text = String.join(
                "\n",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"jaas-S1\";",
                "ssl.key.password=props-S2",
                "{\"password\": \"json-S3\", \"user\": \"u\"}",
                "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.tok-S4.sig",
                "url=https://alice:url-S5@registry.example.com/subjects",
                "https://host/api?token=query-S6&x=1",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEpem-S7\n-----END RSA PRIVATE KEY-----",
                "Authorization: Basic YWxpY2U6c2VjcmV0LVM4");

        String redacted = Redactor.redactText(text);

        assertThat(redacted).doesNotContain("S1", "S2", "S3", "S4", "S5", "S6", "S7", "YWxpY2U6c2VjcmV0LVM4");
        assertThat(redacted)
                .contains("username=\"u\" password=\"[redacted]\"")
                .contains("https://alice:[redacted]@registry.example.com")
                .contains("Bearer [redacted]")
                .contains("[redacted private key]")
                .contains("\"user\": \"u\"");
    }

    @Test
    void urlCredentialsAreRedactedWhateverTheScheme() {
        String text = "bootstrap.servers=SASL_SSL://user:pw-S9@host:9092,sasl+ssl://u:pw-S10@h:9093 http://a:pw@S11@h/";

        String redacted = Redactor.redactText(text);

        assertThat(redacted)
                .doesNotContain("pw-S9", "pw-S10", "S11")
                .contains("SASL_SSL://user:[redacted]@host:9092", "sasl+ssl://u:[redacted]@h:9093");
    }

    @Test
    void shortSecretsAreRedactedByStructureNeverInsideOtherWords() {
        // Given a one-letter password, which a substring replacement would cut out of "new" and "NetworkClient"
        String text = "Failed to create new NetworkClient: password=\"w\" was refused";

        // When
        String redacted = Redactor.redactValues(text, List.of("w", "ne", "Net"));

        // Then the words are intact and the password is gone by structure
        assertThat(redacted).isEqualTo("Failed to create new NetworkClient: password=\"[redacted]\" was refused");
    }

    @Test
    void knownValuesAreReplacedAsWholeTokensOnly() {
        // Given a value resolved from a config provider
        Redactor.remember("canary-bs-4f1e:9092", "${file:/s.properties:bs}");

        // When / Then
        assertThat(Redactor.redactText("Invalid url in bootstrap.servers: canary-bs-4f1e:9092"))
                .isEqualTo("Invalid url in bootstrap.servers: ${file:/s.properties:bs}");
        assertThat(Redactor.redactValues("login as hunter22, not hunter222", List.of("hunter22")))
                .isEqualTo("login as [redacted], not hunter222");
    }
}
