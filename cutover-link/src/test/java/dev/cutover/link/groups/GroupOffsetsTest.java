package dev.cutover.link.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.link.groups.OffsetTranslation.Exact;
import dev.cutover.link.groups.OffsetTranslation.NoMap;
import dev.cutover.link.groups.OffsetTranslation.NotCovered;
import dev.cutover.link.groups.OffsetTranslation.NotYetReplicated;
import dev.cutover.offsets.PartitionOffsetMap;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupOffsetsTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);
    private static final TopicPartition OTHER = new TopicPartition("u", 0);

    @Test
    void translatesEachPartitionOrSaysWhyNot() {
        // Given a link that started reading p0 at 0 (copied 0-9 to 0-9, then skipped 10-13), p1 at 100, p2 at 0
        Map<TopicPartition, PartitionOffsetMap> maps = Map.of(
                P0,
                        PartitionOffsetMap.builder(0, 0)
                                .copiedRun(0, 0, 10)
                                .readUpTo(14)
                                .build(),
                P1, PartitionOffsetMap.builder(100, 0).copiedRun(100, 0, 5).build(),
                P2, PartitionOffsetMap.builder(0, 0).copiedRun(0, 0, 3).build());
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of(
                P0,
                new OffsetAndMetadata(12),
                P1,
                new OffsetAndMetadata(50),
                P2,
                new OffsetAndMetadata(7),
                OTHER,
                new OffsetAndMetadata(1));

        // When
        TranslatedGroup t = GroupOffsets.translate("g", Direction.FORWARD, committed, maps);

        // Then
        assertThat(t.complete()).isFalse();
        assertThat(t.partitions())
                .containsExactly(
                        new Exact(P0, 12, 10),
                        t.only(NotCovered.class).get(0),
                        new NotYetReplicated(P2, 7, 3),
                        new NoMap(OTHER, 1));
        assertThat(t.only(NotCovered.class).get(0).coveredFrom()).isEqualTo(100);
        assertThat(t.only(NotYetReplicated.class).get(0).behind()).isEqualTo(4);
    }

    @Test
    void reverseTranslatesTargetOffsetsBack() {
        Map<TopicPartition, PartitionOffsetMap> maps = Map.of(
                P0,
                PartitionOffsetMap.builder(0, 0)
                        .copiedRun(0, 0, 10)
                        .copiedRun(14, 10, 3)
                        .build());

        TranslatedGroup t = GroupOffsets.translate("g", Direction.REVERSE, Map.of(P0, new OffsetAndMetadata(10)), maps);

        assertThat(t.partitions()).containsExactly(new Exact(P0, 10, 14));
        assertThat(t.complete()).isTrue();
    }

    @Test
    void aGroupWithoutOffsetsIsNotComplete() {
        assertThat(GroupOffsets.translate("g", Direction.FORWARD, Map.of(), Map.of())
                        .complete())
                .isFalse();
    }

    @Test
    void reverseSyncIsDryRunOnly() {
        assertThatThrownBy(() -> new SyncOptions(false, false, Duration.ZERO, Direction.REVERSE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
        assertThat(new SyncOptions(true, false, Duration.ZERO, Direction.REVERSE).dryRun())
                .isTrue();
    }
}
