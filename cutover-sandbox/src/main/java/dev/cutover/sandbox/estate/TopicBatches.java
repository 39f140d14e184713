package dev.cutover.sandbox.estate;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Splits a topic creation into requests a KRaft controller accepts. A controller refuses, as a whole, a {@code
 * CreateTopics} request of more than 10,000 partitions (Kafka 4.x) or more than 10,000 metadata records (a record per
 * topic, per partition and per config), so a generated estate of 10,000 partitions cannot be created in one call.
 * Requests are sized to {@value #RECORDS_PER_REQUEST} records (so at most as many partitions) and {@value
 * #TOPICS_PER_REQUEST} topics: half the limits. cutover-link has the same rule for the link ({@code dev.cutover.link.internal.AdminLimits}); the sandbox
 * cannot use it, since cutover-link's tests depend on the sandbox.
 */
final class TopicBatches {
    static final int RECORDS_PER_REQUEST = 5_000;
    static final int TOPICS_PER_REQUEST = 500;

    private TopicBatches() {}

    /** The topics in order, in requests of at most the limits above; a topic over them alone is a request of its own. */
    static List<List<NewTopic>> split(List<NewTopic> topics) {
        List<List<NewTopic>> requests = new ArrayList<>();
        List<NewTopic> current = new ArrayList<>();
        long records = 0;
        for (NewTopic topic : topics) {
            long weight = 1L
                    + Math.max(1, topic.numPartitions())
                    + (topic.configs() == null ? 0 : topic.configs().size());
            if (!current.isEmpty()
                    && (current.size() >= TOPICS_PER_REQUEST || records + weight > RECORDS_PER_REQUEST)) {
                requests.add(List.copyOf(current));
                current = new ArrayList<>();
                records = 0;
            }
            current.add(topic);
            records += weight;
        }
        if (!current.isEmpty()) {
            requests.add(List.copyOf(current));
        }
        return requests;
    }
}
