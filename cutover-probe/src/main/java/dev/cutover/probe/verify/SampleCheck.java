package dev.cutover.probe.verify;

import dev.cutover.offsets.PartitionOffsetMap;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * {@code --sample N}: N source offsets drawn uniformly from the verified range; for each, the first source record at
 * or after it is fetched, its copy looked up through the map and fetched from the target, and the two compared by the
 * same rules as a full run ({@link PartitionPairing}). Target records are only reached through the map, so extra
 * target records are not looked for.
 */
final class SampleCheck {
    private static final Duration POLL = Duration.ofMillis(100);

    private SampleCheck() {}

    static PartitionPairing.Outcome check(
            KafkaConsumer<byte[], byte[]> source,
            KafkaConsumer<byte[], byte[]> target,
            TopicPartition tp,
            VerifiedRange range,
            PartitionOffsetMap map,
            PartitionPairing.Rules rules,
            int n,
            Random random,
            Duration timeout)
            throws InterruptedException {
        TreeSet<Long> draws = new TreeSet<>();
        long span = range.sourceTo() - range.sourceFrom();
        for (int i = 0; i < n * 4 && draws.size() < Math.min(n, span); i++) {
            draws.add(range.sourceFrom() + (long) (random.nextDouble() * span));
        }
        TreeSet<Long> sourceOffsets = new TreeSet<>();
        List<SideRecord> sources = new java.util.ArrayList<>();
        for (long at : draws) {
            SideRecord r = first(source, tp, at, range.sourceTo(), timeout);
            if (r != null && sourceOffsets.add(r.offset())) {
                sources.add(r);
            }
        }
        // Pair each sampled record with the target record fetched at its mapped offset, through the same logic as a
        // full run: a stream of the sampled source records, and a stream of what the target holds there.
        List<SideRecord> targets = new java.util.ArrayList<>();
        for (SideRecord s : sources) {
            long t = targetOf(map, s.offset());
            if (t >= 0) {
                SideRecord copy = first(target, tp, t, range.targetTo(), timeout);
                if (copy != null && copy.offset() == t) {
                    targets.add(copy);
                }
            }
        }
        PartitionPairing.Rules sampled = new PartitionPairing.Rules(
                false, rules.compactedTarget(), rules.compareTimestamps(), rules.schemaIdRewrites());
        return PartitionPairing.pair(map, sampled, stream(sources), stream(targets));
    }

    private static PartitionPairing.RecordStream stream(List<SideRecord> records) {
        var it = records.iterator();
        return new PartitionPairing.RecordStream() {
            @Override
            public SideRecord next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public boolean skipped(long offset) {
                return false;
            }
        };
    }

    /** The first record at or after {@code offset} and before {@code end}, or null. */
    private static SideRecord first(
            KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long offset, long end, Duration timeout) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(tp, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("could not read " + tp + " at offset " + offset + " within " + timeout);
            }
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(tp)) {
                    if (r.offset() >= offset) {
                        return r.offset() < end ? SideRecord.of(r) : null;
                    }
                }
            } catch (OffsetOutOfRangeException e) {
                return null; // retention removed it meanwhile: not a sample
            }
        }
        return null;
    }

    /** The target offset the map gives the copied source offset, or -1 when no run holds it. */
    static long targetOf(PartitionOffsetMap map, long sourceOffset) {
        List<PartitionOffsetMap.Run> runs = map.runs();
        int lo = 0;
        int hi = runs.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            PartitionOffsetMap.Run r = runs.get(mid);
            if (sourceOffset < r.sourceStart()) {
                hi = mid - 1;
            } else if (sourceOffset >= r.sourceEnd()) {
                lo = mid + 1;
            } else {
                return r.targetStart() + (sourceOffset - r.sourceStart());
            }
        }
        return -1;
    }
}
