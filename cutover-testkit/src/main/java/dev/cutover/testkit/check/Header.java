package dev.cutover.testkit.check;

import java.util.Arrays;
import java.util.Objects;

/** One record header as logged: a key and a value that may be {@code null}. Immutable; equal by content. */
public final class Header {
    private final String key;
    private final byte[] value;

    private Header(String key, byte[] value, boolean owned) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = value == null || owned ? value : value.clone();
    }

    /** A header with a copy of {@code value} ({@code null} allowed). */
    public static Header of(String key, byte[] value) {
        return new Header(key, value, false);
    }

    /** A header whose value is the UTF-8 encoding of {@code value} ({@code null} allowed). */
    public static Header ofString(String key, String value) {
        return new Header(key, value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    }

    /** Takes ownership of {@code value}: the caller must not change it afterwards. */
    static Header owning(String key, byte[] value) {
        return new Header(key, value, true);
    }

    public String key() {
        return key;
    }

    /** A copy of the value, or {@code null}. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    byte[] valueUnsafe() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + "=" + Bytes.preview(value);
    }
}
