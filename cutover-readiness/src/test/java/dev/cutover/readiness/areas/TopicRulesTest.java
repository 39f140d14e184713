package dev.cutover.readiness.areas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.sample.TopicSample;
import dev.cutover.readiness.Area;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static TopicSample sample(long records, TopicSample.Largest largest, String incomplete) {
        return new TopicSample(
                "orders",
                records,
                List.of(
                        new TopicSample.Range(0, 0, records, records),
                        new TopicSample.Range(1, 0, 0, 0),
                        new TopicSample.Range(2, 0, 0, 0)),
                Optional.ofNullable(largest),
                TopicSample.Traits.NONE,
                Optional.ofNullable(incomplete));
    }

    private static Fixture sampled(Map<String, String> source, Map<String, String> target, TopicSample sample) {
        Fixture f = with(source, target, 3);
        f.samples = new RecordSamples(Map.of("orders", sample), Map.of());
        return f;
    }

    @Test
    void withoutASampleTheLimitsAreComparedAndTheReportSaysWhy() {
        AreaResult r = topics(with(Map.of("max.message.bytes", "5242880"), Map.of(), 3));
        assertThat(Codes.blocking(r)).containsExactly("TOPIC-004");
        assertThat(Codes.messages(r, "TOPIC-004")).singleElement().asString().contains("1048588", "5242880");
        assertThat(Codes.messages(r, "TOPIC-012"))
                .singleElement()
                .asString()
                .contains("no sample of record sizes: not sampled in this run", "compared with the source's limit");
        assertThat(Codes.blocking(topics(with(Map.of(), Map.of("max.message.bytes", "1000"), 3))))
                .containsExactly("TOPIC-004");
        AreaResult enough = topics(with(Map.of(), Map.of("max.message.bytes", "2000000"), 3));
        assertThat(Codes.blocking(enough)).isEmpty();
        assertThat(Codes.all(enough)).containsExactly("TOPIC-012");
    }

    @Test
    void anUnreadableTopicFallsBackToTheLimitsWithItsReason() {
        Fixture f = with(Map.of(), Map.of("max.message.bytes", "1000"), 3);
        f.samples = new RecordSamples(Map.of(), Map.of("orders", "the source profile may not READ it"));
        AreaResult r = topics(f);
        assertThat(Codes.all(r)).containsExactly("TOPIC-012", "TOPIC-004");
        assertThat(Codes.messages(r, "TOPIC-012"))
                .singleElement()
                .asString()
                .contains("the source profile may not READ it");
        assertThat(Codes.messages(r, "TOPIC-004"))
                .singleElement()
                .asString()
                .contains("smaller than the 1048588 the source accepts");
    }

    @Test
    void aRecordSeenLargerThanTheTargetsLimitIsAnError() {
        AreaResult r = topics(sampled(
                Map.of(), Map.of("max.message.bytes", "1000"), sample(4, new TopicSample.Largest(0, 3, 2097), null)));
        assertThat(Codes.all(r)).containsExactly("TOPIC-004");
        assertThat(Codes.messages(r, "TOPIC-004"))
                .singleElement()
                .asString()
                .contains(
                        "max.message.bytes is 1000 on the target, smaller than the largest record seen on the"
                                + " source: 2097 bytes at orders-0 offset 3",
                        "4 record(s) read from the tails of 3 partition(s) (orders-0 offsets 0-3)",
                        "raise max.message.bytes on the target to at least 1048588, the source's limit");

        // Even when the target's limit reaches the source's: such a record exceeds both (the source's was lowered
        // after it was written, or it came compressed), and the copy, uncompressed, would be refused
        AreaResult both = topics(sampled(
                Map.of("max.message.bytes", "1000"),
                Map.of("max.message.bytes", "1000"),
                sample(1, new TopicSample.Largest(0, 0, 5000), null)));
        assertThat(Codes.all(both)).containsExactly("TOPIC-004");
        assertThat(Codes.messages(both, "TOPIC-004")).singleElement().asString().endsWith("to at least 5000");
    }

    @Test
    void aLimitAboveEveryRecordSeenButBelowTheSourcesIsAWarning() {
        AreaResult r = topics(sampled(
                Map.of(), Map.of("max.message.bytes", "500000"), sample(8, new TopicSample.Largest(0, 7, 300), null)));
        assertThat(Codes.all(r)).containsExactly("TOPIC-011");
        assertThat(Codes.blocking(r)).containsExactly("TOPIC-011");
        assertThat(Codes.messages(r, "TOPIC-011"))
                .singleElement()
                .asString()
                .contains(
                        "max.message.bytes is 500000 on the target: the largest record seen on the source, 300 bytes"
                                + " at orders-0 offset 7, fits",
                        "the source accepts up to 1048588",
                        "raise it to 1048588, or record why records stay smaller");

        AreaResult empty = topics(sampled(Map.of(), Map.of("max.message.bytes", "500000"), sample(0, null, null)));
        assertThat(Codes.messages(empty, "TOPIC-011"))
                .singleElement()
                .asString()
                .contains("no record was seen on the source (0 record(s) read from the tails of 3 partition(s))");
    }

    @Test
    void aLimitAtLeastTheSourcesAndAboveEveryRecordIsFine() {
        AreaResult r = topics(sampled(
                Map.of("max.message.bytes", "2000000"),
                Map.of("max.message.bytes", "2000000"),
                sample(500, new TopicSample.Largest(0, 10, 1_500_000), null)));
        assertThat(r.findings()).isEmpty();
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
        assertThat(topics(sampled(Map.of(), Map.of(), sample(500, new TopicSample.Largest(0, 10, 1_048_588), null)))
                        .findings())
                .isEmpty();
    }

    @Test
    void anIncompleteSampleStillShowsTooLargeRecordsElseFallsBackToTheLimits() {
        String timedOut = "timed out after 30 s with 1 of 3 partition tail(s) read to the end";
        AreaResult tooLarge = topics(sampled(
                Map.of(),
                Map.of("max.message.bytes", "1000"),
                sample(2, new TopicSample.Largest(0, 1, 4000), timedOut)));
        assertThat(Codes.all(tooLarge)).containsExactly("TOPIC-004", "TOPIC-012");
        assertThat(Codes.messages(tooLarge, "TOPIC-004"))
                .singleElement()
                .asString()
                .contains("4000 bytes at orders-0 offset 1");
        assertThat(Codes.messages(tooLarge, "TOPIC-012"))
                .singleElement()
                .asString()
                .contains("the sample of record sizes is incomplete: " + timedOut);

        AreaResult fits = topics(sampled(
                Map.of(),
                Map.of("max.message.bytes", "500000"),
                sample(2, new TopicSample.Largest(0, 1, 400), timedOut)));
        assertThat(Codes.all(fits)).containsExactly("TOPIC-012", "TOPIC-004");
        assertThat(Codes.messages(fits, "TOPIC-004"))
                .singleElement()
                .asString()
                .contains("smaller than the 1048588 the source accepts");
    }

    @Test
    void theSampleNamesAtMostThreeRangesRead() {
        List<TopicSample.Range> ranges = List.of(
                new TopicSample.Range(3, 10, 12, 2),
                new TopicSample.Range(0, 0, 5, 5),
                new TopicSample.Range(1, 0, 0, 0),
                new TopicSample.Range(2, 7, 9, 1),
                new TopicSample.Range(4, 1, 2, 1));
        TopicSample s = new TopicSample("t", 9, ranges, Optional.empty(), TopicSample.Traits.NONE, Optional.empty());
        assertThat(s.describe())
                .isEqualTo("9 record(s) read from the tails of 5 partition(s) (t-0 offsets 0-4, t-2 offsets 7-8, t-3"
                        + " offsets 10-11 and 1 more)");
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
