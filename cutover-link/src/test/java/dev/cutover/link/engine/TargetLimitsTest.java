package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TargetLimitsTest {
    private static final TopicPartition TP = new TopicPartition("t", 3);
    private static final long NOW = 1_800_000_000_000L;

    private static ConsumerRecord<byte[], byte[]> record(long offset, long timestamp, int valueBytes) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("h", "v".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(
                TP.topic(),
                TP.partition(),
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                -1,
                valueBytes,
                "k".getBytes(StandardCharsets.UTF_8),
                new byte[valueBytes],
                headers,
                Optional.empty());
    }

    private static TargetLimits limits(long maxMessageBytes, long afterMs, long beforeMs) {
        return new TargetLimits(Map.of("t", new TargetLimits.Topic(maxMessageBytes, afterMs, beforeMs)), Map.of());
    }

    @Test
    void aRecordThatFitsInABatchOfItsOwnUnderTheTopicsLimitPasses() {
        ConsumerRecord<byte[], byte[]> r = record(7, NOW, 1000);
        long bound = TargetLimits.batchSizeUpperBound(r);

        assertThat(limits(bound, Long.MAX_VALUE, Long.MAX_VALUE).rejection(TP, r, NOW))
                .isNull();
        assertThat(limits(bound - 1, Long.MAX_VALUE, Long.MAX_VALUE).rejection(TP, r, NOW))
                .contains("source offset 7 of t-3")
                .contains("max.message.bytes " + (bound - 1))
                .contains("raise max.message.bytes on the target topic");
    }

    @Test
    void theBoundCountsKeyValueAndEveryHeaderAtTheirWidest() {
        // 61 header + 21 record framing + 5+1 key + 5+1000 value + 5 header count + 5+1 "h" + 5+1 "v"
        assertThat(TargetLimits.batchSizeUpperBound(record(0, NOW, 1000))).isEqualTo(61 + 21 + 6 + 1005 + 5 + 6 + 6);
    }

    @Test
    void timestampsBeyondTheTargetsBoundsAreRejectedNamingTheBound() {
        TargetLimits bounded = limits(Long.MAX_VALUE, 60_000, 3_600_000);

        assertThat(bounded.rejection(TP, record(1, NOW + 60_000, 1), NOW)).isNull();
        assertThat(bounded.rejection(TP, record(1, NOW + 60_001, 1), NOW))
                .contains("message.timestamp.after.max.ms (60000 ms) ahead of");
        assertThat(bounded.rejection(TP, record(2, NOW - 3_600_001, 1), NOW))
                .contains("message.timestamp.before.max.ms (3600000 ms) behind");
        assertThat(bounded.rejection(TP, record(3, -1, 1), NOW))
                .as("no timestamp")
                .isNull();
    }

    @Test
    void aTopicWithoutKnownLimitsTakesAnything() {
        assertThat(TargetLimits.none().rejection(TP, record(1, 0, 10_000_000), NOW))
                .isNull();
        assertThat(TargetLimits.none().smallestMaxMessageBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(limits(2000, Long.MAX_VALUE, Long.MAX_VALUE).smallestMaxMessageBytes())
                .isEqualTo(2000);
    }
}
