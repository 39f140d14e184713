package dev.cutover.probe.traffic;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is known about one of the workload's topics before the probe runs.
 *
 * @param topic the workload's (real) topic
 * @param source its configs on the source (every config the source reports), if the source has it
 * @param target its configs on the target, if the target has it
 * @param largestRecord the largest record's size in the source's tail sample (readiness's bound), if sampled
 * @param traits headers, null keys and tombstones in the source's tail sample, if sampled
 * @param sampleNote why there is no sample, or what the sample read; for the report
 */
public record TopicFacts(
        String topic,
        Optional<Map<String, String>> source,
        Optional<Map<String, String>> target,
        OptionalLong largestRecord,
        Optional<RecordTraits> traits,
        String sampleNote) {
    public TopicFacts {
        Objects.requireNonNull(topic, "topic");
        source = source.map(Map::copyOf);
        target = target.map(Map::copyOf);
        Objects.requireNonNull(largestRecord, "largestRecord");
        Objects.requireNonNull(traits, "traits");
        sampleNote = sampleNote == null ? "" : sampleNote;
    }
}
