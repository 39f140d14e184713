package dev.cutover.probe.content;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record as the content comparison keeps it: where it is, when it was written, and the fingerprints of its content
 * and of its key (about 60 bytes, whatever the record's size).
 */
public record ContentRecord(int partition, long offset, long timestamp, Fingerprint content, Fingerprint key) {

    public static ContentRecord of(ConsumerRecord<byte[], byte[]> r) {
        return new ContentRecord(
                r.partition(),
                r.offset(),
                r.timestamp(),
                Fingerprint.of(r.key(), r.value(), r.headers()),
                Fingerprint.ofKey(r.key()));
    }

    /** Where it is, for a person: {@code partition/offset @ time}. */
    public String where() {
        return partition + "/" + offset + " @ " + java.time.Instant.ofEpochMilli(timestamp);
    }
}
