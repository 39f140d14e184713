package dev.cutover.inventory.sample;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The size a record takes against a topic's {@code max.message.bytes}: the broker compares whole batches with it, so
 * the size of a record is that of a batch holding only it, uncompressed, in the v2 format. Computed as an upper bound
 * (every varint at its widest), the same bound the link refuses records by:
 *
 * <ul>
 *   <li>the batch header: {@value #BATCH_OVERHEAD} bytes;
 *   <li>the record's length, attributes, timestamp delta and offset delta: 5 + 1 + 10 + 5;
 *   <li>the key and the value, each with a 5-byte length (a null one is its length only);
 *   <li>the header count (5), and per header its key (UTF-8) and value, each with a 5-byte length.
 * </ul>
 */
public final class RecordSizes {
    /** The v2 record batch header, in bytes. */
    public static final int BATCH_OVERHEAD = 61;

    private static final int VARINT = 5;
    private static final int VARLONG = 10;
    private static final int ATTRIBUTES = 1;

    private RecordSizes() {}

    /** The upper bound for a consumed record. */
    public static long batchSizeUpperBound(ConsumerRecord<byte[], byte[]> record) {
        return batchSizeUpperBound(
                record.key(), record.value(), record.headers().toArray());
    }

    /** The upper bound for a record of this key, value and headers; each may be null (headers: none). */
    public static long batchSizeUpperBound(byte[] key, byte[] value, Header[] headers) {
        long size = BATCH_OVERHEAD + VARINT + ATTRIBUTES + VARLONG + VARINT;
        size += VARINT + length(key);
        size += VARINT + length(value);
        size += VARINT;
        if (headers != null) {
            for (Header h : headers) {
                size += VARINT + (h.key() == null ? 0 : h.key().getBytes(StandardCharsets.UTF_8).length);
                size += VARINT + length(h.value());
            }
        }
        return size;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
