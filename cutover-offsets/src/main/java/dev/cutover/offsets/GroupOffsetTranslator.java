package dev.cutover.offsets;

import dev.cutover.offsets.OffsetTranslation.Exact;
import dev.cutover.offsets.OffsetTranslation.NoMap;
import dev.cutover.offsets.OffsetTranslation.NotCovered;
import dev.cutover.offsets.OffsetTranslation.NotYetReplicated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Translates a consumer group's committed offsets with a link's offset maps, in either {@link Direction}: the one
 * translation of cutover, used by {@code cutover offsets translate|sync}, the wave steps and the bench, and small
 * enough for an application to embed (see the {@linkplain dev.cutover.offsets package} example).
 *
 * <p>Exactness: a translated offset is the one at which a consumer on the other cluster reads exactly the records the
 * group had not read yet, none twice and none skipped ({@link PartitionOffsetMap#translate}). Where no such offset
 * exists (yet) nothing is guessed: the partition is reported as {@link NotYetReplicated} (waiting helps), {@link
 * NotCovered} (it never will) or {@link NoMap} (the link does not copy it).
 *
 * <p>Source partition p maps to target partition p of the same topic name. Immutable and thread-safe.
 */
public final class GroupOffsetTranslator {
    private final Map<TopicPartition, PartitionOffsetMap> maps;

    /** A translator over the given maps (a snapshot: read them again to see the link's later progress). */
    public GroupOffsetTranslator(Map<TopicPartition, PartitionOffsetMap> maps) {
        this.maps = Map.copyOf(maps);
    }

    /**
     * A translator over the maps that link {@code link} stores on the target, read now with {@link
     * StoredOffsetMaps#read} from {@link StoredOffsetMaps#topicOf(String) its offsets topic}.
     *
     * @param targetProps client properties of the target cluster (bootstrap servers, security); a consumer without a
     *     group is created from them
     * @throws org.apache.kafka.common.errors.TimeoutException when the topic cannot be read to its end in time
     * @throws OffsetMapFormatException when a stored map was written by a newer format
     */
    public static GroupOffsetTranslator forLink(Map<String, Object> targetProps, String link, Duration timeout) {
        return new GroupOffsetTranslator(StoredOffsetMaps.read(targetProps, StoredOffsetMaps.topicOf(link), timeout)
                .maps());
    }

    /**
     * Translates the offsets {@code group} committed on the {@link Direction#from()} cluster. Entries with a null
     * offset (as {@code Admin.listConsumerGroupOffsets} returns for partitions without one) are left out.
     */
    public TranslatedGroup translate(
            String group, Direction direction, Map<TopicPartition, OffsetAndMetadata> committed) {
        List<OffsetTranslation> out = new ArrayList<>();
        committed.forEach((tp, offset) -> {
            if (offset != null) {
                out.add(translate(tp, offset.offset(), direction));
            }
        });
        return new TranslatedGroup(group, direction, out);
    }

    /** Translates one committed offset of partition {@code tp} on the {@link Direction#from()} cluster. */
    public OffsetTranslation translate(TopicPartition tp, long committed, Direction direction) {
        PartitionOffsetMap map = maps.get(tp);
        if (map == null) {
            return new NoMap(tp, committed);
        }
        Translation t = direction == Direction.FORWARD ? map.translate(committed) : map.translateReverse(committed);
        if (t instanceof Translation.Exact exact) {
            return new Exact(tp, committed, exact.offset());
        }
        if (t instanceof Translation.NotYetReplicated wait) {
            return new NotYetReplicated(tp, committed, wait.replicatedUpTo());
        }
        Translation.NotCovered no = (Translation.NotCovered) t;
        return new NotCovered(tp, committed, no.coveredFrom(), no.why());
    }

    /** True when the translator holds a map for the partition (the link copies it). */
    public boolean covers(TopicPartition tp) {
        return maps.containsKey(tp);
    }

    /** The maps this translator uses, by partition. */
    public Map<TopicPartition, PartitionOffsetMap> maps() {
        return maps;
    }
}
