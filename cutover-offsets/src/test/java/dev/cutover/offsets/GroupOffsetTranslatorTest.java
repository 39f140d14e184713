package dev.cutover.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.offsets.PartitionTranslation.Reason;
import dev.cutover.offsets.PartitionTranslation.Untranslatable;
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
        // Given a group's committed source offsets, one with a leader epoch and metadata
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        committed.put(ORDERS_0, new OffsetAndMetadata(10, Optional.of(7), "app-state"));
        committed.put(ORDERS_1, new OffsetAndMetadata(400));
        committed.put(PAYMENTS_0, new OffsetAndMetadata(9));
        committed.put(UNLINKED_0, new OffsetAndMetadata(1));
        committed.put(IDLE_0, null);

        // When
        GroupTranslation result = translator.toTarget(committed);

        // Then
        assertThat(result.complete()).isFalse();
        assertThat(result.translated()).containsOnlyKeys(ORDERS_0);
        OffsetAndMetadata orders = result.translated().get(ORDERS_0);
        assertThat(orders.offset()).isEqualTo(10);
        assertThat(orders.leaderEpoch()).isEmpty();
        assertThat(orders.metadata()).isEqualTo("app-state");
        Map<TopicPartition, Untranslatable> failed = result.untranslatable();
        assertThat(failed.get(ORDERS_1).reason()).isEqualTo(Reason.NOT_COVERED);
        assertThat(failed.get(ORDERS_1).message()).contains("orders-1", "400", "offset 500");
        assertThat(failed.get(PAYMENTS_0).reason()).isEqualTo(Reason.NOT_YET_REPLICATED);
        assertThat(failed.get(UNLINKED_0).reason()).isEqualTo(Reason.NO_OFFSET_MAP);
        assertThat(failed.get(IDLE_0).reason()).isEqualTo(Reason.NOTHING_COMMITTED);
        assertThat(result.partitions().keySet()).containsExactly(IDLE_0, ORDERS_0, ORDERS_1, PAYMENTS_0, UNLINKED_0);
    }

    @Test
    void translatesBackToTheSourceForRollback() {
        // Given a group that consumed on the target
        Map<TopicPartition, OffsetAndMetadata> committedOnTarget = Map.of(
                ORDERS_0, new OffsetAndMetadata(10, Optional.of(3), ""),
                ORDERS_1, new OffsetAndMetadata(2),
                PAYMENTS_0, new OffsetAndMetadata(101));

        // When
        GroupTranslation result = translator.toSource(committedOnTarget);

        // Then
        assertThat(result.complete()).isTrue();
        assertThat(result.translated())
                .containsEntry(ORDERS_0, new OffsetAndMetadata(11, Optional.empty(), ""))
                .containsEntry(ORDERS_1, new OffsetAndMetadata(502, Optional.empty(), ""))
                .containsEntry(PAYMENTS_0, new OffsetAndMetadata(4, Optional.empty(), ""));
    }
}
