package dev.cutover.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.offsets.PartitionOffsetMap.Run;
import dev.cutover.offsets.Translation.Exact;
import dev.cutover.offsets.Translation.NotCovered;
import dev.cutover.offsets.Translation.NotYetReplicated;
import org.junit.jupiter.api.Test;

class PartitionOffsetMapTest {

    @Test
    void emptyMapTranslatesOnlyItsStartingPoint() {
        // Given a link that started reading at source 10 and writing at target 5, and copied nothing yet
        PartitionOffsetMap map = PartitionOffsetMap.empty(10, 5);

        // Then
        assertThat(map.runCount()).isZero();
        assertThat(map.translate(10)).isEqualTo(new Exact(5));
        assertThat(map.translate(11)).isEqualTo(new NotYetReplicated(10));
        assertThat(map.translate(9)).isInstanceOf(NotCovered.class);
        assertThat(map.translateReverse(5)).isEqualTo(new Exact(10));
        assertThat(map.translateReverse(6)).isEqualTo(new NotYetReplicated(5));
        assertThat(map.translateReverse(4)).isEqualTo(new NotCovered(5, ((NotCovered) map.translateReverse(4)).why()));
    }

    @Test
    void gaplessTopicIsOneRunHoweverManyRecords() {
        // Given 100,000 records copied one by one, at a target that already held 7 records
        PartitionOffsetMap.Builder b = PartitionOffsetMap.builder(0, 7);
        for (long s = 0; s < 100_000; s++) {
            b.copied(s, s + 7);
        }
        PartitionOffsetMap map = b.readUpTo(100_000).build();

        // Then
        assertThat(map.runs()).containsExactly(new Run(0, 7, 100_000));
        assertThat(map.translate(0)).isEqualTo(new Exact(7));
        assertThat(map.translate(99_999)).isEqualTo(new Exact(100_006));
        assertThat(map.translate(100_000)).isEqualTo(new Exact(100_007));
        assertThat(map.translate(100_001)).isEqualTo(new NotYetReplicated(100_000));
        assertThat(map.translateReverse(50_007)).isEqualTo(new Exact(50_000));
    }

    @Test
    void compactionGapsResumeAtTheNextSurvivingRecord() {
        // Given source offsets 0, 3, 4, 9 survived compaction; the link read up to 12
        PartitionOffsetMap map =
                PartitionOffsetMap.empty(0, 0).withCopied(new long[] {0, 3, 4, 9}, new long[] {0, 1, 2, 3}, 12);

        // Then
        assertThat(map.runs()).containsExactly(new Run(0, 0, 1), new Run(3, 1, 2), new Run(9, 3, 1));
        assertThat(map.translate(1)).isEqualTo(new Exact(1));
        assertThat(map.translate(3)).isEqualTo(new Exact(1));
        assertThat(map.translate(4)).isEqualTo(new Exact(2));
        assertThat(map.translate(5)).isEqualTo(new Exact(3));
        assertThat(map.translate(10)).isEqualTo(new Exact(4));
        assertThat(map.translate(12)).isEqualTo(new Exact(4));
        assertThat(map.translate(13)).isEqualTo(new NotYetReplicated(12));
        assertThat(map.translateReverse(1)).isEqualTo(new Exact(3));
        assertThat(map.translateReverse(3)).isEqualTo(new Exact(9));
        assertThat(map.translateReverse(4)).isEqualTo(new Exact(12));
    }

    @Test
    void abortedTransactionAndMarkersAreSkipped() {
        // Given a committed transaction at 0..4 (marker 5), an aborted one at 6..9 (marker 10), then records 11, 12
        PartitionOffsetMap map = PartitionOffsetMap.builder(0, 0)
                .copiedRun(0, 0, 5)
                .readUpTo(11)
                .copiedRun(11, 5, 2)
                .readUpTo(13)
                .build();

        // Then a group that committed anywhere in the marker/aborted stretch resumes at record 11 (target 5)
        assertThat(map.runs()).containsExactly(new Run(0, 0, 5), new Run(11, 5, 2));
        for (long s = 5; s <= 11; s++) {
            assertThat(map.translate(s)).as("S=%d", s).isEqualTo(new Exact(5));
        }
        assertThat(map.translate(12)).isEqualTo(new Exact(6));
        assertThat(map.translate(13)).isEqualTo(new Exact(7));
        assertThat(map.translateReverse(5)).isEqualTo(new Exact(11));
        assertThat(map.translateReverse(4)).isEqualTo(new Exact(4));
        assertThat(map.translateReverse(7)).isEqualTo(new Exact(13));
        assertThat(map.translateReverse(8)).isEqualTo(new NotYetReplicated(7));
    }

    @Test
    void trailingControlRecordMapsToTargetNext() {
        // Given records 0..9 copied and the commit marker at 10 read
        PartitionOffsetMap map = PartitionOffsetMap.builder(0, 0)
                .copiedRun(0, 0, 10)
                .readUpTo(11)
                .build();

        // Then S = last + 1 (the marker) and S = coveredTo both resume at the next record the link writes
        assertThat(map.translate(0)).isEqualTo(new Exact(0));
        assertThat(map.translate(9)).isEqualTo(new Exact(9));
        assertThat(map.translate(10)).isEqualTo(new Exact(10));
        assertThat(map.translate(11)).isEqualTo(new Exact(10));
        assertThat(map.translate(12)).isEqualTo(new NotYetReplicated(11));
        assertThat(map.translateReverse(10)).isEqualTo(new Exact(11));
    }

