package dev.cutover.offsets;

import dev.cutover.offsets.PartitionTranslation.Reason;
import dev.cutover.offsets.PartitionTranslation.Translated;
import dev.cutover.offsets.PartitionTranslation.Untranslatable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates a consumer group's committed offsets with the link's offset maps; small enough for an application to
 * embed. Source partition p maps to target partition p of the same topic name.
 */
public final class GroupOffsetTranslator {
    private static final Logger LOG = LoggerFactory.getLogger(GroupOffsetTranslator.class);

    private final Map<TopicPartition, PartitionOffsetMap> maps;

    public GroupOffsetTranslator(Map<TopicPartition, PartitionOffsetMap> maps) {
        this.maps = Map.copyOf(maps);
    }

    /** Source offsets committed by a group → the offsets to commit on the target. */
    public GroupTranslation toTarget(Map<TopicPartition, OffsetAndMetadata> committedOnSource) {
        return translate(committedOnSource, true);
    }

    /** Target offsets committed by a group (after it moved) → the offsets to commit on the source, for rollback. */
    public GroupTranslation toSource(Map<TopicPartition, OffsetAndMetadata> committedOnTarget) {
        return translate(committedOnTarget, false);
    }

    private GroupTranslation translate(Map<TopicPartition, OffsetAndMetadata> committed, boolean forward) {
        Map<TopicPartition, PartitionTranslation> out = new HashMap<>();
        committed.forEach((tp, offset) -> out.put(tp, translateOne(tp, offset, forward)));
        return new GroupTranslation(out);
    }

    private PartitionTranslation translateOne(TopicPartition tp, OffsetAndMetadata offset, boolean forward) {
        if (offset == null) {
            return new Untranslatable(Reason.NOTHING_COMMITTED, tp + ": the group has no committed offset");
        }
        PartitionOffsetMap map = maps.get(tp);
        if (map == null) {
            return new Untranslatable(Reason.NO_OFFSET_MAP, tp + ": no offset map; the link does not replicate it");
        }
        Translation t = forward ? map.translate(offset.offset()) : map.translateReverse(offset.offset());
        String side = forward ? "source" : "target";
        PartitionTranslation result;
        if (t instanceof Translation.Exact exact) {
            result = new Translated(new OffsetAndMetadata(exact.offset(), Optional.empty(), offset.metadata()));
        } else if (t instanceof Translation.NotYetReplicated wait) {
            result = new Untranslatable(
                    Reason.NOT_YET_REPLICATED,
                    tp + ": committed " + side + " offset " + offset.offset()
                            + " is beyond what the link has replicated (up to " + wait.replicatedUpTo() + ")");
        } else {
            Translation.NotCovered no = (Translation.NotCovered) t;
            result = new Untranslatable(
                    Reason.NOT_COVERED,
                    tp + ": committed " + side + " offset " + offset.offset() + " is not covered: " + no.why());
        }
        if (result instanceof Untranslatable u) {
            LOG.debug("not translated: {}", u.message());
        }
        return result;
    }
}
