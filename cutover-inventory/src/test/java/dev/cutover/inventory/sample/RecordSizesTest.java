package dev.cutover.inventory.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class RecordSizesTest {
    private static final Header[] NONE = new Header[0];

    @Test
    void batchHeaderAndRecordOverheadAroundKeyAndValue() {
        // 61 batch header + 21 (length, attributes, timestamp delta, offset delta) + 5 + key + 5 + value + 5 headers
        assertThat(RecordSizes.batchSizeUpperBound(bytes(3), bytes(10), NONE)).isEqualTo(61 + 21 + 5 + 3 + 5 + 10 + 5);
        assertThat(RecordSizes.batchSizeUpperBound(bytes(0), bytes(0), NONE)).isEqualTo(97);
    }

    @Test
    void nullKeyAndNullValueCountOnlyTheirLength() {
        assertThat(RecordSizes.batchSizeUpperBound(null, null, NONE)).isEqualTo(97);
        assertThat(RecordSizes.batchSizeUpperBound(null, bytes(1000), null)).isEqualTo(1097);
        assertThat(RecordSizes.batchSizeUpperBound(bytes(7), null, NONE)).isEqualTo(104);
    }

    @Test
    void everyHeaderCountsItsUtf8KeyAndValue() {
        Header[] headers = {
            new RecordHeader("trace", bytes(16)), new RecordHeader("größe", null), new RecordHeader("", bytes(2))
        };
        long expected = 97 + (5 + 5 + 5 + 16) + (5 + "größe".getBytes(StandardCharsets.UTF_8).length + 5) + (5 + 5 + 2);
        assertThat(RecordSizes.batchSizeUpperBound(null, null, headers)).isEqualTo(expected);
        assertThat("größe".getBytes(StandardCharsets.UTF_8)).hasSize(7);
    }

    @Test
    void aConsumedRecordIsMeasuredByItsKeyValueAndHeaders() {
        RecordHeaders headers = new RecordHeaders(new Header[] {new RecordHeader("h", bytes(4))});
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>(
                "t", 0, 5L, 0L, TimestampType.CREATE_TIME, 3, 100, bytes(3), bytes(100), headers, Optional.empty());
        assertThat(RecordSizes.batchSizeUpperBound(r))
                .isEqualTo(RecordSizes.batchSizeUpperBound(bytes(3), bytes(100), headers.toArray()))
                .isEqualTo(97 + 3 + 100 + 5 + 1 + 5 + 4);
    }

    @Test
    void neverLessThanTheBatchTheBrokerComparesWithMaxMessageBytes() {
        Header[] headers = {new RecordHeader("trace-id", bytes(32)), new RecordHeader("empty", null)};
        byte[][] keys = {null, bytes(0), bytes(40), bytes(300)};
        byte[][] values = {null, bytes(1), bytes(127), bytes(128), bytes(20_000), bytes(3_000_000)};
        for (byte[] key : keys) {
            for (byte[] value : values) {
                for (Header[] h : new Header[][] {NONE, headers}) {
                    int actual = MemoryRecords.withRecords(
                                    Compression.NONE, new SimpleRecord(System.currentTimeMillis(), key, value, h))
                            .sizeInBytes();
                    long bound = RecordSizes.batchSizeUpperBound(key, value, h);
                    // Each varint at its widest: at most 29 bytes more for the record, 8 more per header
                    assertThat(bound).isGreaterThanOrEqualTo(actual).isLessThanOrEqualTo(actual + 29L + 8L * h.length);
                }
            }
        }
    }

    private static byte[] bytes(int n) {
        return new byte[n];
    }
}
