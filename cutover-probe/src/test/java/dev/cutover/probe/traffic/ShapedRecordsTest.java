package dev.cutover.probe.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapedRecordsTest {
    private static TopicShape shape(Map<String, String> configs, long bytes) {
        return new TopicShape("t", configs, "test", bytes, "test", 3, "test", !configs.containsValue("compact"), true);
    }

    @Test
    void theLargestRecordHasExactlyTheWantedSizeBound() {
        ProbeRecord r = ShapedRecords.largest(shape(Map.of(), 200_000), "run", 1L, new Random(1));

        assertThat(ShapedRecords.sizeBound(r.key(), r.value(), r.headers())).isEqualTo(200_000);
        assertThat(r.headers()).hasSize(3);
    }

    @Test
    void ordinaryRecordsHaveATombstoneAndANullKeyOnlyWhereAllowed() {
        List<ProbeRecord> open = ShapedRecords.ordinary(shape(Map.of(), 10), "a", 1L, new Random(1));
        List<ProbeRecord> compacted =
                ShapedRecords.ordinary(shape(Map.of("cleanup.policy", "compact"), 10), "b", 1L, new Random(1));

        assertThat(open).anyMatch(r -> r.value() == null).anyMatch(r -> r.key() == null);
        assertThat(compacted).anyMatch(r -> r.value() == null).noneMatch(r -> r.key() == null);
        assertThat(open.get(0).headers()).anyMatch(h -> h.value() == null);
    }

    @Test
    void comparisonNamesMissingExtraDuplicateAndAlteredRecords() {
        List<ProbeRecord> written = ShapedRecords.ordinary(shape(Map.of(), 10), "a", 100L, new Random(1));
        List<ProbeRecord> read = new ArrayList<>(written);

        assertThat(ShapedRecords.compare(written, read, true)).isEmpty();

        ProbeRecord first = written.get(0);
        byte[] altered = first.value().clone();
        altered[0]++;
        read.set(0, new ProbeRecord(first.key(), altered, first.headers(), first.timestamp()));
        read.remove(1);
        read.add(written.get(2));
        read.add(ShapedRecords.record("stranger", null, null, 1, 5L));

        assertThat(ShapedRecords.compare(written, read, true))
                .containsExactlyInAnyOrder(
                        "a-keyed: value differs (100 bytes written, 100 read)",
                        "a-tombstone missing",
                        "a-nullkey read twice",
                        "stranger read but never written");
    }

    @Test
    void timestampsAreComparedOnlyWhenTheTopicKeepsThem() {
        ProbeRecord w = ShapedRecords.record("x", new byte[] {1}, new byte[] {2}, 2, 100L);
        ProbeRecord r = new ProbeRecord(w.key(), w.value(), w.headers(), 999L);

        assertThat(ShapedRecords.compare(List.of(w), List.of(r), true))
                .containsExactly("x: timestamp 100 written, 999 read");
        assertThat(ShapedRecords.compare(List.of(w), List.of(r), false)).isEmpty();
    }
}
