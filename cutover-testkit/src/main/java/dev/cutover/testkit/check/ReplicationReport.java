package dev.cutover.testkit.check;

import java.util.List;
import java.util.NoSuchElementException;
import org.apache.kafka.common.IsolationLevel;

/** The record-level comparison of a source topic with its copy, per partition. */
public record ReplicationReport(String sourceTopic, String targetTopic, List<PartitionReport> partitions) {
    public ReplicationReport {
        partitions = List.copyOf(partitions);
    }

    public boolean isClean() {
        return partitions.stream().allMatch(PartitionReport::isClean);
    }

    public PartitionReport partition(int partition) {
        return partitions.stream()
                .filter(p -> p.partition() == partition)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no partition " + partition + " in " + sourceTopic));
    }

    /** Exact total of one kind over all partitions. */
    public long count(IsolationLevel level, Discrepancy.Kind kind) {
        return partitions.stream().mapToLong(p -> p.at(level).of(kind).count()).sum();
    }

    public long offsetMapMismatches() {
        return partitions.stream()
                .mapToLong(p -> p.offsetMap().map(Sampled::count).orElse(0L))
                .sum();
    }

    /** See {@link GroupResume#check}. */
    public GroupResume resume(int partition, long sourceCommitted, long targetTranslated) {
        return partition(partition).resume(sourceCommitted, targetTranslated);
    }

    @Override
    public String toString() {
        long source =
                partitions.stream().mapToLong(PartitionReport::sourceRecords).sum();
        StringBuilder s = new StringBuilder("replication ")
                .append(sourceTopic)
                .append(" → ")
                .append(targetTopic)
                .append(": ")
                .append(isClean() ? "clean" : "NOT CLEAN")
                .append(" (")
                .append(partitions.size())
                .append(" partitions, ")
                .append(source)
                .append(" source records)");
        for (PartitionReport p : partitions) {
            s.append("\n  ").append(p);
        }
        return s.toString();
    }
}
