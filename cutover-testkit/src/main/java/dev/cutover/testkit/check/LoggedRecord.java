package dev.cutover.testkit.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * One record as read from a partition: offset, timestamp and its type, key and value bytes (either may be {@code
 * null}: tombstones and unkeyed records are kept), and every header in log order, duplicate keys and {@code null}
 * values included. Immutable.
 *
 * <p>Two records have the same <em>content</em> ({@link #sameContent}) when key, value, headers, timestamp and
 * timestamp type are equal; the offset is not part of the content. {@link #equals} also compares the offset.
 */
public final class LoggedRecord {
    private final long offset;
    private final long timestamp;
    private final TimestampType timestampType;
    private final byte[] key;
    private final byte[] value;
    private final List<Header> headers;
    private final long contentHash;

    private LoggedRecord(
            long offset, long timestamp, TimestampType timestampType, byte[] key, byte[] value, List<Header> headers) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.timestampType = Objects.requireNonNull(timestampType, "timestampType");
        this.key = key;
        this.value = value;
        this.headers = headers;
        long h = 0xCBF29CE484222325L;
        h = Bytes.mix(h, timestamp);
        h = Bytes.mix(h, timestampType.id);
        h = Bytes.mix(h, key);
        h = Bytes.mix(h, value);
        h = Bytes.mix(h, headers.size());
        for (Header header : headers) {
            h = Bytes.mix(h, header.key());
            h = Bytes.mix(h, header.valueUnsafe());
        }
        this.contentHash = h;
    }

    /** A record with copies of the given bytes (for synthetic logs in tests). */
    public static LoggedRecord of(
            long offset, long timestamp, TimestampType timestampType, byte[] key, byte[] value, List<Header> headers) {
        return new LoggedRecord(
                offset,
                timestamp,
                timestampType,
                key == null ? null : key.clone(),
                value == null ? null : value.clone(),
                List.copyOf(headers));
    }

    /** Takes ownership of the consumer's arrays: the consumer allocates fresh ones per record. */
    static LoggedRecord from(ConsumerRecord<byte[], byte[]> record) {
        org.apache.kafka.common.header.Header[] raw = record.headers().toArray();
        List<Header> headers;
        if (raw.length == 0) {
            headers = List.of();
        } else {
            List<Header> list = new ArrayList<>(raw.length);
            for (org.apache.kafka.common.header.Header h : raw) {
                list.add(Header.owning(h.key(), h.value()));
            }
            headers = java.util.Collections.unmodifiableList(list);
        }
        return new LoggedRecord(
                record.offset(), record.timestamp(), record.timestampType(), record.key(), record.value(), headers);
    }

    /** The same record with other key and value bytes (copies of the given ones). */
    public LoggedRecord withKeyAndValue(byte[] newKey, byte[] newValue) {
        return new LoggedRecord(
                offset,
                timestamp,
                timestampType,
                newKey == null ? null : newKey.clone(),
                newValue == null ? null : newValue.clone(),
                headers);
    }

    /** The same content at another offset. */
    public LoggedRecord atOffset(long newOffset) {
        return new LoggedRecord(newOffset, timestamp, timestampType, key, value, headers);
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    /** A copy of the key, or {@code null}. */
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** A copy of the value, or {@code null} for a tombstone. */
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    public List<Header> headers() {
        return headers;
    }

    /** A 64-bit hash of the content (not the offset); equal content gives an equal hash. */
    public long contentHash() {
        return contentHash;
    }

    public boolean sameContent(LoggedRecord other) {
        return contentHash == other.contentHash
                && timestamp == other.timestamp
                && timestampType == other.timestampType
                && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value)
                && headers.equals(other.headers);
    }

    /** The names of the content fields that differ from {@code other}'s, e.g. {@code [value, headers]}. */
    public List<String> differences(LoggedRecord other) {
        List<String> fields = new ArrayList<>(5);
        if (!Arrays.equals(key, other.key)) {
            fields.add("key");
        }
        if (!Arrays.equals(value, other.value)) {
            fields.add("value");
        }
        if (!headers.equals(other.headers)) {
            fields.add("headers");
        }
        if (timestamp != other.timestamp) {
            fields.add("timestamp");
        }
        if (timestampType != other.timestampType) {
            fields.add("timestampType");
        }
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoggedRecord r && offset == r.offset && sameContent(r);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset * 31 + contentHash);
    }

    /** Short: offset, key and value previews and the header count. */
    @Override
    public String toString() {
        return "@" + offset + " key=" + Bytes.preview(key) + " value=" + Bytes.preview(value)
                + (headers.isEmpty() ? "" : " headers=" + headers) + " ts=" + timestamp
                + (timestampType == TimestampType.CREATE_TIME ? "" : "(" + timestampType + ")");
    }
}
