package dev.cutover.probe.matrix;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which configs the matrix's probe topics take from the workload's topics on the target: the codec the broker stores
 * batches in ({@code compression.type}), since that is what decides whether an old client can read them. Of several
 * topics, the codec the fewest clients read wins (zstd, then lz4, snappy, gzip). Pure.
 */
public final class MatrixTopics {
    /** From the hardest codec for old clients to the easiest; {@code producer}/{@code uncompressed} keep the client's. */
    private static final List<String> HARDEST_FIRST = List.of("zstd", "lz4", "snappy", "gzip");

    private MatrixTopics() {}

    /** @param topicConfigs per workload topic, its configs on the target */
    public static Map<String, String> configs(Map<String, Map<String, String>> topicConfigs) {
        for (String codec : HARDEST_FIRST) {
            boolean used = topicConfigs.values().stream()
                    .map(c -> c.getOrDefault("compression.type", "producer")
                            .strip()
                            .toLowerCase(Locale.ROOT))
                    .anyMatch(codec::equals);
            if (used) {
                return Map.of("compression.type", codec);
            }
        }
        return Map.of();
    }
}
