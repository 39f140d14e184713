package dev.cutover.inventory.sample;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The record-size samples of a readiness run: per topic sampled, what its tails showed; per topic that could not be
 * read at all, why (no permission, no answer in time). A topic in neither was not sampled.
 */
public record RecordSamples(Map<String, TopicSample> sampled, Map<String, String> unreadable) {
    public RecordSamples {
        sampled = Collections.unmodifiableMap(new TreeMap<>(sampled));
        unreadable = Collections.unmodifiableMap(new TreeMap<>(unreadable));
    }

    /** No sample taken (rules fall back to comparing limits). */
    public static RecordSamples none() {
        return new RecordSamples(Map.of(), Map.of());
    }

    public Optional<TopicSample> of(String topic) {
        return Optional.ofNullable(sampled.get(topic));
    }

    /** Why the topic has no sample. */
    public String whyMissing(String topic) {
        return unreadable.getOrDefault(topic, "not sampled in this run");
    }
}
