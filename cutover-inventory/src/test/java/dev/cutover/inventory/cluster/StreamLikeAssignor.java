package dev.cutover.inventory.cluster;

import org.apache.kafka.clients.consumer.RangeAssignor;

/**
 * A range assignor that calls itself {@code stream}, as Kafka Streams' assignor does: lets a test create a classic
 * group that looks like a Streams application without depending on Kafka Streams.
 */
public class StreamLikeAssignor extends RangeAssignor {
    @Override
    public String name() {
        return "stream";
    }
}
