package dev.cutover.link.groups;

import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.offsets.PartitionOffsetMap;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Where {@link GroupOffsets} gets the link's offset maps; loaded again each time the link is waited for. */
@FunctionalInterface
public interface OffsetMaps {
    /** The current map of every partition the link replicates. */
    Map<TopicPartition, PartitionOffsetMap> load();

    /**
     * The forward maps, each partition a producer move turned around composed with the reverse copy's map ({@link
     * TurnedAroundMap}): what a group committed in either copied range translates exactly, both ways.
     *
     * @throws dev.cutover.api.CutoverException when the two maps of a partition disagree
     */
    static OffsetMaps turnedAround(OffsetMaps forward, OffsetMaps reverse) {
        return () -> {
            Map<TopicPartition, PartitionOffsetMap> out = new java.util.HashMap<>(forward.load());
            reverse.load().forEach((tp, r) -> {
                PartitionOffsetMap f = out.get(tp);
                if (f != null) {
                    try {
                        out.put(tp, dev.cutover.offsets.TurnedAroundMap.compose(f, r));
                    } catch (IllegalArgumentException e) {
                        throw new dev.cutover.api.CutoverException(
                                dev.cutover.api.Reason.CHECK_FAILED,
                                "the forward and reverse offset maps of " + tp + " disagree (" + e.getMessage()
                                        + "): no translation of it is exact",
                                "report this with `cutover link status` of both links");
                    }
                }
            });
            return out;
        };
    }

    /** The maps the link stores on the target ({@link OffsetMapStore}). */
    static OffsetMaps stored(Map<String, Object> targetProps, LinkTopics topics, Duration timeout) {
        Map<String, Object> props = Map.copyOf(targetProps);
        return () -> OffsetMapStore.load(props, topics, timeout).maps();
    }
}
