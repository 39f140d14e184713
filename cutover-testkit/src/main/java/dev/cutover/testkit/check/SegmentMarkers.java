package dev.cutover.testkit.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.FileLogInputStream;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * The transaction markers of one partition as a broker holds them on disk, which no consumer shows (a read_committed
 * consumer skips control batches, a read_uncommitted one too): read from the segment files ({@code *.log}) of the
 * partition's directory in a broker's log directory, in offset order. The broker may be running: segments are only
 * appended to, and an incomplete batch at the end of the active segment is not read.
 *
 * <p>A <em>repeated marker</em> is a marker of a producer followed by another marker of the same producer with no data
 * batch of that producer between them: a transaction coordinator that died while writing a transaction's markers, and
 * its successor wrote them again. Each marker takes an offset, so a writer that predicts its next offset from one
 * marker per transaction is off by one after it.
 */
public final class SegmentMarkers {
    private SegmentMarkers() {}

    /** COMMIT or ABORT. */
    public enum Type {
        COMMIT,
        ABORT
    }

    /** One transaction marker. */
    public record Marker(long offset, long producerId, short producerEpoch, Type type, int coordinatorEpoch) {
        @Override
        public String toString() {
            return type + "@" + offset + " (producer " + producerId + ", epoch " + producerEpoch
                    + ", coordinator epoch " + coordinatorEpoch + ")";
        }
    }

    /** A marker directly followed by another of the same producer, with none of its data in between. */
    public record Repeat(Marker first, Marker second) {
        @Override
        public String toString() {
            return first + " then " + second;
        }
    }

    /** What one replica of a partition holds. */
    public record PartitionMarkers(TopicPartition partition, List<Marker> markers, List<Repeat> repeats) {
        public PartitionMarkers {
            markers = List.copyOf(markers);
            repeats = List.copyOf(repeats);
        }
    }

    /**
     * Reads the partition's replica in {@code logDir} (a broker's {@code log.dirs} entry).
     *
     * @throws UncheckedIOException if the directory holds no replica of the partition or cannot be read
     */
    public static PartitionMarkers read(Path logDir, TopicPartition partition) {
        Path dir = logDir.resolve(partition.topic() + "-" + partition.partition());
        List<Marker> markers = new ArrayList<>();
        List<Repeat> repeats = new ArrayList<>();
        Map<Long, Marker> lastMarkerWithoutData = new HashMap<>();
        for (Path segment : segments(dir)) {
            FileRecords records = open(segment);
            try {
                for (RecordBatch batch : records.batches()) {
                    if (!batch.isControlBatch()) {
                        lastMarkerWithoutData.remove(batch.producerId());
                        continue;
                    }
                    for (Marker marker : markersOf(batch)) {
                        markers.add(marker);
                        Marker previous = lastMarkerWithoutData.put(marker.producerId(), marker);
                        if (previous != null) {
                            repeats.add(new Repeat(previous, marker));
                        }
                    }
                }
            } finally {
                closeQuietly(records);
            }
        }
        return new PartitionMarkers(partition, markers, repeats);
    }

    /** The transaction markers of a control batch (a control batch may hold other control records). */
    private static List<Marker> markersOf(RecordBatch batch) {
        List<Marker> markers = new ArrayList<>();
        for (Record record : batch) {
            ControlRecordType type = ControlRecordType.parse(record.key());
            if (type == ControlRecordType.COMMIT || type == ControlRecordType.ABORT) {
                markers.add(new Marker(
                        record.offset(),
                        batch.producerId(),
                        batch.producerEpoch(),
                        type == ControlRecordType.COMMIT ? Type.COMMIT : Type.ABORT,
                        EndTransactionMarker.deserialize(record).coordinatorEpoch()));
            }
        }
        return markers;
    }

    /**
     * Follows one replica's log as the broker appends to it, for a test that must act the moment a marker lands (kill
     * the coordinator between the first marker written and the commit completed, say). Starts at the log's end when
     * made; each {@link #poll()} returns the markers appended since, following the log onto new segments.
     */
    public static final class Tail {
        private final Path dir;
        private Path segment;
        private int position;

        private Tail(Path dir) {
            this.dir = dir;
            List<Path> segments = segments(dir);
            this.segment = segments.get(segments.size() - 1);
            this.position = (int) sizeOf(segment);
        }

        /** From the current end of the partition's replica in {@code logDir}. */
        public static Tail fromEnd(Path logDir, TopicPartition partition) {
            return new Tail(logDir.resolve(partition.topic() + "-" + partition.partition()));
        }

        /** The markers appended since the last poll (or since this tail was made), in offset order. */
        public List<Marker> poll() {
            List<Marker> found = new ArrayList<>();
            while (true) {
                FileRecords records = open(segment);
                try {
                    for (FileLogInputStream.FileChannelRecordBatch batch : records.batchesFrom(position)) {
                        position = batch.position() + batch.sizeInBytes();
                        if (batch.isControlBatch()) {
                            found.addAll(markersOf(batch));
                        }
                    }
                } finally {
                    closeQuietly(records);
                }
                // The broker appends to the newest segment only: once a newer one exists, this one is complete.
                Path next = segments(dir).stream()
                        .filter(f -> baseOffset(f) > baseOffset(segment))
                        .findFirst()
                        .orElse(null);
                if (next == null) {
                    return found;
                }
                segment = next;
                position = 0;
            }
        }

        private static long sizeOf(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read segment " + file, e);
            }
        }
    }

    /** Read-only: a broker may be appending to the segment. */
    private static FileRecords open(Path segment) {
        try {
            return FileRecords.open(segment.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment " + segment, e);
        }
    }

    /** Closes the file without {@link FileRecords#close()}, which would trim it to the size it had when opened. */
    private static void closeQuietly(FileRecords records) {
        try {
            records.closeHandlers();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }

    /** The partition's segment files by base offset (a segment's file name is its base offset). */
    private static List<Path> segments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .sorted(Comparator.comparingLong(SegmentMarkers::baseOffset))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the replica directory " + dir, e);
        }
    }

    private static long baseOffset(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }
}
