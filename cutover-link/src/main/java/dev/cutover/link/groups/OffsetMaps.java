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

    /** The maps the link stores on the target ({@link OffsetMapStore}). */
    static OffsetMaps stored(Map<String, Object> targetProps, LinkTopics topics, Duration timeout) {
        Map<String, Object> props = Map.copyOf(targetProps);
        return () -> OffsetMapStore.load(props, topics, timeout).maps();
    }
}
