package dev.cutover.testkit.check;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ReplicationCheck} compares.
 *
 * @param starts per partition, where the link's responsibility begins (a {@code --from latest} link, a source head
 *     truncated by retention); records before it on either side are left out. Partitions not named compare whole
 *     logs.
 * @param offsetMapping if present, checked against the alignment for every copied record
 * @param sampleLimit how many findings of each kind a report keeps (counts are always exact)
 * @param alignmentBudget work units the alignment may spend per partition before it gives up and over-reports
 */
public record CheckOptions(
        Map<Integer, Start> starts,
        Optional<OffsetMapping> offsetMapping,
        int sampleLimit,
        long alignmentBudget,
        Optional<java.util.function.UnaryOperator<LoggedRecord>> expectedCopy) {

    /** Compare source records from {@code sourceOffset} with target records from {@code targetOffset}. */
    public record Start(long sourceOffset, long targetOffset) {}

    public CheckOptions {
        starts = Map.copyOf(starts);
        Objects.requireNonNull(offsetMapping, "offsetMapping");
        Objects.requireNonNull(expectedCopy, "expectedCopy");
        if (sampleLimit < 0 || alignmentBudget <= 0) {
            throw new IllegalArgumentException("sampleLimit must be >= 0 and alignmentBudget > 0");
        }
    }

    /** Options under which a copy holds exactly the source record's bytes. */
    public CheckOptions(
            Map<Integer, Start> starts, Optional<OffsetMapping> offsetMapping, int sampleLimit, long alignmentBudget) {
        this(starts, offsetMapping, sampleLimit, alignmentBudget, Optional.empty());
    }

    /**
     * What the copy of a source record must be, where the copier changes records on purpose (a link that rewrites
     * schema ids): every source record is compared as {@code copy} makes it.
     */
    public CheckOptions expectedCopy(java.util.function.UnaryOperator<LoggedRecord> copy) {
        return new CheckOptions(starts, offsetMapping, sampleLimit, alignmentBudget, Optional.of(copy));
    }

    public static CheckOptions defaults() {
        return new CheckOptions(Map.of(), Optional.empty(), 5, Aligner.DEFAULT_BUDGET);
    }

    public CheckOptions from(int partition, long sourceOffset, long targetOffset) {
        Map<Integer, Start> next = new HashMap<>(starts);
        next.put(partition, new Start(sourceOffset, targetOffset));
        return new CheckOptions(next, offsetMapping, sampleLimit, alignmentBudget, expectedCopy);
    }

    public CheckOptions offsetMapping(OffsetMapping mapping) {
        return new CheckOptions(starts, Optional.of(mapping), sampleLimit, alignmentBudget, expectedCopy);
    }

    public CheckOptions sampleLimit(int limit) {
        return new CheckOptions(starts, offsetMapping, limit, alignmentBudget, expectedCopy);
    }

    public CheckOptions alignmentBudget(long budget) {
        return new CheckOptions(starts, offsetMapping, sampleLimit, budget, expectedCopy);
    }
}
