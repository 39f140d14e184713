package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ShapesTest {
    private static final Map<String, String> SOURCE = Map.of(
            "cleanup.policy", "compact",
            "max.message.bytes", "2000000",
            "message.timestamp.type", "CreateTime",
            "compression.type", "producer",
            "retention.ms", "1000");

    @Test
    void theTargetsTopicConfigsWinAndTheSampleGivesTheRecordSize() {
        // Given the topic on both clusters, with a smaller limit on the target, and a sampled record
        TopicFacts facts = new TopicFacts(
                "orders",
                Optional.of(SOURCE),
                Optional.of(Map.of("cleanup.policy", "delete", "max.message.bytes", "5000", "segment.ms", "1")),
                OptionalLong.of(123_456),
                Optional.of(new RecordTraits(500, 7, 2, 1)),
                "");

        // When
        WorkloadShape shape = Shapes.derive("app", List.of(facts), Map.of(), false);

        // Then the probe topic copies the target's four configs, no others, and writes the sampled size
        TopicShape topic = shape.topics().get(0);
        assertThat(topic.probeConfigs())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "delete", "max.message.bytes", "5000"));
        assertThat(topic.configSource()).contains("target");
        assertThat(topic.recordBytes()).isEqualTo(123_456);
        assertThat(topic.sizeSource()).contains("tail sample");
        assertThat(topic.nullKeys()).isTrue();
        // the workload's 7 headers, plus the probe's id header
        assertThat(topic.headers()).isEqualTo(8);
        assertThat(topic.headerSource()).contains("up to 7 header(s)", "2 null key(s)", "1 tombstone(s)");
        assertThat(shape.codecs()).containsExactly("none", "gzip", "snappy", "lz4", "zstd");
    }

    @Test
    void withoutATargetTopicOrSampleTheSourcesConfigsAndLimitAreUsedAndCompactionForbidsNullKeys() {
        TopicFacts facts = new TopicFacts(
                "orders", Optional.of(SOURCE), Optional.empty(), OptionalLong.empty(), Optional.empty(), "no READ");

        TopicShape topic =
                Shapes.derive("app", List.of(facts), Map.of(), false).topics().get(0);

        assertThat(topic.probeConfigs()).doesNotContainKey("retention.ms").containsEntry("cleanup.policy", "compact");
        assertThat(topic.configSource()).contains("source", "not on the target");
        assertThat(topic.recordBytes()).isEqualTo(2_000_000);
        assertThat(topic.sizeSource()).contains("max.message.bytes", "no READ");
        assertThat(topic.nullKeys()).isFalse();
        assertThat(topic.compacted()).isTrue();
        assertThat(topic.headers()).isEqualTo(Shapes.DEFAULT_HEADERS);
        assertThat(topic.headerSource()).contains("default");
    }

    @Test
    void aTopicOnNeitherClusterGetsDefaults() {
        TopicFacts facts =
                new TopicFacts("x", Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty(), "");

        TopicShape topic =
                Shapes.derive("app", List.of(facts), Map.of(), false).topics().get(0);

        assertThat(topic.probeConfigs()).isEmpty();
        assertThat(topic.recordBytes()).isEqualTo(Shapes.DEFAULT_RECORD_BYTES);
        assertThat(topic.createTimeExpected()).isTrue();
    }

    @Test
    void theClientConfigChoosesTheCodecIsolationResetAndTransactions() {
        WorkloadShape shape = Shapes.derive(
                "app",
                List.of(),
                Map.of(
                        "compression.type", "LZ4",
                        "isolation.level", "read_committed",
                        "auto.offset.reset", "earliest",
                        "transactional.id", "tx-1"),
                false);

        assertThat(shape.codecs()).containsExactly("lz4");
        assertThat(shape.isolationLevel()).isEqualTo("read_committed");
        assertThat(shape.autoOffsetReset()).isEqualTo("earliest");
        assertThat(shape.transactional()).isTrue();
    }

    @Test
    void anUnknownCodecMeansAllFive() {
        WorkloadShape shape = Shapes.derive("app", List.of(), Map.of("compression.type", "brotli"), false);

        assertThat(shape.codecs()).hasSize(5);
        assertThat(shape.codecSource()).contains("brotli");
        assertThat(shape.transactional()).isFalse();
    }

    @Test
    void aLogAppendTimeTargetUnderACreateTimeSourceLosesTimestamps() {
        TopicFacts facts = new TopicFacts(
                "t",
                Optional.of(SOURCE),
                Optional.of(Map.of("message.timestamp.type", "LogAppendTime")),
                OptionalLong.empty(),
                Optional.empty(),
                "");

        TopicShape topic =
                Shapes.derive("app", List.of(facts), Map.of(), false).topics().get(0);

        assertThat(topic.createTimeExpected()).isTrue();
        assertThat(topic.keepsCreateTime()).isFalse();
    }
}
