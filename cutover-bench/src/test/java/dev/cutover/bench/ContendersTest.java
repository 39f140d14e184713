package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ContendersTest {

    @Test
    void everyRunHasTheWriteLimitAndMirrorMakerExactlyOnceBesideTheLink() {
        // When the standard contenders are made
        LinkBenchmark.Contenders all = LinkBenchmark.Contenders.standard((props, id, timeout) -> "fresh link");

        // Then all six run, side by side, in a fixed order
        assertThat(all.all())
                .extracting(Replicator::name)
                .containsExactly(
                        WriteLimitReplicator.NAME,
                        CopyLoopReplicator.NAME,
                        MirrorMakerReplicator.DEFAULTS,
                        MirrorMakerReplicator.TUNED,
                        MirrorMakerReplicator.EXACTLY_ONCE,
                        LinkBenchmark.CUTOVER_LINK,
                        LinkBenchmark.CUTOVER_LINK + " + metrics");
    }

    @Test
    void aChosenSubsetKeepsTheStandardOrder() {
        LinkBenchmark.Contenders some = LinkBenchmark.Contenders.of(
                (props, id, timeout) -> "fresh link",
                EnumSet.of(
                        LinkBenchmark.Contender.named("link"),
                        LinkBenchmark.Contender.named("write-limit"),
                        LinkBenchmark.Contender.named("mm2-exactly-once")));

        assertThat(some.all())
                .extracting(Replicator::name)
                .containsExactly(
                        WriteLimitReplicator.NAME, MirrorMakerReplicator.EXACTLY_ONCE, LinkBenchmark.CUTOVER_LINK);
    }

    @Test
    void anUnknownContenderNamesTheKnownOnes() {
        assertThatThrownBy(() -> LinkBenchmark.Contender.named("mm2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no contender 'mm2'")
                .hasMessageContaining("mm2-exactly-once");
    }

    @Test
    void connectRunsOnlyWhenAskedWithOneWorkerAndWithWorkers() {
        // When the command line asks for nothing, for --connect, for --connect --workers 3, or names them
        ContenderChoice none = ContenderChoice.parse(List.of(), false, OptionalInt.empty());
        ContenderChoice connect = ContenderChoice.parse(List.of(), true, OptionalInt.empty());
        ContenderChoice three = ContenderChoice.parse(List.of("link"), true, OptionalInt.of(3));
        ContenderChoice named =
                ContenderChoice.parse(List.of("connect-2", "mm2-exactly-once"), false, OptionalInt.empty());

        // Then the Connect contenders run only when asked, with 1 worker and with --workers (default 2), last
        assertThat(none.connect()).isFalse();
        assertThat(none.standard()).containsExactlyInAnyOrder(LinkBenchmark.Contender.values());
        assertThat(connect.connectWorkers()).containsExactly(1, 2);
        assertThat(connect.standard()).hasSize(LinkBenchmark.Contender.values().length);
        assertThat(three.connectWorkers()).containsExactly(1, 3);
        assertThat(three.standard()).containsExactly(LinkBenchmark.Contender.LINK);
        assertThat(named.connectWorkers()).containsExactly(2);
        assertThat(named.standard()).containsExactly(LinkBenchmark.Contender.MM2_EXACTLY_ONCE);
        assertThat(ContenderChoice.parse(List.of("link"), true, OptionalInt.of(1))
                        .connectWorkers())
                .containsExactly(1);
    }

    @Test
    void connectContendersAreNamedByTheirWorkersAndFollowTheOthers() {
        LinkBenchmark.Contenders lineup = ContenderChoice.parse(List.of("link"), true, OptionalInt.empty())
                .contenders(
                        (props, id, timeout) -> "fresh link",
                        OptionalInt.empty(),
                        "1g",
                        ConnectLinkReplicator.Producer.LINK);

        assertThat(lineup.all())
                .extracting(Replicator::name)
                .containsExactly(
                        LinkBenchmark.CUTOVER_LINK,
                        "cutover link on Connect, 1 worker",
                        "cutover link on Connect, 2 workers");
    }

    @Test
    void connectTasksDefaultToThePartitionsAtMostFourPerWorker() {
        assertThat(new ConnectLinkReplicator(1, OptionalInt.empty(), "1g", "g", ConnectLinkReplicator.Producer.LINK)
                        .tasksMax(4))
                .isEqualTo(4);
        assertThat(new ConnectLinkReplicator(1, OptionalInt.empty(), "1g", "g", ConnectLinkReplicator.Producer.LINK)
                        .tasksMax(16))
                .isEqualTo(4);
        assertThat(new ConnectLinkReplicator(2, OptionalInt.empty(), "1g", "g", ConnectLinkReplicator.Producer.LINK)
                        .tasksMax(16))
                .isEqualTo(8);
        assertThat(new ConnectLinkReplicator(2, OptionalInt.empty(), "1g", "g", ConnectLinkReplicator.Producer.LINK)
                        .tasksMax(1))
                .isEqualTo(1);
        assertThat(new ConnectLinkReplicator(2, OptionalInt.of(3), "1g", "g", ConnectLinkReplicator.Producer.LINK)
                        .tasksMax(16))
                .isEqualTo(3);
    }

    @Test
    void workersWithoutConnectAndBadConnectNamesSayWhatToDo() {
        assertThatThrownBy(() -> ContenderChoice.parse(List.of(), false, OptionalInt.of(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add --connect");
        assertThatThrownBy(() -> ContenderChoice.parse(List.of("connect-x"), false, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connect-<workers>");
        assertThatThrownBy(() -> ContenderChoice.parse(List.of(), true, OptionalInt.of(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--workers is 1 to 16");
        assertThatThrownBy(() -> ContenderChoice.parse(List.of("mm2"), false, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mm2-exactly-once")
                .hasMessageContaining("connect-<workers>");
    }

    @Test
    void theConnectContendersWriteWithTheLinksProducerSettingsUnlessAskedForTheWorkers() {
        // Given the Connect contender with the link's producer settings (the default) and with the worker's
        ConnectLinkReplicator link =
                new ConnectLinkReplicator(1, OptionalInt.empty(), "1g", "g", ConnectLinkReplicator.Producer.LINK);
        ConnectLinkReplicator worker = new ConnectLinkReplicator(
                1, OptionalInt.empty(), "1g", "g", ConnectLinkReplicator.Producer.named("worker"));

        // Then the first overrides the tasks' producers as the in-process link sets its own, the second leaves them
        assertThat(link.producerOverrides(4))
                .containsEntry("producer.override.linger.ms", "20")
                .containsEntry("producer.override.batch.size", Integer.toString(512 * 1024))
                .containsEntry("producer.override.retry.backoff.ms", "10")
                .containsEntry("producer.override.retry.backoff.max.ms", "100");
        assertThat(worker.producerOverrides(4)).isEmpty();
        assertThat(link.name()).isEqualTo("cutover link on Connect, 1 worker");
        assertThat(worker.name()).isEqualTo("cutover link on Connect, 1 worker, worker's producer");
        assertThatThrownBy(() -> ConnectLinkReplicator.Producer.named("tuned"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("link or worker");
    }
}
