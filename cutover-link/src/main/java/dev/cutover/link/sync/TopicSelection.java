package dev.cutover.link.sync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which source topics the sync follows: those whose whole name matches {@code include} and not {@code exclude}, minus
 * the built-in exclusions, plus {@code alsoInclude} (names that the Connect heuristic would otherwise leave out).
 *
 * <p>Built-in exclusions, always applied, because copying these topics would copy another cluster's private state:
 *
 * <ul>
 *   <li>Kafka's own topics ({@code __consumer_offsets}, {@code __transaction_state}, {@code __share_group_state},
 *       {@code __remote_log_metadata}) and any topic the source reports as internal;
 *   <li>cutover's own state, anything starting with {@code __cutover.};
 *   <li>the schema registry's {@code _schemas} and Confluent Platform's {@code _confluent*} topics;
 *   <li>MirrorMaker 2's {@code mm2-*.internal} and {@code *.checkpoints.internal} topics;
 *   <li>Kafka Connect's internal topics: the default names {@code connect-configs}, {@code connect-offsets}, {@code
 *       connect-status} always, and names ending {@code -configs}, {@code -offsets} or {@code -status} only when the
 *       source topic is compacted (Connect refuses to start on non-compacted internal topics, so a delete-policy topic
 *       with such a name is data). A compacted data topic such as {@code order-status} is therefore excluded too, and
 *       listed with the reason in the plan: name it in {@code alsoInclude} to sync it.
 * </ul>
 *
 * Kafka Streams' internal topics ({@code -changelog}, {@code -repartition}) are NOT excluded: they hold the
 * application's state and must move with it.
 */
public record TopicSelection(Pattern include, Optional<Pattern> exclude, Set<String> alsoInclude) {
    private static final Set<String> KAFKA_INTERNAL =
            Set.of("__consumer_offsets", "__transaction_state", "__share_group_state", "__remote_log_metadata");
    private static final Set<String> CONNECT_DEFAULTS = Set.of("connect-configs", "connect-offsets", "connect-status");
    private static final List<String> CONNECT_SUFFIXES = List.of("-configs", "-offsets", "-status");

    public TopicSelection {
        Objects.requireNonNull(include, "include");
        Objects.requireNonNull(exclude, "exclude");
        alsoInclude = Set.copyOf(alsoInclude);
    }

    /** Every topic except the built-in exclusions. */
    public static TopicSelection all() {
        return new TopicSelection(Pattern.compile(".*"), Optional.empty(), Set.of());
    }

    public static TopicSelection matching(String includeRegex) {
        return new TopicSelection(Pattern.compile(includeRegex), Optional.empty(), Set.of());
    }

    public TopicSelection excluding(String excludeRegex) {
        return new TopicSelection(include, Optional.of(Pattern.compile(excludeRegex)), alsoInclude);
    }

    public TopicSelection alsoIncluding(Set<String> names) {
        return new TopicSelection(include, exclude, names);
    }

    /** Whether the user's patterns select the topic (built-in exclusions aside). */
    public boolean selects(String topic) {
        return include.matcher(topic).matches()
                && exclude.map(p -> !p.matcher(topic).matches()).orElse(true);
    }

    /** Why the topic is always excluded whatever its configs, or empty. */
    public Optional<String> excludedByName(String topic) {
        if (KAFKA_INTERNAL.contains(topic)) {
            return Optional.of("Kafka internal topic");
        }
        if (topic.startsWith("__cutover.")) {
            return Optional.of("cutover's own state topic");
        }
        if (topic.equals("_schemas")) {
            return Optional.of("schema registry storage topic; schemas are migrated by the registry, not copied");
        }
        if (topic.startsWith("_confluent")) {
            return Optional.of("Confluent Platform internal topic");
        }
        if ((topic.startsWith("mm2-") && topic.endsWith(".internal")) || topic.endsWith(".checkpoints.internal")) {
            return Optional.of("MirrorMaker 2 internal topic");
        }
        if (CONNECT_DEFAULTS.contains(topic) && !alsoInclude.contains(topic)) {
            return Optional.of("Kafka Connect internal topic (default name)");
        }
        return Optional.empty();
    }

    /**
     * Whether a topic with this name and compaction looks like a Connect internal topic (see the class comment), unless
     * the user named it in {@code alsoInclude}.
     */
    public boolean looksLikeConnectInternal(String topic, boolean compacted) {
        return compacted
                && !alsoInclude.contains(topic)
                && CONNECT_SUFFIXES.stream().anyMatch(topic::endsWith);
    }
}
