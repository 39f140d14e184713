package dev.cutover.testkit.check;

import java.nio.charset.StandardCharsets;

/** Byte helpers: a 64-bit content hash and short human previews for reports. */
final class Bytes {
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final int PREVIEW = 24;

    private Bytes() {}

    /** FNV-1a over a length-prefixed value, so {@code null}, empty and adjacent fields never collide trivially. */
    static long mix(long h, byte[] bytes) {
        if (bytes == null) {
            return (h ^ 0xFF) * FNV_PRIME * FNV_PRIME;
        }
        h = mix(h, bytes.length);
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h = (h ^ ((value >>> (8 * i)) & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    static long mix(long h, String s) {
        return mix(h, s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code null}, a quoted string when printable ASCII, otherwise the length and leading hex. */
    static String preview(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        boolean printable = true;
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                printable = false;
                break;
            }
        }
        if (printable) {
            String s = new String(bytes, 0, Math.min(bytes.length, PREVIEW), StandardCharsets.US_ASCII);
            return "\"" + s + (bytes.length > PREVIEW ? "…" : "") + "\"";
        }
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < Math.min(bytes.length, PREVIEW / 2); i++) {
            hex.append(String.format("%02x", bytes[i]));
        }
        return hex.append(bytes.length > PREVIEW / 2 ? "…" : "")
                .append("(")
                .append(bytes.length)
                .append("B)")
                .toString();
    }
}
