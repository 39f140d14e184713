package dev.cutover.testkit.check;

import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/** The link's exact offset map, as the checker queries it: where a copied source record sits on the target. */
@FunctionalInterface
public interface OffsetMapping {
    /** The target offset of the copy of the source record at {@code sourceOffset}, or empty if the map has none. */
    OptionalLong targetOf(TopicPartition sourcePartition, long sourceOffset);
}
