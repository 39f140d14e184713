package dev.cutover.inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalsTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"alice\" password=\"s3cr3t-pw\";";

    @Test
    void namesTheSaslUserFromTheJaasConfigAndRedactsThePassword() {
        // Given
        Map<String, Object> props =
                Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-256", "sasl.jaas.config", JAAS);

        // When
        String principal = Principals.describe(props);
        String message = Principals.redact("failed with " + JAAS + " and s3cr3t-pw", Principals.secrets(props));

        // Then
        assertThat(principal).isEqualTo("User:alice");
        assertThat(Principals.saslMechanism(props)).isEqualTo("SCRAM-SHA-256");
        assertThat(message).doesNotContain("s3cr3t-pw").doesNotContain("ScramLoginModule");
    }

    @Test
    void describesPlaintextAndTlsPrincipals() {
        assertThat(Principals.describe(Map.of())).isEqualTo("User:ANONYMOUS");
        assertThat(Principals.describe(Map.of("security.protocol", "SSL", "ssl.keystore.location", "/k.p12")))
                .contains("/k.p12");
        assertThat(Principals.saslMechanism(Map.of("security.protocol", "SSL"))).isNull();
    }
}
