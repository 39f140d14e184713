package dev.cutover.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.offsets.OffsetTranslation.Exact;
import dev.cutover.offsets.OffsetTranslation.NoMap;
import dev.cutover.offsets.OffsetTranslation.NotCovered;
import dev.cutover.offsets.OffsetTranslation.NotYetReplicated;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupOffsetTranslatorTest {
    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
    private static final TopicPartition PAYMENTS_0 = new TopicPartition("payments", 0);
    private static final TopicPartition UNLINKED_0 = new TopicPartition("unlinked", 0);
    private static final TopicPartition IDLE_0 = new TopicPartition("idle", 0);

    private final GroupOffsetTranslator translator = new GroupOffsetTranslator(Map.of(
            // a transaction of 10 records and its marker
            ORDERS_0,
                    PartitionOffsetMap.builder(0, 0)
                            .copiedRun(0, 0, 10)
                            .readUpTo(11)
                            .build(),
            // a link started at "latest" = 500
            ORDERS_1,
                    PartitionOffsetMap.builder(500, 0)
                            .copiedRun(500, 0, 5)
                            .readUpTo(505)
                            .build(),
            PAYMENTS_0,
                    PartitionOffsetMap.builder(0, 100)
                            .copiedRun(3, 100, 4)
                            .readUpTo(7)
                            .build(),
            IDLE_0, PartitionOffsetMap.empty(0, 0)));

    @Test
    void translatesEachPartitionOrSaysWhyNot() {
        // Given a group's committed source offsets, one with a leader epoch and metadata, one partition without any
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        committed.put(ORDERS_0, new OffsetAndMetadata(10, Optional.of(7), "app-state"));
        committed.put(ORDERS_1, new OffsetAndMetadata(400));
        committed.put(PAYMENTS_0, new OffsetAndMetadata(9));
        committed.put(UNLINKED_0, new OffsetAndMetadata(1));
        committed.put(IDLE_0, null);

        // When
        TranslatedGroup result = translator.translate("g", Direction.FORWARD, committed);

        // Then each partition says what it is, in topic-partition order; the partition without an offset is left out
        assertThat(result.complete()).isFalse();
        assertThat(result.partitions())
                .containsExactly(
                        new Exact(ORDERS_0, 10, 10),
                        result.only(NotCovered.class).get(0),
                        new NotYetReplicated(PAYMENTS_0, 9, 7),
                        new NoMap(UNLINKED_0, 1));
        NotCovered early = result.only(NotCovered.class).get(0);
        assertThat(early.partition()).isEqualTo(ORDERS_1);
        assertThat(early.coveredFrom()).isEqualTo(500);
        assertThat(early.why()).contains("500");
        assertThat(result.only(NotYetReplicated.class).get(0).behind()).isEqualTo(2);
        assertThat(result.partitions())
                .extracting(OffsetTranslation::status)
                .containsExactly("exact", "not-covered", "not-yet-replicated", "no-map");

        // And only the exact one is offered for commit: no leader epoch (epochs are per cluster), metadata kept
        assertThat(result.toCommit(committed))
                .containsOnlyKeys(ORDERS_0)
                .containsEntry(ORDERS_0, new OffsetAndMetadata(10, Optional.empty(), "app-state"));
    }

    @Test
    void translatesBackToTheSourceForRollback() {
        // Given a group that consumed on the target
        Map<TopicPartition, OffsetAndMetadata> committedOnTarget = Map.of(
                ORDERS_0, new OffsetAndMetadata(10, Optional.of(3), ""),
                ORDERS_1, new OffsetAndMetadata(2),
                PAYMENTS_0, new OffsetAndMetadata(101));

        // When
        TranslatedGroup result = translator.translate("g", Direction.REVERSE, committedOnTarget);

        // Then
        assertThat(result.complete()).isTrue();
        assertThat(result.direction().from()).isEqualTo("target");
        assertThat(result.toCommit(committedOnTarget))
                .containsEntry(ORDERS_0, new OffsetAndMetadata(11, Optional.empty(), ""))
                .containsEntry(ORDERS_1, new OffsetAndMetadata(502, Optional.empty(), ""))
                .containsEntry(PAYMENTS_0, new OffsetAndMetadata(4, Optional.empty(), ""));
    }

    @Test
    void reverseTranslationSkipsTheSourceGapsTheLinkPassed() {
        // Given 0-9 copied to 0-9, source 10-13 held nothing to copy, 14-16 copied to 10-12
        GroupOffsetTranslator t = new GroupOffsetTranslator(Map.of(
                ORDERS_0,
                PartitionOffsetMap.builder(0, 0)
                        .copiedRun(0, 0, 10)
                        .copiedRun(14, 10, 3)
                        .build()));

        // When a group committed target offset 10 (read up to the tenth copy) goes back
        TranslatedGroup back = t.translate("g", Direction.REVERSE, Map.of(ORDERS_0, new OffsetAndMetadata(10)));

        // Then it resumes at the next copied source record
        assertThat(back.partitions()).containsExactly(new Exact(ORDERS_0, 10, 14));
    }

    @Test
    void aGroupWithoutOffsetsIsNotComplete() {
        TranslatedGroup none = translator.translate("g", Direction.FORWARD, Map.of());

        assertThat(none.complete()).isFalse();
        assertThat(none.toCommit(Map.of())).isEmpty();
    }
}
