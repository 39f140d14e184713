package dev.cutover.link.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions one engine run copies, by source partition, and the one way a partition stops: {@link #fail}. Owned
 * by the engine's writing thread.
 */
final class Partitions {
    private static final Logger log = LoggerFactory.getLogger(Partitions.class);

    private final Map<TopicPartition, PartitionCopy> copies = new LinkedHashMap<>();
    private final EngineEvents events;
    private final EngineClients clients;

    Partitions(EngineEvents events, EngineClients clients) {
        this.events = events;
        this.clients = clients;
    }

    void put(PartitionCopy copy) {
        copies.put(copy.tp, copy);
        if (copy.inError()) {
            events.partitionStopped(copy.tp, copy.error);
        }
    }

    PartitionCopy get(TopicPartition tp) {
        return copies.get(tp);
    }

    boolean contains(TopicPartition tp) {
        return copies.containsKey(tp);
    }

    Collection<PartitionCopy> all() {
        return copies.values();
    }

    Set<TopicPartition> keys() {
        return copies.keySet();
    }

    /** Partitions still being copied: not stopped, not released. */
    List<TopicPartition> active() {
        return copies.values().stream()
                .filter(PartitionCopy::active)
                .map(c -> c.tp)
                .toList();
    }

    Set<String> topics() {
        return topicsOf(copies.keySet());
    }

    int countOf(String topic) {
        return (int)
                copies.keySet().stream().filter(tp -> tp.topic().equals(topic)).count();
    }

    /** Stops the partition for good with the reason (kept across restarts); the others go on. */
    void fail(TopicPartition tp, String reason) {
        PartitionCopy copy = copies.get(tp);
        if (copy == null || copy.inError()) {
            return;
        }
        copy.error = reason;
        copy.dirty = true;
        if (clients.consumer != null && clients.consumer.assignment().contains(tp)) {
            clients.consumer.pause(List.of(tp));
        }
        log.warn("{} stopped: {}", tp, reason);
        events.partitionStopped(tp, reason);
    }

    static Set<String> topicsOf(Collection<TopicPartition> tps) {
        Set<String> topics = new TreeSet<>();
        tps.forEach(tp -> topics.add(tp.topic()));
        return topics;
    }

    List<TopicPartition> ofTopics(Set<String> topics) {
        List<TopicPartition> out = new ArrayList<>();
        copies.keySet().forEach(tp -> {
            if (topics.contains(tp.topic())) {
                out.add(tp);
            }
        });
        return out;
    }
}
