package dev.cutover.probe.traffic;

import dev.cutover.config.Redactor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validity dates of the client certificate in the workload's keystore ({@code ssl.keystore.location}, JKS or
 * PKCS12), read locally before any connection: an expired or not yet valid certificate fails, one that expires within
 * {@link #WARN_WITHIN} passes with a warning. The keystore's password is used to open it, never shown.
 */
final class ClientCertificate {
    static final String NAME = "security: the client certificate is valid";
    static final Duration WARN_WITHIN = Duration.ofDays(30);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ClientCertificate() {}

    /** The check, or empty when the client does not use TLS (nothing to check). */
    static Optional<ProbeCheck> check(Map<String, Object> props, Instant now) {
        return check(props, now, NAME);
    }

    /** As {@link #check(Map, Instant)}, named {@code name}. */
    static Optional<ProbeCheck> check(Map<String, Object> props, Instant now, String name) {
        String protocol = String.valueOf(props.getOrDefault("security.protocol", "PLAINTEXT"))
                .toUpperCase(Locale.ROOT);
        if (!protocol.equals("SSL") && !protocol.equals("SASL_SSL")) {
            return Optional.empty();
        }
        Object location = props.get("ssl.keystore.location");
        if (location == null || location.toString().isBlank()) {
            return Optional.of(ProbeCheck.skipped(
                    name,
                    ProbeArea.IDENTITY,
                    "the client config has no ssl.keystore.location (no client certificate; PEM keystores given"
                            + " inline are not read)"));
        }
        Path path = Path.of(location.toString());
        String type = String.valueOf(props.getOrDefault("ssl.keystore.type", "JKS"));
        Object password = props.get("ssl.keystore.password");
        X509Certificate cert;
        try {
            cert = leaf(
                    path, type, password == null ? null : password.toString().toCharArray());
        } catch (Exception e) {
            return Optional.of(ProbeCheck.unknown(
                    name,
                    ProbeArea.IDENTITY,
                    "cannot read the keystore " + path + " (" + type + "): " + Failures.describe(e),
                    "check ssl.keystore.location, ssl.keystore.type and ssl.keystore.password"));
        }
        if (cert == null) {
            return Optional.of(ProbeCheck.unknown(
                    name, ProbeArea.IDENTITY, "the keystore " + path + " holds no X.509 key entry", ""));
        }
        return Optional.of(verdict(
                name,
                cert.getSubjectX500Principal().getName(),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                now,
                path));
    }

    /** Fail outside [notBefore, notAfter]; pass, with a warning within {@link #WARN_WITHIN} of notAfter. */
    static ProbeCheck verdict(
            String name, String subject, Instant notBefore, Instant notAfter, Instant now, Path path) {
        String who = Redactor.redactText(subject) + " in " + path;
        if (now.isAfter(notAfter)) {
            return ProbeCheck.fail(
                    name,
                    ProbeArea.IDENTITY,
                    who + ": expired on " + DATE.format(notAfter),
                    "renew the client certificate and update the keystore");
        }
        if (now.isBefore(notBefore)) {
            return ProbeCheck.fail(
                    name,
                    ProbeArea.IDENTITY,
                    who + ": not valid before " + DATE.format(notBefore),
                    "check the client's clock, or issue a certificate valid from now");
        }
        long days = Duration.between(now, notAfter).toDays();
        String expires = "expires in " + days + " day" + (days == 1 ? "" : "s") + " (" + DATE.format(notAfter) + ")";
        if (Duration.between(now, notAfter).compareTo(WARN_WITHIN) < 0) {
            return ProbeCheck.pass(
                    name, ProbeArea.IDENTITY, who + ": warning: " + expires + ": renew it before the" + " cutover");
        }
        return ProbeCheck.pass(name, ProbeArea.IDENTITY, who + ": " + expires);
    }

    /** The certificate of the keystore's first key entry, the one a client presents. */
    private static X509Certificate leaf(Path path, String type, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                Certificate c = store.getCertificate(alias);
                if (c instanceof X509Certificate x) {
                    return x;
                }
            }
        }
        return null;
    }
}
