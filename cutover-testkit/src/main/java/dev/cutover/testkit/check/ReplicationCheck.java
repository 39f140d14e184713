package dev.cutover.testkit.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Compares a source topic with its partition-preserving copy, record by record.
 *
 * <p>Per partition, the source log (read_committed: what the link must copy) is aligned with the target log as a
 * read_committed consumer sees it, by a longest common subsequence of record contents ({@link Aligner}), so records
 * that are identical by content (a source may hold many) are matched by position, never by set membership. What the
 * alignment leaves out is then classified, in this order:
 *
 * <ol>
 *   <li>an unaligned target record equal to an unaligned source record: {@code REORDERED} (the source record was
 *       copied, out of order);
 *   <li>unaligned source and target records between the same two aligned records, pairwise: {@code ALTERED};
 *   <li>other unaligned source records: {@code LOST};
 *   <li>other unaligned target records: {@code DUPLICATED} if equal to some source record, else {@code PHANTOM}.
 * </ol>
 *
 * Under read_uncommitted, target records absent from the read_committed log (aborted, or in a transaction still
 * open) are added as phantoms: the link must never leave such data, since read_uncommitted consumers read it.
 */
public final class ReplicationCheck {
    private ReplicationCheck() {}

    public static ReplicationReport compare(TopicLogs source, TopicLogs targetCommitted, TopicLogs targetUncommitted) {
        return compare(source, targetCommitted, targetUncommitted, CheckOptions.defaults());
    }

    /**
     * @param source read_committed
     * @param targetCommitted read_committed
     * @param targetUncommitted read_uncommitted, of the same topic as {@code targetCommitted}
     */
    public static ReplicationReport compare(
            TopicLogs source, TopicLogs targetCommitted, TopicLogs targetUncommitted, CheckOptions options) {
        require(source.level(), IsolationLevel.READ_COMMITTED, "source");
        require(targetCommitted.level(), IsolationLevel.READ_COMMITTED, "targetCommitted");
        require(targetUncommitted.level(), IsolationLevel.READ_UNCOMMITTED, "targetUncommitted");
        if (!targetCommitted.topic().equals(targetUncommitted.topic())) {
            throw new IllegalArgumentException(
                    "target logs of two topics: " + targetCommitted.topic() + ", " + targetUncommitted.topic());
        }
        SortedSet<Integer> partitions = new TreeSet<>(source.partitions().keySet());
        partitions.addAll(targetCommitted.partitions().keySet());
        partitions.addAll(targetUncommitted.partitions().keySet());
        List<PartitionReport> reports = new ArrayList<>();
        for (int p : partitions) {
            TopicPartition stp = new TopicPartition(source.topic(), p);
            TopicPartition ttp = new TopicPartition(targetCommitted.topic(), p);
            reports.add(comparePartition(
                    source.partition(p).orElseGet(() -> empty(stp, IsolationLevel.READ_COMMITTED)),
                    targetCommitted.partition(p).orElseGet(() -> empty(ttp, IsolationLevel.READ_COMMITTED)),
                    targetUncommitted.partition(p).orElseGet(() -> empty(ttp, IsolationLevel.READ_UNCOMMITTED)),
                    options));
        }
        return new ReplicationReport(source.topic(), targetCommitted.topic(), reports);
    }

    /** One partition; see the class comment. */
    public static PartitionReport comparePartition(
            PartitionLog source, PartitionLog targetCommitted, PartitionLog targetUncommitted, CheckOptions options) {
        require(source.level(), IsolationLevel.READ_COMMITTED, "source");
        require(targetCommitted.level(), IsolationLevel.READ_COMMITTED, "targetCommitted");
        require(targetUncommitted.level(), IsolationLevel.READ_UNCOMMITTED, "targetUncommitted");
        Optional<CheckOptions.Start> from =
                Optional.ofNullable(options.starts().get(source.partition().partition()));
        long sourceFrom = from.map(CheckOptions.Start::sourceOffset).orElse(Long.MIN_VALUE);
        long targetFrom = from.map(CheckOptions.Start::targetOffset).orElse(Long.MIN_VALUE);
        List<LoggedRecord> src = tail(source.records(), sourceFrom);
        if (options.expectedCopy().isPresent()) {
            src = src.stream().map(options.expectedCopy().get()).toList();
        }
        List<LoggedRecord> rc = tail(targetCommitted.records(), targetFrom);
        List<LoggedRecord> ru = tail(targetUncommitted.records(), targetFrom);

        Classifier classifier = new Classifier(src, rc, options.sampleLimit(), options.alignmentBudget());
        classifier.run();
        LevelReport committed = classifier.report(IsolationLevel.READ_COMMITTED);
        LevelReport uncommitted = classifier.withUncommitted(ru);
        PartitionAlignment alignment = classifier.alignment();
        Optional<Sampled<MapMismatch>> map = options.offsetMapping()
                .map(mapping -> checkMap(source.partition(), alignment, mapping, options.sampleLimit()));
        return new PartitionReport(
                source.partition(),
                targetCommitted.partition(),
                from,
                src.size(),
                rc.size(),
                ru.size(),
                committed,
                uncommitted,
                map,
                alignment,
                classifier.approximate());
    }

    private static Sampled<MapMismatch> checkMap(
            TopicPartition sourcePartition, PartitionAlignment alignment, OffsetMapping mapping, int limit) {
        Sampled.Builder<MapMismatch> mismatches = new Sampled.Builder<>(limit);
        for (int i = 0; i < alignment.size(); i++) {
            long s = alignment.sourceOffset(i);
            long t = alignment.targetOffset(i);
            java.util.OptionalLong mapped = mapping.targetOf(sourcePartition, s);
            if (mapped.isEmpty() || mapped.getAsLong() != t) {
                mismatches.add(new MapMismatch(s, t, mapped));
            }
        }
        return mismatches.build();
    }

    /** The records at or after {@code from}; logs are sorted by offset. */
    static List<LoggedRecord> tail(List<LoggedRecord> records, long from) {
        int lo = 0;
        int hi = records.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (records.get(mid).offset() < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return records.subList(lo, records.size());
    }

    private static PartitionLog empty(TopicPartition tp, IsolationLevel level) {
        return new PartitionLog(tp, level, 0, 0, List.of());
    }

    private static void require(IsolationLevel actual, IsolationLevel expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " must be read " + expected + ", not " + actual);
        }
    }
}
