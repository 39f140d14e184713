package dev.cutover.probe.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A record the probe writes and expects back, byte for byte. Its first header, {@value #ID_HEADER}, identifies it
 * (keys may be null).
 */
public record ProbeRecord(byte[] key, byte[] value, List<Header> headers, long timestamp) {
    public static final String ID_HEADER = "cutover-probe-id";

    public ProbeRecord {
        headers = List.copyOf(headers);
        if (headers.isEmpty() || !headers.get(0).key().equals(ID_HEADER)) {
            throw new IllegalArgumentException("the first header must be " + ID_HEADER);
        }
    }

    public String id() {
        return new String(headers.get(0).value(), StandardCharsets.UTF_8);
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic) {
        return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
    }

    public static ProbeRecord of(ConsumerRecord<byte[], byte[]> r) {
        return new ProbeRecord(r.key(), r.value(), Arrays.asList(r.headers().toArray()), r.timestamp());
    }

    static Header header(String key, byte[] value) {
        return new RecordHeader(key, value);
    }

    /** The first difference from {@code actual}, or empty; timestamps only when {@code timestamps}. */
    public String differenceFrom(ProbeRecord actual, boolean timestamps) {
        if (!Arrays.equals(key, actual.key)) {
            return "key differs (" + length(key) + " bytes written, " + length(actual.key) + " read)";
        }
        if (!Arrays.equals(value, actual.value)) {
            return "value differs (" + length(value) + " bytes written, " + length(actual.value) + " read)";
        }
        if (headers.size() != actual.headers.size()) {
            return headers.size() + " header(s) written, " + actual.headers.size() + " read";
        }
        for (int i = 0; i < headers.size(); i++) {
            Header a = headers.get(i);
            Header b = actual.headers.get(i);
            if (!a.key().equals(b.key()) || !Arrays.equals(a.value(), b.value())) {
                return "header " + i + " (" + a.key() + ") differs";
            }
        }
        if (timestamps && timestamp != actual.timestamp) {
            return "timestamp " + timestamp + " written, " + actual.timestamp + " read";
        }
        return "";
    }

    private static String length(byte[] b) {
        return b == null ? "null" : String.valueOf(b.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbeRecord r && differenceFrom(r, true).isEmpty();
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(key), Arrays.hashCode(value), timestamp);
    }

    @Override
    public String toString() {
        return "ProbeRecord[" + id() + "]";
    }
}
