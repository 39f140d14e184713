package dev.cutover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetTranslationTest {

    @Test
    void replayedAndSkippedAreSummedPerPartition() {
        // Given a group committed at 100 in three partitions, translated behind, ahead and not at all
        Map<Integer, Long> committed = Map.of(0, 100L, 1, 100L, 2, 100L);
        Map<Integer, Long> translated = Map.of(0, 60L, 1, 110L);

        // When compared
        OffsetTranslation t = OffsetTranslation.of(committed, translated);

        // Then behind counts as replayed, ahead as skipped, the missing partition apart
        assertThat(t).isEqualTo(new OffsetTranslation(200, 170, 40, 10, 1));
        assertThat(t.exact()).isFalse();
        assertThat(OffsetTranslation.of(committed, committed).exact()).isTrue();
    }
}
