package dev.cutover.probe.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Derives a {@link WorkloadShape} from what is known about the workload's topics and its client config. Pure. */
public final class Shapes {
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String COMPRESSION_TYPE = "compression.type";

    /** The topic configs a probe topic copies from the workload's topic. */
    public static final List<String> COPIED_CONFIGS =
            List.of(CLEANUP_POLICY, MAX_MESSAGE_BYTES, TIMESTAMP_TYPE, COMPRESSION_TYPE);

    /** The codecs a Kafka producer offers; all are tried when the workload's own is unknown. */
    public static final List<String> ALL_CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    /** Headers per record when nothing says how many the workload uses. */
    public static final int DEFAULT_HEADERS = 3;

    /** Record size when neither a sample nor the source's limit is known. */
    public static final long DEFAULT_RECORD_BYTES = 1024;

    private Shapes() {}

    /**
     * The shape of the workload's traffic.
     *
     * @param clientConfig the workload's own client properties (may be empty); only behaviour settings are read
     * @param transactionalMatch whether {@code workloads.yaml} matches the workload by a transactional id
     */
    public static WorkloadShape derive(
            String workload, List<TopicFacts> topics, Map<String, String> clientConfig, boolean transactionalMatch) {
        List<TopicShape> shapes = new ArrayList<>();
        for (TopicFacts facts : topics) {
            shapes.add(topic(facts));
        }
        String codec = clientConfig.getOrDefault("compression.type", "").strip().toLowerCase(Locale.ROOT);
        List<String> codecs;
        String codecSource;
        if (ALL_CODECS.contains(codec)) {
            codecs = List.of(codec);
            codecSource = "compression.type=" + codec + " in the client config";
        } else {
            codecs = ALL_CODECS;
            codecSource = codec.isEmpty()
                    ? "the workload's compression.type is unknown: all five"
                    : "compression.type=" + codec + " is not one Kafka knows: all five";
        }
        boolean transactional = transactionalMatch
                || !clientConfig.getOrDefault("transactional.id", "").isBlank();
        return new WorkloadShape(
                workload,
                shapes,
                codecs,
                codecSource,
                transactional,
                clientConfig.getOrDefault("isolation.level", "read_uncommitted").strip(),
                clientConfig.getOrDefault("auto.offset.reset", "latest").strip());
    }

    static TopicShape topic(TopicFacts facts) {
        Map<String, String> configs = new LinkedHashMap<>();
        String configSource;
        Optional<Map<String, String>> from = facts.target().or(facts::source);
        if (facts.target().isPresent()) {
            configSource = "the target's topic " + facts.topic();
        } else if (facts.source().isPresent()) {
            configSource = "the source's topic " + facts.topic() + " (not on the target yet)";
        } else {
            configSource = "defaults (" + facts.topic() + " is on neither cluster)";
        }
        from.ifPresent(c -> COPIED_CONFIGS.forEach(k -> {
            String v = c.get(k);
            if (v != null && !v.isBlank()) {
                configs.put(k, v);
            }
        }));
        long bytes;
        String sizeSource;
        Optional<Long> sourceLimit =
                facts.source().map(c -> c.get(MAX_MESSAGE_BYTES)).flatMap(Shapes::parseLong);
        if (facts.largestRecord().isPresent() && facts.largestRecord().getAsLong() > 0) {
            bytes = facts.largestRecord().getAsLong();
            sizeSource = "the largest record in the source's tail sample";
        } else if (sourceLimit.isPresent()) {
            bytes = sourceLimit.get();
            sizeSource = "the source's max.message.bytes (no sample of record sizes"
                    + (facts.sampleNote().isBlank() ? "" : ": " + facts.sampleNote()) + ")";
        } else {
            bytes = DEFAULT_RECORD_BYTES;
            sizeSource = "a default: no sample and no source topic";
        }
        boolean probeCompacted = configs.getOrDefault(CLEANUP_POLICY, "delete").contains("compact");
        boolean createTime = !facts.source()
                .map(c -> "LogAppendTime".equals(c.get(TIMESTAMP_TYPE)))
                .orElse(false);
        int headers = DEFAULT_HEADERS;
        String headerSource = "a default: no sample of the source's records";
        if (facts.traits().isPresent() && facts.traits().get().records() > 0) {
            RecordTraits t = facts.traits().get();
            // the probe's own id header rides on top of the workload's, and a few are always exercised
            headers = Math.max(DEFAULT_HEADERS, t.maxHeaders() + 1);
            headerSource = "the source's tail sample: " + t.describe();
        }
        return new TopicShape(
                facts.topic(),
                configs,
                configSource,
                bytes,
                sizeSource,
                headers,
                headerSource,
                !probeCompacted,
                createTime);
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
