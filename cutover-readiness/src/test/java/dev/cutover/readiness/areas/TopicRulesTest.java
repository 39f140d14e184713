package dev.cutover.readiness.areas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.readiness.Area;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRulesTest {
    private static Fixture with(Map<String, String> source, Map<String, String> target, int targetPartitions) {
        Fixture f = new Fixture().workload(Fixture.producer("orders-api", "User:orders", List.of("orders")));
        f.sourceTopics.add(Fixture.topic("orders", 3, source));
        f.targetTopics.add(Fixture.topic("orders", targetPartitions, target));
        return f;
    }

    private static AreaResult topics(Fixture f) {
        return f.area("orders-api", Area.TOPICS);
    }

    @Test
    void equalTopicsAreReadyWithTheTargetScanAsEvidence() {
        AreaResult r = topics(with(Map.of(), Map.of(), 3));
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
        assertThat(r.evidence()).singleElement().asString().startsWith("target target-id scanned");
    }

    @Test
    void missingTopicAndOtherPartitionCount() {
        Fixture missing = with(Map.of(), Map.of(), 3);
        missing.targetTopics.clear();
        assertThat(Codes.blocking(topics(missing))).containsExactly("TOPIC-001");
        assertThat(Codes.blocking(topics(with(Map.of(), Map.of(), 6)))).containsExactly("TOPIC-002");
    }

    @Test
    void tooSmallMaxMessageBytes() {
        AreaResult r = topics(with(Map.of("max.message.bytes", "5242880"), Map.of(), 3));
        assertThat(Codes.blocking(r)).containsExactly("TOPIC-004");
        assertThat(Codes.messages(r, "TOPIC-004")).singleElement().asString().contains("1048588", "5242880");
        assertThat(Codes.blocking(topics(with(Map.of(), Map.of("max.message.bytes", "1000"), 3))))
                .containsExactly("TOPIC-004");
        assertThat(Codes.blocking(topics(with(Map.of(), Map.of("max.message.bytes", "2000000"), 3))))
                .isEmpty();
    }

    @Test
    void cleanupPolicyMustBeEqual() {
        assertThat(Codes.blocking(topics(with(Map.of("cleanup.policy", "compact"), Map.of(), 3))))
                .containsExactly("TOPIC-003");
        assertThat(Codes.blocking(topics(with(
                        Map.of("cleanup.policy", "compact,delete"), Map.of("cleanup.policy", "delete,compact"), 3))))
                .isEmpty();
    }

    @Test
    void shorterRetentionButUnlimitedIsNeverShorter() {
        assertThat(Codes.blocking(topics(with(Map.of("retention.ms", "-1"), Map.of("retention.ms", "86400000"), 3))))
                .containsExactly("TOPIC-005");
        assertThat(Codes.blocking(topics(with(Map.of(), Map.of("retention.ms", "-1"), 3))))
                .isEmpty();
        assertThat(Codes.blocking(topics(with(Map.of("retention.bytes", "1000"), Map.of("retention.bytes", "10"), 3))))
                .containsExactly("TOPIC-005");
    }

    @Test
    void logAppendTimeAndTightTimestampBounds() {
        assertThat(Codes.blocking(topics(with(Map.of(), Map.of("message.timestamp.type", "LogAppendTime"), 3))))
                .containsExactly("TOPIC-006");
        AreaResult bounds = topics(with(Map.of(), Map.of("message.timestamp.before.max.ms", "3600000"), 3));
        assertThat(Codes.blocking(bounds)).containsExactly("TOPIC-007");
        assertThat(Codes.messages(bounds, "TOPIC-007"))
                .singleElement()
                .asString()
                .contains("604800000");
        assertThat(Codes.blocking(topics(with(
                        Map.of("message.timestamp.after.max.ms", "86400000"),
                        Map.of("message.timestamp.after.max.ms", "60000"),
                        3))))
                .containsExactly("TOPIC-007");
    }

    @Test
    void compactionSettingsOfCompactedTopics() {
        AreaResult r = topics(with(
                Map.of("cleanup.policy", "compact", "delete.retention.ms", "604800000"),
                Map.of("cleanup.policy", "compact"),
                3));
        assertThat(Codes.blocking(r)).containsExactly("TOPIC-008");
    }

    @Test
    void noTopicsKnownIsNotReady() {
        Fixture f = new Fixture().workload(Fixture.producer("w", "User:w", List.of()));
        assertThat(Codes.blocking(f.area("w", Area.TOPICS))).containsExactly("TOPIC-010");
    }
}
