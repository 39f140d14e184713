package dev.cutover.probe.content;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * 128 bits of a SHA-256 digest of what a consumer sees of a record apart from its position and time: key, value and
 * every header in order (a null key, value or header value is distinct from an empty one). Two records with the same
 * fingerprint are taken to be the same record written twice, once to each cluster.
 */
public record Fingerprint(long high, long low) {

    /** The fingerprint of a record's key, value and headers. */
    public static Fingerprint of(byte[] key, byte[] value, Headers headers) {
        MessageDigest d = sha256();
        bytes(d, key);
        bytes(d, value);
        Header[] all = headers == null ? new Header[0] : headers.toArray();
        d.update(ByteBuffer.allocate(4).putInt(all.length).array());
        for (Header h : all) {
            bytes(d, h.key().getBytes(StandardCharsets.UTF_8));
            bytes(d, h.value());
        }
        return of(d.digest());
    }

    /** The fingerprint of a key alone (records with the same key that differ otherwise are "differing"). */
    public static Fingerprint ofKey(byte[] key) {
        MessageDigest d = sha256();
        bytes(d, key);
        return of(d.digest());
    }

    private static Fingerprint of(byte[] digest) {
        ByteBuffer b = ByteBuffer.wrap(digest);
        return new Fingerprint(b.getLong(), b.getLong());
    }

    private static void bytes(MessageDigest d, byte[] bytes) {
        if (bytes == null) {
            d.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        d.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        d.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
