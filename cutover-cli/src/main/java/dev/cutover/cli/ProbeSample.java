package dev.cutover.cli;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.inventory.sample.RecordSamples;
import dev.cutover.inventory.sample.SchemaIds;
import dev.cutover.inventory.sample.TailSampler;
import dev.cutover.inventory.sample.TopicSample;
import dev.cutover.probe.traffic.RecordTraits;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The largest record, and the headers, null keys and tombstones, per topic from readiness's tail sample of the source,
 * for the probe's record shapes; and the wire-format schema ids its records carry, for the probe's schema check.
 */
final class ProbeSample {
    private ProbeSample() {}

    /**
     * @param schemaIds per sampled topic, the wire-format schema ids its records carry
     * @param unsampled per topic not sampled, why
     */
    record Sizes(
            Map<String, Long> largest,
            Map<String, RecordTraits> traits,
            Map<String, String> notes,
            Map<String, SchemaIds> schemaIds,
            Map<String, String> unsampled) {}

    static Sizes of(Optional<ConnectionProfile> source, List<String> topics, PrintWriter err) {
        Map<String, Long> largest = new HashMap<>();
        Map<String, RecordTraits> traits = new HashMap<>();
        Map<String, String> notes = new HashMap<>();
        Map<String, SchemaIds> schemaIds = new HashMap<>();
        Map<String, String> unsampled = new HashMap<>();
        if (source.isEmpty() || topics.isEmpty()) {
            topics.forEach(t -> notes.put(t, "no source profile"));
            topics.forEach(t -> unsampled.put(t, "no source profile"));
            return new Sizes(largest, traits, notes, schemaIds, unsampled);
        }
        RecordSamples samples;
        try {
            samples = new TailSampler(
                            source.get().clientProperties(),
                            TailSampler.Limits.defaults(source.get().timeout()))
                    .sample(topics);
        } catch (RuntimeException e) {
            err.println("warning: the source's records could not be sampled: " + e.getMessage());
            topics.forEach(t -> notes.put(t, "the source could not be sampled"));
            topics.forEach(t -> unsampled.put(t, "the source could not be sampled: " + e.getMessage()));
            return new Sizes(largest, traits, notes, schemaIds, unsampled);
        }
        for (String topic : topics) {
            Optional<TopicSample> sample = samples.of(topic);
            sample.ifPresentOrElse(
                    t -> schemaIds.put(topic, t.schemaIds()), () -> unsampled.put(topic, samples.whyMissing(topic)));
            if (sample.isPresent() && sample.get().largest().isPresent()) {
                largest.put(topic, sample.get().largestBytes());
                TopicSample.Traits t = sample.get().traits();
                traits.put(
                        topic, new RecordTraits(sample.get().records(), t.maxHeaders(), t.nullKeys(), t.tombstones()));
                if (!sample.get().complete()) {
                    notes.put(topic, "incomplete sample: " + sample.get().describe());
                }
            } else {
                notes.put(topic, sample.isPresent() ? "the tails held no record" : samples.whyMissing(topic));
            }
        }
        return new Sizes(largest, traits, notes, schemaIds, unsampled);
    }
}
