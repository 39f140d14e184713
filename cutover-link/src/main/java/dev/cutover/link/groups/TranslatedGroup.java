package dev.cutover.link.groups;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A consumer group's committed offsets on one cluster, each with its exact translation to the other or the reason
 * there is none; partitions ordered by topic and partition.
 */
public record TranslatedGroup(String group, Direction direction, List<OffsetTranslation> partitions) {
    private static final Comparator<OffsetTranslation> ORDER = Comparator.comparing(
                    (OffsetTranslation t) -> t.partition().topic())
            .thenComparingInt(t -> t.partition().partition());

    public TranslatedGroup {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(direction, "direction");
        partitions = partitions.stream().sorted(ORDER).toList();
    }

    /** True when every partition has an exact translation (a group with no committed offsets is not complete). */
    public boolean complete() {
        return !partitions.isEmpty() && partitions.stream().allMatch(OffsetTranslation.Exact.class::isInstance);
    }

    public <T extends OffsetTranslation> List<T> only(Class<T> type) {
        return partitions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
