package dev.cutover.link.connect;

import dev.cutover.config.Durations;
import dev.cutover.config.LinkConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The configuration of the link's Kafka Connect connector ({@code cutover-connect}): the same settings as {@code
 * cutover.yaml}'s {@code links.<name>}, under {@code link.*} keys, and each cluster's client properties under {@code
 * source.} and {@code target.}. {@code cutover link deploy} writes it ({@link #of}); the connector reads it back
 * ({@link #parse}). Documented key by key in {@code docs/connect-deploy.md}.
 *
 * <p>The connector copies bytes as they are, in Kafka Connect's exactly-once mode with its own transaction
 * boundaries, so the converters and those two settings are fixed ({@link #FIXED}): {@link #parse} refuses other values.
 */
public final class ConnectorConfig {
    /** The connector's class, as {@code connector.class} names it. */
    public static final String CONNECTOR_CLASS = "dev.cutover.connect.CutoverLinkConnector";

    public static final String NAME = "link.name";
    public static final String TOPICS = "link.topics";
    public static final String EXCLUDE = "link.exclude";
    public static final String ALSO_INCLUDE = "link.also.include";
    public static final String FROM = "link.from";
    public static final String MAX_BYTES_PER_SECOND = "link.max.bytes.per.second";
    public static final String SYNC_SECURITY = "link.sync.security";
    public static final String PRINCIPAL_MAP = "link.principal.map";
    public static final String LEASE = "link.lease";
    public static final String METADATA_REFRESH = "link.metadata.refresh";
    /** Prefix of the source cluster's client properties (e.g. {@code source.bootstrap.servers}). */
    public static final String SOURCE_PREFIX = "source.";
    /**
     * Prefix of the target cluster's client properties: the cluster the Connect workers write to, reached with the
     * link's own principal for its topic, config and ACL sync and to read its state.
     */
    public static final String TARGET_PREFIX = "target.";

    private static final String BYTES = "org.apache.kafka.connect.converters.ByteArrayConverter";

    /**
     * The in-process link's producer settings, for the workers' producers of the link's tasks: Connect's defaults (16
     * KiB batches, no linger, 100 ms to 1 s retry backoff) copied at about 0.7× these in {@code cutover bench link
     * --connect}. The batch size suits up to about 250 partitions per task within the 64 MiB buffer; for thousands
     * per task, lower it to about buffer.memory ÷ (2 × partitions per task) (docs/connect-deploy.md).
     */
    public static final Map<String, String> PRODUCER = Map.of(
            "producer.override.linger.ms", "20",
            "producer.override.batch.size", Integer.toString(128 * 1024),
            "producer.override.buffer.memory", Long.toString(64L * 1024 * 1024),
            "producer.override.retry.backoff.ms", "10",
            "producer.override.retry.backoff.max.ms", "100");

    /** The largest produce request the workers' producers may send for the link (the in-process link's too). */
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    /** Settings of Kafka Connect that the connector needs as they are: bytes copied as they are, exactly once. */
    public static final Map<String, String> FIXED = fixed();

    private ConnectorConfig() {}

    private static Map<String, String> fixed() {
        Map<String, String> m = new TreeMap<>();
        m.put("key.converter", BYTES);
        m.put("value.converter", BYTES);
        m.put("header.converter", BYTES);
        m.put("exactly.once.support", "required");
        m.put("transaction.boundary", "connector");
        // A record that failed would be skipped silently under errors.tolerance=all.
        m.put("errors.tolerance", "none");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The link's settings and both clusters' client properties, as read from a connector's configuration. */
    public record Parsed(LinkConfig link, Map<String, Object> source, Map<String, Object> target) {}

    /**
     * The connector configuration of a link: its settings, both clusters' client properties (as given: a config
     * provider reference such as {@code ${file:/etc/kafka/source.properties:jaas}} stays a reference, resolved by the
     * workers), {@code tasks.max} and the {@link #FIXED} settings.
     */
    public static Map<String, String> of(
            LinkConfig link, Map<String, String> source, Map<String, String> target, int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks.max must be at least 1; got " + tasks);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connector.class", CONNECTOR_CLASS);
        m.put("tasks.max", Integer.toString(tasks));
        m.putAll(FIXED);
        // As the in-process link's producer: a record the target topic takes (max.message.bytes) is never too large
        // for the worker's producer. Needs the workers' connector.client.config.override.policy to allow it (All,
        // Kafka's default since 3.0).
        m.put("producer.override.max.request.size", Integer.toString(MAX_REQUEST_BYTES));
        m.putAll(PRODUCER);
        m.put(NAME, link.name());
        link.topics().ifPresent(v -> m.put(TOPICS, v));
        link.exclude().ifPresent(v -> m.put(EXCLUDE, v));
        if (!link.alsoInclude().isEmpty()) {
            m.put(ALSO_INCLUDE, String.join(",", link.alsoInclude()));
        }
        link.from().ifPresent(v -> m.put(FROM, v));
        link.maxBytesPerSecond().ifPresent(v -> m.put(MAX_BYTES_PER_SECOND, Long.toString(v)));
        link.syncSecurity().ifPresent(v -> m.put(SYNC_SECURITY, Boolean.toString(v)));
        if (!link.principalMap().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            link.principalMap().forEach((k, v) -> pairs.add(k + "=" + v));
            m.put(PRINCIPAL_MAP, String.join(",", pairs));
        }
        link.lease().ifPresent(v -> m.put(LEASE, Durations.format(v)));
        link.metadataRefresh().ifPresent(v -> m.put(METADATA_REFRESH, Durations.format(v)));
        new TreeMap<>(source).forEach((k, v) -> m.put(SOURCE_PREFIX + k, v));
        new TreeMap<>(target).forEach((k, v) -> m.put(TARGET_PREFIX + k, v));
        return m;
    }

    /**
     * Reads a connector's configuration (values already resolved by the worker's config providers).
     *
     * @throws IllegalArgumentException naming the key, when a value is malformed, a cluster has no {@code
     *     bootstrap.servers}, or a {@link #FIXED} setting has another value
     */
    public static Parsed parse(Map<String, String> config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        String name = config.getOrDefault(NAME, LinkConfig.DEFAULT_NAME);
        LinkConfig link = new LinkConfig(
                name,
                optional(config, TOPICS),
                optional(config, EXCLUDE),
                optional(config, FROM),
                optional(config, MAX_BYTES_PER_SECOND)
                        .map(v -> OptionalLong.of(Long.parseLong(v)))
                        .orElse(OptionalLong.empty()),
                optional(config, SYNC_SECURITY).map(Boolean::parseBoolean),
                principals(config.get(PRINCIPAL_MAP)),
                optional(config, LEASE).flatMap(Durations::parse),
                optional(config, METADATA_REFRESH).flatMap(Durations::parse),
                optional(config, ALSO_INCLUDE).map(ConnectorConfig::list).orElse(List.of()));
        return new Parsed(link, prefixed(config, SOURCE_PREFIX), prefixed(config, TARGET_PREFIX));
    }

    /** What is wrong with a connector configuration, one sentence per key (empty when nothing is). */
    public static List<String> problems(Map<String, String> config) {
        List<String> out = new ArrayList<>();
        String name = config.getOrDefault(NAME, LinkConfig.DEFAULT_NAME);
        if (!LinkConfig.validName(name)) {
            out.add(NAME + " is 1 to 100 letters, digits, '.', '_' or '-'; got '" + name + "'");
        }
        regex(config, TOPICS, out);
        regex(config, EXCLUDE, out);
        optional(config, FROM)
                .filter(v -> !LinkConfig.validFrom(v))
                .ifPresent(v -> out.add(FROM + " takes earliest, latest, an ISO-8601 instant or epoch milliseconds;"
                        + " got '" + v + "'"));
        optional(config, MAX_BYTES_PER_SECOND)
                .filter(v -> !v.matches("[1-9][0-9]{0,17}"))
                .ifPresent(v -> out.add(MAX_BYTES_PER_SECOND + " takes a positive number of bytes; got '" + v + "'"));
        optional(config, SYNC_SECURITY)
                .filter(v -> !v.equals("true") && !v.equals("false"))
                .ifPresent(v -> out.add(SYNC_SECURITY + " takes true or false; got '" + v + "'"));
        for (String key : List.of(LEASE, METADATA_REFRESH)) {
            optional(config, key)
                    .filter(v -> Durations.parse(v).isEmpty())
                    .ifPresent(v -> out.add(key + " takes a duration such as 30s or 2m; got '" + v + "'"));
        }
        String map = config.get(PRINCIPAL_MAP);
        if (map != null && !map.isBlank()) {
            for (String pair : list(map)) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || !LinkConfig.validPrincipal(kv[0]) || !LinkConfig.validPrincipal(kv[1])) {
                    out.add(PRINCIPAL_MAP + " takes Type:name=Type:name pairs separated by commas; got '" + pair + "'");
                }
            }
        }
        for (String prefix : List.of(SOURCE_PREFIX, TARGET_PREFIX)) {
            if (optional(config, prefix + "bootstrap.servers").isEmpty()) {
                out.add(prefix + "bootstrap.servers is missing: the connector needs the "
                        + prefix.substring(0, prefix.length() - 1) + " cluster's client properties under '" + prefix
                        + "'");
            }
        }
        FIXED.forEach((key, wanted) -> {
            String v = config.get(key);
            if (v != null && !v.equals(wanted)) {
                out.add(key + " must be " + wanted + " (the link copies bytes as they are, exactly once); got '" + v
                        + "'");
            }
        });
        for (String key : List.of("transforms", "predicates")) {
            optional(config, key)
                    .ifPresent(v -> out.add(key + " must be empty: the link copies records as they are, and a"
                            + " transformation would change them; got '" + v + "'"));
        }
        return out;
    }

    private static void regex(Map<String, String> config, String key, List<String> out) {
        optional(config, key).ifPresent(v -> {
            try {
                Pattern.compile(v);
            } catch (PatternSyntaxException e) {
                out.add(key + " takes a regex matched against whole topic names; '" + v + "' is not one ("
                        + e.getDescription() + ")");
            }
        });
    }

    private static Optional<String> optional(Map<String, String> config, String key) {
        String v = config.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Map<String, String> principals(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : list(text)) {
                String[] kv = pair.split("=", 2);
                out.put(kv[0].trim(), kv[1].trim());
            }
        }
        return out;
    }

    private static Map<String, Object> prefixed(Map<String, String> config, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
