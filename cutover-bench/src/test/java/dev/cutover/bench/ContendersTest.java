package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
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
}
