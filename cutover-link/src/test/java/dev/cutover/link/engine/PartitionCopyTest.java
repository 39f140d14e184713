package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.link.state.PartitionState;
import dev.cutover.offsets.PartitionOffsetMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionCopyTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);

    private static PartitionCopy copyFrom(long from) {
        PartitionOffsetMap base = PartitionOffsetMap.builder(from, 0).build();
        return new PartitionCopy(
                TP, "id", base, base, OffsetMapStore.Writer.fresh(LinkTopics.named("l"), TP, base, 16 * 1024), 0);
    }

    @Test
    void coveredUpToTheSourcesEndIsCaughtUpAndBehindIsRunningWithItsLag() {
        PartitionCopy copy = copyFrom(0);
        copy.map.copied(0, 0).copied(1, 1).readUpTo(3); // offset 2 was a marker

        assertThat(copy.status(3, 1000).state()).isEqualTo(PartitionState.CAUGHT_UP);
        assertThat(copy.status(3, 1000).lagRecords()).isZero();
        assertThat(copy.status(10, 1000).state()).isEqualTo(PartitionState.RUNNING);
        assertThat(copy.status(10, 1000).lagRecords()).isEqualTo(7);
    }

    @Test
    void anErrorOrAReleaseIsTheStateWhateverTheLag() {
        PartitionCopy failed = copyFrom(0);
        failed.error = "retention gap";
        PartitionCopy released = copyFrom(0);
        released.released = true;

        assertThat(failed.status(0, 1).state()).isEqualTo(PartitionState.ERROR);
        assertThat(failed.status(0, 1).reason()).isEqualTo("retention gap");
        assertThat(failed.active()).isFalse();
        assertThat(released.status(5, 1).state()).isEqualTo(PartitionState.RELEASED);
        assertThat(released.active()).isFalse();
    }

    @Test
    void aDrainIsReachedOnceEverythingBelowItsEndIsCovered() {
        PartitionCopy copy = copyFrom(10);
        copy.drainTo = 13L;
        copy.map.copied(10, 0);
        assertThat(copy.drainReached()).isFalse();
        copy.map.readUpTo(13);
        assertThat(copy.drainReached()).isTrue();
    }

    @Test
    void aRecreatedTopicIsNamedWithBothIds() {
        assertThat(PartitionRecovery.recreated("orders", "a", "a")).isEmpty();
        assertThat(PartitionRecovery.recreated("orders", null, "b")).isEmpty();
        assertThat(PartitionRecovery.recreated("orders", "a", "b"))
                .get()
                .asString()
                .contains("deleted and recreated (topic id a became b)");
    }
}
