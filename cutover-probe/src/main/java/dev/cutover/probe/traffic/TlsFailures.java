package dev.cutover.probe.traffic;

import dev.cutover.config.Redactor;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * A failed TLS handshake told in words, from the exception chain a Kafka client reports: which certificate check
 * failed (expired, not yet valid, not trusted, refused by the broker) and what to do about it.
 */
final class TlsFailures {
    private TlsFailures() {}

    /** Why the handshake failed and the fix. */
    record Explained(String details, String fix) {}

    private static final String RENEW = "renew the certificate (the broker's, or the client's keystore), or check that"
            + " the truststore holds the CA that signed the broker's certificate";

    /** The explanation when {@code failure} is a failed TLS handshake; empty for any other failure. */
    static Optional<Explained> explain(Throwable failure) {
        if (!Failures.is(failure, SslAuthenticationException.class) && !Failures.is(failure, SSLException.class)) {
            return Optional.empty();
        }
        CertificateExpiredException expired = find(failure, CertificateExpiredException.class);
        if (expired != null) {
            return Optional.of(new Explained(
                    "the TLS handshake failed: certificate expired (" + text(expired) + ")",
                    "renew the certificate: the broker's as its truststore sees it, or the client's keystore; then"
                            + " check the truststore"));
        }
        CertificateNotYetValidException early = find(failure, CertificateNotYetValidException.class);
        if (early != null) {
            return Optional.of(new Explained(
                    "the TLS handshake failed: certificate not yet valid (" + text(early) + ")",
                    "check the clocks of the client and the broker, or issue a certificate valid from now"));
        }
        CertPathValidatorException path = find(failure, CertPathValidatorException.class);
        if (path != null) {
            return Optional.of(new Explained(
                    "the TLS handshake failed: the broker's certificate did not validate (" + text(path) + ")", RENEW));
        }
        String all = chain(failure);
        String lower = all.toLowerCase(Locale.ROOT);
        if (lower.contains("unable to find valid certification path")) {
            return Optional.of(new Explained(
                    "the TLS handshake failed: the broker's certificate is not trusted by the client's truststore",
                    "put the CA that signed the broker's certificate in ssl.truststore.location"));
        }
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return Optional.of(new Explained(
                    "the TLS handshake failed: the broker's certificate does not name the address used ("
                            + Redactor.redactText(last(failure)) + ")",
                    "connect by a name the certificate holds, or reissue it with that name"));
        }
        for (String alert : new String[] {"certificate_expired", "certificate_unknown", "bad_certificate"}) {
            if (lower.contains(alert)) {
                return Optional.of(new Explained(
                        "the TLS handshake failed: the broker refused the client's certificate (alert " + alert + ")",
                        "renew the client's keystore certificate (ssl.keystore.location) or have it signed by a CA"
                                + " the broker trusts"));
            }
        }
        return Optional.of(new Explained("the TLS handshake failed: " + Redactor.redactText(last(failure)), RENEW));
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String text(Throwable t) {
        return Redactor.redactText(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    /** The innermost message of the chain: the one that names the cause. */
    private static String last(Throwable t) {
        String message = t.getClass().getSimpleName();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null) {
                message = c.getMessage();
            }
        }
        return message;
    }

    private static String chain(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c.getClass().getName())
                    .append(": ")
                    .append(c.getMessage())
                    .append('\n');
        }
        return all.toString();
    }
}
