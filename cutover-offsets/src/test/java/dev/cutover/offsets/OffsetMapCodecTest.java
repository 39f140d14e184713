package dev.cutover.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetMapCodecTest {
    private static final int RUNS_PER_DAY_AT_10_TX_PER_SECOND = 10 * 86_400;

    private static PartitionOffsetMap sample() {
        return PartitionOffsetMap.builder(1_000, 3)
                .sourceLogStart(900)
                .targetLogStart(3)
                .copiedRun(1_000, 3, 10)
                .readUpTo(1_011)
                .copiedRun(1_011, 13, 5)
                .copiedRun(1_500, 18, 1)
                .copiedRun(1_501, 25, 2)
                .readUpTo(1_600)
                .writesNextAt(30)
                .build();
    }

    @Test
    void wholeMapsRoundTrip() {
        List<PartitionOffsetMap> maps = List.of(
                PartitionOffsetMap.empty(0, 0),
                PartitionOffsetMap.empty(Long.MAX_VALUE / 2, 12),
                sample(),
                sample().trimBelowSource(1_505),
                PartitionOffsetMap.builder(0, 0).copiedRun(0, 0, 1L << 40).build());
        for (PartitionOffsetMap map : maps) {
            byte[] bytes = OffsetMapCodec.encode(map);
            assertThat(bytes[0]).isEqualTo(OffsetMapCodec.VERSION);
            assertThat(OffsetMapCodec.decode(bytes)).as("%s", map).isEqualTo(map);
        }
    }

    @Test
    void incrementsRebuildTheMap() {
        // Given a persisted snapshot, then appends that extend the last run and add new ones
        PartitionOffsetMap.Builder b = PartitionOffsetMap.builder(0, 0).copiedRun(0, 0, 10);
        PartitionOffsetMap first = b.build();
        byte[] snapshot = OffsetMapCodec.encode(first);
        PartitionOffsetMap second = b.copiedRun(10, 10, 5).readUpTo(16).build();
        byte[] inc1 = OffsetMapCodec.encodeIncrement(second, first.coveredTo());
        PartitionOffsetMap third =
                b.copiedRun(20, 15, 3).readUpTo(30).writesNextAt(19).build();
        byte[] inc2 = OffsetMapCodec.encodeIncrement(third, second.coveredTo());

        // When
        PartitionOffsetMap restored =
                OffsetMapCodec.applyIncrements(OffsetMapCodec.decode(snapshot), List.of(inc1, inc2));

        // Then
        assertThat(restored).isEqualTo(third);
        assertThat(restored.runCount()).isEqualTo(2);
        assertThat(OffsetMapCodec.applyIncrement(OffsetMapCodec.applyIncrement(first, inc1), inc2))
                .isEqualTo(third);
        // replaying an increment a later snapshot already contains is a no-op
        assertThat(OffsetMapCodec.applyIncrements(third, List.of(inc1, inc2))).isEqualTo(third);
        // a missing increment is not papered over
        assertThatThrownBy(() -> OffsetMapCodec.applyIncrement(first, inc2))
                .isInstanceOf(OffsetMapFormatException.class)
                .hasMessageContaining("an increment is missing or out of order");
        // an increment that only moves coveredTo
        PartitionOffsetMap fourth = third.toBuilder().readUpTo(31).build();
        assertThat(OffsetMapCodec.applyIncrement(third, OffsetMapCodec.encodeIncrement(fourth, 30)))
                .isEqualTo(fourth);
    }

    @Test
    void unknownVersionsAndKindsAreRejected() {
        byte[] bytes = OffsetMapCodec.encode(sample());
        bytes[0] = 2;
        assertThatThrownBy(() -> OffsetMapCodec.decode(bytes))
                .isInstanceOf(OffsetMapFormatException.class)
                .hasMessageContaining("unknown offset map format version 2");
        byte[] increment = OffsetMapCodec.encodeIncrement(sample(), 1_011);
        assertThatThrownBy(() -> OffsetMapCodec.decode(increment))
                .isInstanceOf(OffsetMapFormatException.class)
                .hasMessageContaining("expected a whole offset map but got an offset map increment");
        assertThatThrownBy(() -> OffsetMapCodec.applyIncrement(sample(), OffsetMapCodec.encode(sample())))
                .isInstanceOf(OffsetMapFormatException.class);
    }

    @Test
    void corruptInputIsRejectedWithAFormatException() {
        byte[] bytes = OffsetMapCodec.encode(sample());
        for (int len = 0; len < bytes.length; len++) {
            byte[] prefix = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> OffsetMapCodec.decode(prefix))
                    .as("prefix of %d bytes", len)
                    .isInstanceOf(OffsetMapFormatException.class);
        }
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> OffsetMapCodec.decode(trailing)).hasMessageContaining("trailing bytes");
        byte[] longVarInt = {1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
        assertThatThrownBy(() -> OffsetMapCodec.decode(longVarInt)).isInstanceOf(OffsetMapFormatException.class);
        byte[] tooManyRuns = {1, 0, 0, 0, 0, 0, 100, 0, 0};
        assertThatThrownBy(() -> OffsetMapCodec.decode(tooManyRuns)).hasMessageContaining("cannot fit");
        assertThatThrownBy(() -> OffsetMapCodec.decode(null)).isInstanceOf(OffsetMapFormatException.class);

        // random bit flips: either a valid map or a format exception, never anything else
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] flipped = bytes.clone();
            flipped[2 + random.nextInt(bytes.length - 2)] ^= (byte) (1 << random.nextInt(8));
            try {
                OffsetMapCodec.decode(flipped);
            } catch (OffsetMapFormatException expected) {
                // fine
            }
        }
    }

    @Test
    void sizeOfADayOfRuns() {
        // (a) gapless topic: one run, whatever the rate (here 1,000 records/s for a day)
        PartitionOffsetMap gapless = PartitionOffsetMap.builder(0, 0)
                .copiedRun(0, 0, 86_400_000L)
                .readUpTo(86_400_000L)
                .build();
        int gaplessBytes = OffsetMapCodec.encode(gapless).length;

        // (b) transactional source, 10 transactions/s, one marker each: 864,000 runs a day
        int small = encodedDayOfTransactions(10);
        int large = encodedDayOfTransactions(100);

        // irregular gaps (compaction / aborted transactions)
        Random random = new Random(7);
        PartitionOffsetMap.Builder b = PartitionOffsetMap.builder(0, 0);
        long s = 0;
        long t = 0;
        for (int i = 0; i < RUNS_PER_DAY_AT_10_TX_PER_SECOND; i++) {
            int length = 1 + random.nextInt(50);
            b.copiedRun(s, t, length);
            s += length + 2 + random.nextInt(200);
            t += length;
        }
        int irregular = OffsetMapCodec.encode(b.readUpTo(s).build()).length;

        System.out.printf(
                "offset map size: gapless day %d bytes; 864,000 runs of 10 records %d bytes (%.2f B/run), of 100"
                        + " records %d bytes (%.2f B/run); irregular gaps %d bytes (%.2f B/run)%n",
                gaplessBytes,
                small,
                small / (double) RUNS_PER_DAY_AT_10_TX_PER_SECOND,
                large,
                large / (double) RUNS_PER_DAY_AT_10_TX_PER_SECOND,
                irregular,
                irregular / (double) RUNS_PER_DAY_AT_10_TX_PER_SECOND);
        assertThat(gaplessBytes).isLessThan(30);
        assertThat(small).isLessThanOrEqualTo(RUNS_PER_DAY_AT_10_TX_PER_SECOND + 30);
        assertThat(large).isLessThanOrEqualTo(2 * RUNS_PER_DAY_AT_10_TX_PER_SECOND + 30);
        assertThat(irregular).isLessThanOrEqualTo(3 * RUNS_PER_DAY_AT_10_TX_PER_SECOND + 30);
    }

    private static int encodedDayOfTransactions(int recordsPerTransaction) {
        PartitionOffsetMap.Builder b = PartitionOffsetMap.builder(0, 0);
        long s = 0;
        long t = 0;
        for (int i = 0; i < RUNS_PER_DAY_AT_10_TX_PER_SECOND; i++) {
            b.copiedRun(s, t, recordsPerTransaction);
            s += recordsPerTransaction + 1; // the commit marker
            t += recordsPerTransaction;
            b.readUpTo(s);
        }
        PartitionOffsetMap map = b.build();
        assertThat(map.runCount()).isEqualTo(RUNS_PER_DAY_AT_10_TX_PER_SECOND);
        byte[] bytes = OffsetMapCodec.encode(map);
        assertThat(OffsetMapCodec.decode(bytes)).isEqualTo(map);
        return bytes.length;
    }
}
