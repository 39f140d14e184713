package dev.cutover.probe.verify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of one side (source or target) as verify compares it: everything a consumer sees of a record except its
 * offset's meaning, which the offset map gives.
 *
 * @param headers in log order, duplicates kept
 */
public record SideRecord(long offset, long timestamp, byte[] key, byte[] value, List<SideHeader> headers) {
    public SideRecord {
        headers = List.copyOf(headers);
    }

    /** A header: key and value (a null value is kept as null). */
    public record SideHeader(String key, byte[] value) {
        public SideHeader {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SideHeader h && key.equals(h.key) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }
    }

    public static SideRecord of(ConsumerRecord<byte[], byte[]> r) {
        var hs = r.headers().toArray();
        SideHeader[] headers = new SideHeader[hs.length];
        for (int i = 0; i < hs.length; i++) {
            headers[i] = new SideHeader(hs[i].key(), hs[i].value());
        }
        return new SideRecord(r.offset(), r.timestamp(), r.key(), r.value(), Arrays.asList(headers));
    }

    /**
     * What differs between this source record and its target copy, or null when nothing does: the first of key, value,
     * headers (count, then each in order) and timestamp (when {@code compareTimestamps}) that differs.
     */
    public String differenceFrom(SideRecord copy, boolean compareTimestamps) {
        return differenceFrom(copy, compareTimestamps, java.util.Map.of());
    }

    /**
     * As {@link #differenceFrom(SideRecord, boolean)}, where a key or value in Confluent's wire format whose schema id
     * {@code rewrites} maps is expected on the target with the mapped id, and otherwise the same bytes.
     */
    public String differenceFrom(SideRecord copy, boolean compareTimestamps, java.util.Map<Integer, Integer> rewrites) {
        if (!Arrays.equals(expected(key, rewrites), copy.key)) {
            return "key differs";
        }
        if (!Arrays.equals(expected(value, rewrites), copy.value)) {
            return value == null || copy.value == null ? "value differs (one is null)" : "value differs";
        }
        if (headers.size() != copy.headers.size()) {
            return "header count differs (" + headers.size() + " vs " + copy.headers.size() + ")";
        }
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.get(i).equals(copy.headers.get(i))) {
                return "header " + i + " ('" + headers.get(i).key() + "') differs";
            }
        }
        if (compareTimestamps && timestamp != copy.timestamp) {
            return "timestamp differs (" + timestamp + " vs " + copy.timestamp + ")";
        }
        return null;
    }

    private static byte[] expected(byte[] bytes, java.util.Map<Integer, Integer> rewrites) {
        if (rewrites.isEmpty()) {
            return bytes;
        }
        java.util.OptionalInt id = dev.cutover.schemas.WireFormat.schemaId(bytes);
        if (id.isEmpty() || !rewrites.containsKey(id.getAsInt())) {
            return bytes;
        }
        return dev.cutover.schemas.WireFormat.withSchemaId(bytes, rewrites.get(id.getAsInt()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SideRecord r
                && offset == r.offset
                && timestamp == r.timestamp
                && differenceFrom(r, true) == null;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SideRecord[offset=" + offset + ", timestamp=" + timestamp + "]";
    }
}
