package dev.cutover.offsets;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's committed offsets on one cluster, each with its exact translation to the other or the reason
 * there is none; partitions ordered by topic and partition. Made by {@link GroupOffsetTranslator#translate}.
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

    /** The partitions of one outcome, e.g. {@code only(OffsetTranslation.NotYetReplicated.class)}. */
    public <T extends OffsetTranslation> List<T> only(Class<T> type) {
        return partitions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The exact translations as offsets to commit on the {@link Direction#to()} cluster (e.g. with {@code
     * Admin.alterConsumerGroupOffsets}): no leader epoch, since epochs are per cluster, and each partition's metadata
     * copied from {@code committed}, the offsets this group was translated from. Partitions without an exact
     * translation are left out: check {@link #complete()} first to move a group only as a whole.
     */
    public Map<TopicPartition, OffsetAndMetadata> toCommit(Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        for (OffsetTranslation.Exact e : only(OffsetTranslation.Exact.class)) {
            OffsetAndMetadata from = committed.get(e.partition());
            String metadata = from == null ? "" : from.metadata();
            out.put(e.partition(), new OffsetAndMetadata(e.translated(), Optional.empty(), metadata));
        }
        return out;
    }
}
