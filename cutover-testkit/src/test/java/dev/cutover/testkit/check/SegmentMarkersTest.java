package dev.cutover.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.testkit.check.SegmentMarkers.Marker;
import dev.cutover.testkit.check.SegmentMarkers.Type;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentMarkersTest {
    private static final TopicPartition TP = new TopicPartition("t", 3);

    @TempDir
    Path logDir;

    @Test
    void findsEveryMarkerAndTheOnesWrittenTwiceAcrossSegments() throws Exception {
        // Given two segments: producer 7 commits once twice (coordinator epochs 5 and 6), then aborts;
        // producer 9 commits, and its marker is repeated in the next segment; the last batch is torn
        Path dir = Files.createDirectories(logDir.resolve("t-3"));
        try (FileRecords first =
                FileRecords.open(dir.resolve("00000000000000000000.log").toFile())) {
            first.append(data(0, 7, "a", "b"));
            first.append(marker(2, 7, ControlRecordType.COMMIT, 5));
            first.append(marker(3, 7, ControlRecordType.COMMIT, 6));
            first.append(data(4, 7, "c"));
            first.append(marker(5, 7, ControlRecordType.ABORT, 6));
            first.append(data(6, 9, "d"));
            first.append(marker(7, 9, ControlRecordType.COMMIT, 6));
        }
        Path second = dir.resolve("00000000000000000008.log");
        try (FileRecords records = FileRecords.open(second.toFile())) {
            records.append(data(8, 7, "e"));
            records.append(marker(9, 7, ControlRecordType.COMMIT, 6));
            records.append(marker(10, 9, ControlRecordType.COMMIT, 6));
        }
        ByteBuffer torn = data(11, 7, "f").buffer();
        byte[] half = new byte[torn.remaining() / 2];
        torn.get(half);
        Files.write(second, half, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("00000000000000000008.index"), "not a segment", StandardCharsets.UTF_8);

        // When its markers are read
        SegmentMarkers.PartitionMarkers read = SegmentMarkers.read(logDir, TP);

        // Then every marker is there in offset order, and the two repeats are found
        assertThat(read.partition()).isEqualTo(TP);
        assertThat(read.markers())
                .extracting(Marker::offset, Marker::producerId, Marker::type, Marker::coordinatorEpoch)
                .containsExactly(
                        tuple(2L, 7L, Type.COMMIT, 5),
                        tuple(3L, 7L, Type.COMMIT, 6),
                        tuple(5L, 7L, Type.ABORT, 6),
                        tuple(7L, 9L, Type.COMMIT, 6),
                        tuple(9L, 7L, Type.COMMIT, 6),
                        tuple(10L, 9L, Type.COMMIT, 6));
        assertThat(read.repeats())
                .extracting(r -> r.first().offset(), r -> r.second().offset())
                .containsExactly(tuple(2L, 3L), tuple(7L, 10L));
        assertThat(read.repeats().get(0).toString())
                .isEqualTo("COMMIT@2 (producer 7, epoch 1, coordinator epoch 5) then"
                        + " COMMIT@3 (producer 7, epoch 1, coordinator epoch 6)");
    }

    @Test
    void aTailSeesOnlyTheMarkersAppendedSinceItStartedAcrossASegmentRoll() throws Exception {
        // Given a log with a committed transaction, and a tail started at its end
        Path dir = Files.createDirectories(logDir.resolve("t-3"));
        Path first = dir.resolve("00000000000000000000.log");
        try (FileRecords records = FileRecords.open(first.toFile())) {
            records.append(data(0, 7, "a"));
            records.append(marker(1, 7, ControlRecordType.COMMIT, 5));
        }
        SegmentMarkers.Tail tail = SegmentMarkers.Tail.fromEnd(logDir, TP);
        assertThat(tail.poll()).isEmpty();

        // When the log grows by data and a marker, rolls to a new segment, and grows by another marker
        try (FileRecords records = FileRecords.open(first.toFile())) {
            records.append(data(2, 7, "b"));
            records.append(marker(3, 7, ControlRecordType.ABORT, 5));
        }
        try (FileRecords records =
                FileRecords.open(dir.resolve("00000000000000000004.log").toFile())) {
            records.append(marker(4, 7, ControlRecordType.COMMIT, 6));
        }

        // Then the tail returns just the new markers, in order, once
        assertThat(tail.poll())
                .extracting(Marker::offset, Marker::type)
                .containsExactly(tuple(3L, Type.ABORT), tuple(4L, Type.COMMIT));
        assertThat(tail.poll()).isEmpty();
    }

    @Test
    void aBrokerWithoutAReplicaOfThePartitionIsAnError() {
        assertThatThrownBy(() -> SegmentMarkers.read(logDir, TP))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("t-3");
    }

    private static MemoryRecords data(long offset, long producerId, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(1000L, null, values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withTransactionalRecords(offset, Compression.NONE, producerId, (short) 1, 0, 0, records);
    }

    private static MemoryRecords marker(long offset, long producerId, ControlRecordType type, int coordinatorEpoch) {
        return MemoryRecords.withEndTransactionMarker(
                offset, 1000L, 0, producerId, (short) 1, new EndTransactionMarker(type, coordinatorEpoch));
    }
}
