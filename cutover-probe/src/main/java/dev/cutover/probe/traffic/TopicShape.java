package dev.cutover.probe.traffic;

import java.util.Map;
import java.util.Objects;

/**
 * How the probe's records for one workload topic look, and how its probe topic is configured.
 *
 * @param topic the workload's real topic this shape comes from (never written)
 * @param probeConfigs the configs the probe topic is created with (of {@link Shapes#COPIED_CONFIGS})
 * @param configSource where {@code probeConfigs} come from: the target's topic, else the source's, else defaults
 * @param recordBytes the size of the largest record to write, as readiness bounds it ({@code RecordSizes})
 * @param sizeSource where {@code recordBytes} comes from
 * @param headers headers per record (the probe's id header included)
 * @param headerSource where {@code headers} comes from: the source's tail sample, or a default
 * @param nullKeys whether records with a null key are written (never to a compacted topic: the broker refuses them);
 *     records with a null value (tombstones) are always written
 * @param createTimeExpected whether the workload's timestamps must survive (the source's topic keeps CreateTime)
 */
public record TopicShape(
        String topic,
        Map<String, String> probeConfigs,
        String configSource,
        long recordBytes,
        String sizeSource,
        int headers,
        String headerSource,
        boolean nullKeys,
        boolean createTimeExpected) {
    public TopicShape {
        Objects.requireNonNull(topic, "topic");
        probeConfigs = Map.copyOf(probeConfigs);
        Objects.requireNonNull(configSource, "configSource");
        Objects.requireNonNull(sizeSource, "sizeSource");
        Objects.requireNonNull(headerSource, "headerSource");
        if (recordBytes <= 0 || headers < 1) {
            throw new IllegalArgumentException("recordBytes and headers must be positive");
        }
    }

    /** Whether the probe topic is compacted. */
    public boolean compacted() {
        return probeConfigs.getOrDefault(Shapes.CLEANUP_POLICY, "delete").contains("compact");
    }

    /** Whether the probe topic keeps the producer's timestamps. */
    public boolean keepsCreateTime() {
        return !"LogAppendTime".equals(probeConfigs.get(Shapes.TIMESTAMP_TYPE));
    }
}
