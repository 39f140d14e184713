package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.CertificateAuthority;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keystore's dates read locally, on keystores issued by a real (throw-away) CA. */
class ClientCertificateTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anExpiredCertificateFailsWithItsDateAndThePasswordIsNeverShown() {
        // Given a PKCS12 keystore whose certificate expired on 2026-11-03
        CertificateAuthority ca = new CertificateAuthority(dir, "unit");
        CertificateAuthority.Store store =
                ca.clientKeystore("app", NOW.minus(Duration.ofDays(60)), Instant.parse("2026-11-03T08:30:00Z"));

        // When
        ProbeCheck check = ClientCertificate.check(tls(store, "PKCS12"), NOW).orElseThrow();

        // Then
        assertThat(check.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(check.details()).contains("CN=app").contains("expired on 2026-11-03 08:30 UTC");
        assertThat(check.fix()).contains("renew");
        assertThat(check.details() + check.fix()).doesNotContain(store.password());
    }

    @Test
    void aCertificateNearItsEndPassesWithAWarningAndAFarOneWithoutAndAFutureOneFails() {
        CertificateAuthority ca = new CertificateAuthority(dir, "unit");
        CertificateAuthority.Store soon =
                ca.clientKeystore("soon", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
        CertificateAuthority.Store later =
                ca.clientKeystore("later", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(200)));
        CertificateAuthority.Store future =
                ca.clientKeystore("future", NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(200)));

        // JKS is Kafka's default type: Java reads a PKCS12 file under it too
        ProbeCheck soonCheck = ClientCertificate.check(tls(soon, null), NOW).orElseThrow();
        ProbeCheck laterCheck =
                ClientCertificate.check(tls(later, "PKCS12"), NOW).orElseThrow();
        ProbeCheck futureCheck =
                ClientCertificate.check(tls(future, "PKCS12"), NOW).orElseThrow();

        assertThat(soonCheck.status()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(soonCheck.details()).contains("warning: expires in 10 days");
        assertThat(laterCheck.status()).isEqualTo(ProbeCheck.Status.PASS);
        assertThat(laterCheck.details()).contains("expires in 200 days").doesNotContain("warning");
        assertThat(futureCheck.status()).isEqualTo(ProbeCheck.Status.FAIL);
        assertThat(futureCheck.details()).contains("not valid before");
    }

    @Test
    void aWrongPasswordIsUnknownNotAPassAndNoTlsMeansNoCheck() {
        CertificateAuthority ca = new CertificateAuthority(dir, "unit");
        CertificateAuthority.Store store = ca.clientKeystore("app");
        Map<String, Object> props = tls(store, "PKCS12");
        props.put("ssl.keystore.password", "not-the-password");

        ProbeCheck wrong = ClientCertificate.check(props, NOW).orElseThrow();

        assertThat(wrong.status()).isEqualTo(ProbeCheck.Status.UNKNOWN);
        assertThat(wrong.details()).contains("cannot read the keystore").doesNotContain("not-the-password");
        assertThat(ClientCertificate.check(Map.of("security.protocol", "SASL_PLAINTEXT"), NOW))
                .isEmpty();
        assertThat(ClientCertificate.check(Map.of("security.protocol", "SSL"), NOW)
                        .orElseThrow()
                        .status())
                .isEqualTo(ProbeCheck.Status.SKIPPED);
    }

    private static Map<String, Object> tls(CertificateAuthority.Store store, String type) {
        Map<String, Object> props = new HashMap<>();
        props.put("security.protocol", "SSL");
        props.put("ssl.keystore.location", store.path().toString());
        props.put("ssl.keystore.password", store.password());
        if (type != null) {
            props.put("ssl.keystore.type", type);
        }
        return props;
    }
}
