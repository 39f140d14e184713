package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.sandbox.CertificateAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed TLS handshake named from the exception chain: on hand-made chains, and on the chain a real Kafka client
 * reports against a local TLS server whose certificate expired (a TLS endpoint, not a broker: an embedded broker with
 * an expired certificate cannot start, since its own clients refuse it).
 */
class TlsFailuresTest {
    @TempDir
    Path dir;

    @Test
    void namesEachCertificateFailureAndLeavesOtherFailuresAlone() {
        Exception expired = new ExecutionException(new SslAuthenticationException(
                "SSL handshake failed",
                new SSLHandshakeException("PKIX path validation failed")
                        .initCause(new CertificateExpiredException("NotAfter: Tue Nov 03 08:30:00 UTC 2026"))));
        Exception refused = new SslAuthenticationException(
                "SSL handshake failed", new SSLHandshakeException("Received fatal alert: certificate_unknown"));
        Exception untrusted = new SslAuthenticationException(
                "SSL handshake failed",
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"));

        assertThat(TlsFailures.explain(expired).orElseThrow().details())
                .isEqualTo("the TLS handshake failed: certificate expired (NotAfter: Tue Nov 03 08:30:00 UTC 2026)");
        assertThat(TlsFailures.explain(refused).orElseThrow().details())
                .contains("the broker refused the client's certificate (alert certificate_unknown)");
        assertThat(TlsFailures.explain(untrusted).orElseThrow().details()).contains("not trusted by the client's");
        assertThat(TlsFailures.explain(new SaslAuthenticationException("bad password")))
                .isEmpty();
    }

    @Test
    void aRealClientFacingAnExpiredServerCertificateFailsClearlyWithinTheTimeout() throws Exception {
        // Given a TLS endpoint whose certificate expired yesterday, signed by a CA the client trusts
        CertificateAuthority ca = new CertificateAuthority(dir, "expired");
        CertificateAuthority.Store server = ca.serverKeystore(
                "broker",
                Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        try (SSLServerSocket socket = serve(server)) {
            ConnectionProfile client = new ConnectionProfile(
                    "client-config",
                    Map.of(
                            "bootstrap.servers",
                            "127.0.0.1:" + socket.getLocalPort(),
                            "security.protocol",
                            "SSL",
                            "ssl.truststore.type",
                            "PKCS12",
                            "ssl.truststore.location",
                            ca.truststore().path().toString(),
                            "ssl.truststore.password",
                            ca.truststore().password()),
                    List.of(),
                    Duration.ofSeconds(10));

            // When
            long t0 = System.nanoTime();
            List<ProbeCheck> checks = new SecurityChecks(client, "any")
                    .run(new SecurityChecks.Needs(List.of("pay"), true, true, List.of()));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            // Then the login fails naming the expired certificate and its date, within the profile's timeout
            ProbeCheck auth = checks.stream()
                    .filter(c -> c.name().equals("security: authenticates as the workload"))
                    .findFirst()
                    .orElseThrow();
            assertThat(auth.status()).isEqualTo(ProbeCheck.Status.FAIL);
            assertThat(auth.details()).contains("the TLS handshake failed: certificate expired (NotAfter");
            assertThat(auth.fix()).contains("renew the certificate").contains("truststore");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(auth.details()).doesNotContain(ca.truststore().password());
        }
    }

    /** A TLS server that completes (or fails) a handshake with each connection, on a daemon thread. */
    private static SSLServerSocket serve(CertificateAuthority.Store store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store.path())) {
            keys.load(in, store.password().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, store.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket socket = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        Thread accept = new Thread(
                () -> {
                    while (!socket.isClosed()) {
                        try (Socket s = socket.accept()) {
                            ((SSLSocket) s).startHandshake();
                        } catch (IOException e) {
                            // the client refuses the certificate: expected; a closed socket ends the loop
                        }
                    }
                },
                "expired-tls-server");
        accept.setDaemon(true);
        accept.start();
        return socket;
    }
}
