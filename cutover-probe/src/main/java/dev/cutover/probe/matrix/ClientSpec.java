package dev.cutover.probe.matrix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One client of the matrix: a kafka-clients version from Maven Central, or librdkafka through {@code kcat}. */
public sealed interface ClientSpec {
    /** The default matrix: one 0.11, one 2.x, one 3.x, the current 4.x, and kcat. */
    String DEFAULT_LIST = "0.11.0.3,2.8.2,3.9.1,4.3.1,kcat";

    /** How the row is named in reports. */
    String label();

    /** {@code org.apache.kafka:kafka-clients:<version>}, e.g. {@code 2.8.2} or {@code 0.11.0.3}. */
    record KafkaJava(String version) implements ClientSpec {
        private static final Pattern VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{1,2}(\\.\\d{1,2})?");

        public KafkaJava {
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("not a kafka-clients version: '" + version
                        + "' (expected digits like 2.8.2 or 0.11.0.3, or kcat)");
            }
        }

        @Override
        public String label() {
            return "kafka-clients " + version;
        }

        /** Whether this version's records carry headers (KIP-82, since 0.11). */
        public boolean hasHeaders() {
            String[] p = version.split("\\.");
            int major = Integer.parseInt(p[0]);
            int minor = Integer.parseInt(p[1]);
            return major > 0 || minor >= 11;
        }
    }

    /** librdkafka through the {@code kcat} command. */
    record Kcat() implements ClientSpec {
        @Override
        public String label() {
            return "kcat";
        }
    }

    /**
     * Parses a comma-separated list ({@code 0.11.0.3,2.8.2,kcat}); duplicates are dropped, order kept.
     *
     * @throws IllegalArgumentException naming the first entry that is neither a version nor {@code kcat}
     */
    static List<ClientSpec> parseList(String list) {
        Set<ClientSpec> specs = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            specs.add(s.equalsIgnoreCase("kcat") ? new Kcat() : new KafkaJava(s));
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no client in '" + list + "'");
        }
        return new ArrayList<>(specs);
    }
}