    @Test
    void linkStartedLateDoesNotCoverEarlierOffsets() {
        // Given a link started at "latest" = 100 on a source whose log starts at 40
        PartitionOffsetMap map = PartitionOffsetMap.builder(100, 0)
                .sourceLogStart(40)
                .copiedRun(102, 0, 3)
                .readUpTo(105)
                .build();

        // Then offsets before 100 may hold records never copied
        Translation t = map.translate(99);
        assertThat(t).isInstanceOf(NotCovered.class);
        assertThat(((NotCovered) t).coveredFrom()).isEqualTo(100);
        assertThat(((NotCovered) t).why()).contains("started reading the source at offset 100");
        assertThat(map.translate(100)).isEqualTo(new Exact(0));
        assertThat(map.translate(102)).isEqualTo(new Exact(0));
        assertThat(map.translate(103)).isEqualTo(new Exact(1));
    }

    @Test
    void linkStartedAtLogStartCoversEverythingBelowIt() {
        // Given a link started at the source's log start 100
        PartitionOffsetMap map = PartitionOffsetMap.builder(100, 0)
                .sourceLogStart(100)
                .copiedRun(102, 0, 3)
                .readUpTo(105)
                .build();

        // Then [S, 100) held nothing readable: S below maps to the first copied record
        assertThat(map.translate(0)).isEqualTo(new Exact(0));
        assertThat(map.translate(99)).isEqualTo(new Exact(0));
        assertThat(PartitionOffsetMap.builder(100, 3)
                        .sourceLogStart(100)
                        .build()
                        .translate(5))
                .isEqualTo(new Exact(3));
    }

    @Test
    void reverseTranslationBelowTheLinksFirstWriteNeedsAnEmptyTarget() {
        // Given a link that started writing at target offset 50
        PartitionOffsetMap.Builder b =
                PartitionOffsetMap.builder(0, 50).copiedRun(4, 50, 3).readUpTo(8);

        // Then offsets below 50 are other writers' records, unless the target was empty (its log start was 50)
        assertThat(b.build().translateReverse(49)).isInstanceOf(NotCovered.class);
        assertThat(b.build().translateReverse(50)).isEqualTo(new Exact(4));
        assertThat(b.build().translateReverse(53)).isEqualTo(new Exact(8));
        assertThat(b.build().translateReverse(54)).isEqualTo(new NotYetReplicated(53));
        assertThat(b.targetLogStart(50).build().translateReverse(0)).isEqualTo(new Exact(4));
    }

    @Test
    void appendsThatBreakTheInvariantsAreRejected() {
        PartitionOffsetMap.Builder b = PartitionOffsetMap.builder(0, 0).copied(5, 5);

        assertThatThrownBy(() -> b.copied(5, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source offset 5 is below coveredTo 6");
        assertThatThrownBy(() -> b.copied(4, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.copied(6, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target offset 5 is below targetNext 6");
        b.readUpTo(10);
        assertThatThrownBy(() -> b.copied(9, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below coveredTo 10");
        assertThatThrownBy(() -> b.readUpTo(9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot move back");
        assertThatThrownBy(() -> b.writesNextAt(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.copiedRun(10, 6, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionOffsetMap.builder(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionOffsetMap.empty(0, 0).withCopied(new long[] {1}, new long[0], 2))
                .isInstanceOf(IllegalArgumentException.class);
        // the builder is still usable after a rejected append
        assertThat(b.copied(10, 6).build().runs()).containsExactly(new Run(5, 5, 1), new Run(10, 6, 1));
    }

    @Test
    void trimmingKeepsTranslationsAtOrAboveTheCut() {
        // Given runs [0,10)→[0,10), [20,30)→[10,20), [40,50)→[20,30), read up to 55
        PartitionOffsetMap map = PartitionOffsetMap.builder(0, 0)
                .copiedRun(0, 0, 10)
                .copiedRun(20, 10, 10)
                .copiedRun(40, 20, 10)
                .readUpTo(55)
                .build();

        // When the source's log start moves to 25
        PartitionOffsetMap trimmed = map.trimBelowSource(25);

        // Then the run wholly below goes, the straddling one stays whole
        assertThat(trimmed.runs()).containsExactly(new Run(20, 10, 10), new Run(40, 20, 10));
        assertThat(trimmed.sourceLogStart()).isEqualTo(25);
        for (long s = 25; s <= 56; s++) {
            assertThat(trimmed.translate(s)).as("S=%d", s).isEqualTo(map.translate(s));
        }
        // below the log start: the first record still there
        assertThat(trimmed.translate(3)).isEqualTo(new Exact(15));
        assertThat(trimmed.translateReverse(0)).isEqualTo(new Exact(25));
        assertThat(trimmed.translateReverse(16)).isEqualTo(new Exact(26));
        // trimming past everything copied
        PartitionOffsetMap gone = map.trimBelowSource(52);
        assertThat(gone.runCount()).isZero();
        assertThat(gone.translate(0)).isEqualTo(new Exact(30));
        assertThat(gone.translateReverse(0)).isEqualTo(new Exact(55));
        assertThat(map.trimBelowSource(60).translate(0)).isEqualTo(new NotYetReplicated(55));
    }
}
