package dev.cutover.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for sandbox clusters: a CA, broker certificates for the loopback address and
 * client certificates for mTLS principals, written as PKCS12 stores with random passwords.
 */
public final class CertificateAuthority {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final Path truststore;
    private final String truststorePassword;

    /** A PKCS12 store on disk and its password. */
    public record Store(Path path, String password) {}

    public CertificateAuthority(Path dir, String name) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            this.caKeys = newKeyPair();
            X500Name subject = new X500Name("CN=cutover sandbox CA " + name);
            this.caCert = sign(
                    new JcaX509v3CertificateBuilder(
                                    subject, serial(), notBefore(), notAfter(), subject, caKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                            .addExtension(
                                    Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    caKeys.getPrivate());
            this.truststorePassword = newPassword();
            this.truststore = dir.resolve("truststore.p12");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            save(trust, truststore, truststorePassword);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the sandbox certificate authority", e);
        }
    }

    public Store truststore() {
        return new Store(truststore, truststorePassword);
    }

    /** A key store for a server reachable as 127.0.0.1 and localhost. */
    public Store serverKeystore(String alias) {
        return keystore(alias, "CN=" + alias, true);
    }

    /**
     * As {@link #serverKeystore(String)}, with a certificate valid from {@code notBefore} to {@code notAfter}: for a
     * test server whose certificate clients must refuse as expired or not yet valid.
     */
    public Store serverKeystore(String alias, Instant notBefore, Instant notAfter) {
        requireOrder(notBefore, notAfter);
        return keystore(alias, "CN=" + alias, true, Date.from(notBefore), Date.from(notAfter));
    }

    /** A key store for a client whose principal (under mTLS) is {@code User:CN=<user>}. */
    public Store clientKeystore(String user) {
        return clientKeystore(user, notBefore().toInstant(), notAfter().toInstant());
    }

    /**
     * As {@link #clientKeystore(String)}, with a certificate valid from {@code notBefore} to {@code notAfter}: one in
     * the past makes an expired certificate, for tests of how clients and tools report it.
     */
    public Store clientKeystore(String user, Instant notBefore, Instant notAfter) {
        requireOrder(notBefore, notAfter);
        return keystore(user, "CN=" + user, false, Date.from(notBefore), Date.from(notAfter));
    }

    private static void requireOrder(Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    private Store keystore(String alias, String subject, boolean server) {
        return keystore(alias, subject, server, notBefore(), notAfter());
    }

    private Store keystore(String alias, String subject, boolean server, Date from, Date until) {
        try {
            KeyPair keys = newKeyPair();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    caCert, serial(), from, until, new X500Name(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                }));
            }
            X509Certificate cert = sign(builder, caKeys.getPrivate());
            String password = newPassword();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, keys.getPrivate(), password.toCharArray(), new Certificate[] {cert, caCert});
            Path path = freshPath(alias.replaceAll("[^A-Za-z0-9_.-]", "_"));
            save(store, path, password);
            return new Store(path, password);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a sandbox certificate for " + alias, e);
        }
    }

    /** A file of its own for each store: a second certificate for the same name must not overwrite the first. */
    private synchronized Path freshPath(String base) {
        Path path = dir.resolve(base + ".p12");
        for (int i = 2; Files.exists(path); i++) {
            path = dir.resolve(base + "-" + i + ".p12");
        }
        return path;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static void save(KeyStore store, Path path, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, password.toCharArray());
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }

    static String randomPassword() {
        return newPassword();
    }

    static void requireDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
