package dev.cutover.probe.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.Header;

/**
 * The records the probe writes for a {@link TopicShape}, and how it compares what it reads back. Sizes use the same
 * upper bound as readiness and the link (an uncompressed v2 batch holding the record alone, every varint at its
 * widest), so "the largest record" means the same number everywhere. Pure.
 */
public final class ShapedRecords {
    static final int BATCH_OVERHEAD = 61;
    static final int RECORD_OVERHEAD = 21;
    static final int LENGTH = 5;

    private ShapedRecords() {}

    /** The bound of readiness's {@code RecordSizes.batchSizeUpperBound} for these parts. */
    public static long sizeBound(byte[] key, byte[] value, List<Header> headers) {
        long size = BATCH_OVERHEAD + RECORD_OVERHEAD + LENGTH + len(key) + LENGTH + len(value) + LENGTH;
        for (Header h : headers) {
            size += LENGTH + h.key().getBytes(StandardCharsets.UTF_8).length + LENGTH + len(h.value());
        }
        return size;
    }

    /**
     * The ordinary records of a shape: a keyed record with every header, a tombstone (null value), and, unless the
     * topic is compacted, a record with a null key. Values are random (incompressible) bytes.
     *
     * @param prefix makes ids unique per run and codec, e.g. {@code a1b2-zstd}
     */
    public static List<ProbeRecord> ordinary(TopicShape shape, String prefix, long timestamp, Random random) {
        List<ProbeRecord> records = new ArrayList<>();
        records.add(record(prefix + "-keyed", key(prefix, 0), bytes(random, 100), shape.headers(), timestamp));
        records.add(record(prefix + "-tombstone", key(prefix, 1), null, shape.headers(), timestamp + 1));
        if (shape.nullKeys()) {
            records.add(record(prefix + "-nullkey", null, bytes(random, 100), shape.headers(), timestamp + 2));
        }
        return records;
    }

    /** One record whose size bound is {@code shape.recordBytes()} (or the smallest possible when that is less). */
    public static ProbeRecord largest(TopicShape shape, String prefix, long timestamp, Random random) {
        ProbeRecord empty = record(prefix + "-largest", key(prefix, 9), new byte[0], shape.headers(), timestamp);
        long without = sizeBound(empty.key(), empty.value(), empty.headers());
        int valueBytes = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1024, shape.recordBytes() - without));
        return new ProbeRecord(empty.key(), bytes(random, valueBytes), empty.headers(), timestamp);
    }

    /**
     * What went wrong when {@code written} were read back as {@code read}: missing, extra and differing records, by
     * id; empty when every record came back exactly once and equal.
     */
    public static List<String> compare(List<ProbeRecord> written, List<ProbeRecord> read, boolean timestamps) {
        Map<String, ProbeRecord> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ProbeRecord r : read) {
            if (byId.put(r.id(), r) != null) {
                problems.add(r.id() + " read twice");
            }
        }
        for (ProbeRecord w : written) {
            ProbeRecord r = byId.remove(w.id());
            if (r == null) {
                problems.add(w.id() + " missing");
            } else {
                String diff = w.differenceFrom(r, timestamps);
                if (!diff.isEmpty()) {
                    problems.add(w.id() + ": " + diff);
                }
            }
        }
        byId.keySet().forEach(id -> problems.add(id + " read but never written"));
        return problems;
    }

    static ProbeRecord record(String id, byte[] key, byte[] value, int headers, long timestamp) {
        List<Header> hs = new ArrayList<>();
        hs.add(ProbeRecord.header(ProbeRecord.ID_HEADER, id.getBytes(StandardCharsets.UTF_8)));
        for (int i = 1; i < headers; i++) {
            // A repeated key and a null value: both are legal and easy to lose.
            hs.add(ProbeRecord.header(
                    i % 2 == 1 ? "h" : "h-" + i, i == 2 ? null : ("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return new ProbeRecord(key, value, hs, timestamp);
    }

    private static byte[] key(String prefix, int n) {
        return (prefix + "-k" + n).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static int len(byte[] b) {
        return b == null ? 0 : b.length;
    }
}
