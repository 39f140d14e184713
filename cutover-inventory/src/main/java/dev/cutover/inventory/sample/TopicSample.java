package dev.cutover.inventory.sample;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tails of one topic's partitions showed: how many records were read, from which offsets, and the largest
 * record among them (by {@link RecordSizes#batchSizeUpperBound}).
 *
 * @param records records read, over all partitions
 * @param ranges per partition, the offsets read
 * @param largest the largest record seen; empty when the tails held no record
 * @param traits headers, null keys and tombstones among the records read
 * @param incomplete why not every partition's tail was read to its end (a timeout), if so; what was read still counts
 * @param schemaIds the wire-format schema ids the records read carry, keys and values apart
 */
public record TopicSample(
        String topic,
        long records,
        List<Range> ranges,
        Optional<Largest> largest,
        Traits traits,
        Optional<String> incomplete,
        SchemaIds schemaIds) {
    public TopicSample {
        Objects.requireNonNull(topic, "topic");
        ranges = ranges.stream()
                .sorted(Comparator.comparingInt(Range::partition))
                .toList();
        Objects.requireNonNull(largest, "largest");
        Objects.requireNonNull(traits, "traits");
        Objects.requireNonNull(incomplete, "incomplete");
        Objects.requireNonNull(schemaIds, "schemaIds");
    }

    /** A sample without schema ids. */
    public TopicSample(
            String topic,
            long records,
            List<Range> ranges,
            Optional<Largest> largest,
            Traits traits,
            Optional<String> incomplete) {
        this(topic, records, ranges, largest, traits, incomplete, SchemaIds.NONE);
    }

    /** The most headers one record carried, and how many records had a null key or a null value (tombstones). */
    public record Traits(int maxHeaders, long nullKeys, long tombstones) {
        public static final Traits NONE = new Traits(0, 0, 0);

        Traits plus(Traits o) {
            return new Traits(Math.max(maxHeaders, o.maxHeaders), nullKeys + o.nullKeys, tombstones + o.tombstones);
        }
    }

    /** Where the largest record was seen and how big it is. */
    public record Largest(int partition, long offset, long bytes) {}

    /**
     * Offsets {@code from} (inclusive) to {@code to} (exclusive) of one partition were read, holding {@code records}
     * records (fewer than {@code to - from} where the log is compacted or holds transaction markers).
     */
    public record Range(int partition, long from, long to, long records) {}

    public boolean complete() {
        return incomplete.isEmpty();
    }

    /** The largest record's size, 0 when none was seen. */
    public long largestBytes() {
        return largest.map(Largest::bytes).orElse(0L);
    }

    /**
     * For messages: {@code 3 record(s) read from the tails of 2 partition(s) (orders-0 offsets 0-1, orders-1 offsets
     * 5-5)}, naming at most three ranges.
     */
    public String describe() {
        List<Range> read = ranges.stream().filter(r -> r.records() > 0).toList();
        StringBuilder b = new StringBuilder()
                .append(records)
                .append(" record(s) read from the tails of ")
                .append(ranges.size())
                .append(" partition(s)");
        if (!read.isEmpty()) {
            b.append(" (");
            for (int i = 0; i < Math.min(3, read.size()); i++) {
                Range r = read.get(i);
                b.append(i == 0 ? "" : ", ")
                        .append(topic)
                        .append('-')
                        .append(r.partition())
                        .append(" offsets ")
                        .append(r.from())
                        .append('-')
                        .append(r.to() - 1);
            }
            if (read.size() > 3) {
                b.append(" and ").append(read.size() - 3).append(" more");
            }
            b.append(')');
        }
        return b.toString();
    }
}
