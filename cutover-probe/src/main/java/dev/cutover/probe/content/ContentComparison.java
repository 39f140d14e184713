package dev.cutover.probe.content;

import dev.cutover.config.ClusterConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Compares topics that are written to both clusters (no link copies them) by content, over a time window that ends
 * {@code settle} before now: a record written to one cluster within the window must be on the other. Both sides are
 * read from the window's start less the margin up to their last stable offsets when the read began; every record is
 * kept as a fingerprint only. Reads only.
 */
public final class ContentComparison implements AutoCloseable {
    private final ContentReader source;
    private final ContentReader target;

    public ContentComparison(ClusterConnection source, ClusterConnection target) {
        this.source = new ContentReader(source);
        this.target = new ContentReader(target);
    }

    /**
     * Compares each topic over the window of length {@code window} that ends {@code settle} before {@code now}; the
     * margin is {@code settle} too (how far apart in time the two writes of one record may be).
     */
    public ContentReport compare(
            List<String> topics, Instant now, Duration window, Duration settle, Consumer<String> progress)
            throws InterruptedException {
        Instant to = now.minus(settle);
        Instant from = to.minus(window);
        long readFrom = from.minus(settle).toEpochMilli();
        List<TopicContent> results = new ArrayList<>();
        for (String topic : topics) {
            progress.accept("comparing " + topic + " from " + from + " to " + to);
            List<ContentRecord> s = read(source, topic, readFrom);
            List<ContentRecord> t = read(target, topic, readFrom);
            boolean compacted = source.compacted(topic) || target.compacted(topic);
            results.add(ContentMatch.compare(topic, s, t, from.toEpochMilli(), to.toEpochMilli(), compacted));
        }
        return new ContentReport(from, to, settle, results);
    }

    private static List<ContentRecord> read(ContentReader side, String topic, long fromMs) throws InterruptedException {
        List<TopicPartition> partitions = side.partitions(topic);
        Map<TopicPartition, Long> ends = side.ends(partitions);
        Map<TopicPartition, Long> starts = side.offsetsAt(partitions, fromMs);
        return side.read(starts, ends);
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
