package dev.cutover.offsets;

import dev.cutover.offsets.PartitionTranslation.Translated;
import dev.cutover.offsets.PartitionTranslation.Untranslatable;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's committed offsets translated to the other cluster, partition by partition. */
public record GroupTranslation(Map<TopicPartition, PartitionTranslation> partitions) {
    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    /** Copies {@code partitions}, ordered by topic and partition. */
    public GroupTranslation {
        Map<TopicPartition, PartitionTranslation> sorted = new TreeMap<>(ORDER);
        sorted.putAll(partitions);
        partitions = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /** The partitions that were translated, ready for {@code Admin.alterConsumerGroupOffsets}. */
    public Map<TopicPartition, OffsetAndMetadata> translated() {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        partitions.forEach((tp, t) -> {
            if (t instanceof Translated ok) {
                out.put(tp, ok.offset());
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** The partitions that were not translated, with the reason. */
    public Map<TopicPartition, Untranslatable> untranslatable() {
        Map<TopicPartition, Untranslatable> out = new LinkedHashMap<>();
        partitions.forEach((tp, t) -> {
            if (t instanceof Untranslatable no) {
                out.put(tp, no);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** True when every partition was translated. */
    public boolean complete() {
        return partitions.values().stream().allMatch(Translated.class::isInstance);
    }
}
