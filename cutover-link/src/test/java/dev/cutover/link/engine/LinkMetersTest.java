package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.PartitionState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The link's meters: stop reasons in a bounded set, statuses as of the last checkpoint, counts from the start. */
class LinkMetersTest {
    @Test
    void everyReasonTheEngineGivesMapsToItsLabel() {
        // The texts the engine's parts stop partitions with (TransactionWriter, Following, PartitionRecovery)
        assertThat(LinkMeters.StopReason.of(
                        "retention gap: source offsets 5 to 9 were deleted before they were copied"))
                .isEqualTo(LinkMeters.StopReason.RETENTION_GAP);
        assertThat(LinkMeters.StopReason.of(
                        "the source partition was truncated below what the link had read (copied up to 7)"))
                .isEqualTo(LinkMeters.StopReason.TRUNCATED);
        assertThat(LinkMeters.StopReason.of("a foreign write: target offsets 3 to 3 hold a record this link did not"))
                .isEqualTo(LinkMeters.StopReason.FOREIGN_WRITE);
        assertThat(LinkMeters.StopReason.of("source topic orders was deleted"))
                .isEqualTo(LinkMeters.StopReason.SOURCE_DELETED);
        assertThat(LinkMeters.StopReason.of(
                        "source topic orders was deleted and recreated (topic id a became b); its new data is not"))
                .isEqualTo(LinkMeters.StopReason.RECREATED);
        assertThat(LinkMeters.StopReason.of("the target partition already holds records (end offset 4)"))
                .isEqualTo(LinkMeters.StopReason.TARGET_NOT_EMPTY);
        assertThat(LinkMeters.StopReason.of(null)).isEqualTo(LinkMeters.StopReason.OTHER);
    }

    @Test
    void gaugesShowTheLastCheckpointAndCountStoppedPartitionsByReason() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LinkMeters meters = new LinkMeters("orders", () -> LinkHandle.State.RUNNING);
        TopicPartition p0 = new TopicPartition("orders", 0);
        // What happens before the meters are bound counts too: a registry bound after the first checkpoint misses
        // nothing (a caught-up partition's status is not written again)
        meters.copied(p0, 10, 100);
        meters.checkpointed(List.of(status("orders", 2, PartitionState.CAUGHT_UP, null, 7, 7)), 1, 20);
        meters.bindTo(registry);
        assertThat(registry.get("cutover.link.partition.state")
                        .tag("partition", "2")
                        .tag("state", "caught_up")
                        .gauge()
                        .value())
                .isEqualTo(1);

        meters.copied(p0, 5, 50);
        meters.committed(2_000_000, 5, 50);
        meters.checkpointed(
                List.of(
                        status("orders", 0, PartitionState.RUNNING, null, 5, 8),
                        status(
                                "orders",
                                1,
                                PartitionState.ERROR,
                                "retention gap: source offsets 0 to 3 were deleted",
                                0,
                                4)),
                2,
                40);

        assertThat(registry.get("cutover.link.copied.records")
                        .tag("partition", "0")
                        .functionCounter()
                        .count())
                .isEqualTo(15);
        assertThat(registry.get("cutover.link.lag.records")
                        .tag("partition", "0")
                        .gauge()
                        .value())
                .isEqualTo(3);
        assertThat(registry.get("cutover.link.partition.state")
                        .tag("partition", "1")
                        .tag("state", "error")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("cutover.link.partitions")
                        .tag("state", "caught_up")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("cutover.link.partitions.stopped")
                        .tag("reason", "retention_gap")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("cutover.link.partitions.stopped")
                        .tag("reason", "other")
                        .gauge()
                        .value())
                .isZero();
        assertThat(registry.get("cutover.link.offset.map.chunks")
                        .functionCounter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get("cutover.link.checkpoints").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("cutover.link.transaction.commit").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("cutover.link.state")
                        .tag("state", "running")
                        .gauge()
                        .value())
                .isEqualTo(1);
    }

    @Test
    void aNewHandleOfTheSameLinkTakesItsSeriesOver() {
        // Given a reverse copy's meters bound, then the reverse copy started again (a new handle, same link name)
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LinkMeters first = new LinkMeters("orders-reverse", () -> LinkHandle.State.STOPPED);
        first.bindTo(registry);
        first.checkpointed(List.of(status("orders", 0, PartitionState.RUNNING, null, 1, 9)), 0, 0);
        LinkMeters second = new LinkMeters("orders-reverse", () -> LinkHandle.State.RUNNING);
        second.bindTo(registry);
        second.checkpointed(List.of(status("orders", 0, PartitionState.CAUGHT_UP, null, 9, 9)), 0, 0);

        // Then the series show the new handle, once each
        assertThat(registry.get("cutover.link.state")
                        .tag("state", "running")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("cutover.link.lag.records").gauges()).hasSize(1);
        assertThat(registry.get("cutover.link.lag.records").gauge().value()).isZero();
    }

    private static LinkState.PartitionStatus status(
            String topic, int partition, PartitionState state, String reason, long replicatedTo, long end) {
        return new LinkState.PartitionStatus(
                LinkState.VERSION,
                topic,
                partition,
                "id",
                state,
                reason,
                replicatedTo,
                end,
                end - replicatedTo,
                0,
                0,
                null,
                null);
    }
}
