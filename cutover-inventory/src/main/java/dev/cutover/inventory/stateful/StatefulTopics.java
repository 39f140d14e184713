package dev.cutover.inventory.stateful;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How stateful applications' internal topics are recognised by name, as the inventory and the waves find them:
 * neither a Kafka Streams group nor a Kafka Connect group names its topics.
 */
public final class StatefulTopics {
    /** Suffixes of Kafka Connect workers' internal topics: configs, offsets, status. */
    public static final List<String> CONNECT_SUFFIXES = List.of("-configs", "-offsets", "-status");

    private StatefulTopics() {}

    /**
     * A Kafka Streams application's internal topics among {@code topics}: named {@code <application.id>-...} and ending
     * {@code -changelog} (state stores), {@code -repartition}, or {@code -topic} with {@code -SUBSCRIPTION-} in the name
     * (foreign-key joins). The application both writes and reads them.
     */
    public static List<String> streamsInternal(String applicationId, Collection<String> topics) {
        return topics.stream()
                .filter(t -> t.startsWith(applicationId + "-"))
                .filter(t -> changelog(t) || repartition(t))
                .sorted()
                .toList();
    }

    public static boolean changelog(String topic) {
        return topic.endsWith("-changelog");
    }

    /** A repartition topic, or a foreign-key join's subscription topic: records deleted once consumed. */
    public static boolean repartition(String topic) {
        return topic.endsWith("-repartition") || (topic.endsWith("-topic") && topic.contains("-SUBSCRIPTION-"));
    }

    /** The state store whose changelog {@code topic} is, for {@code applicationId}. */
    public static Optional<String> store(String applicationId, String topic) {
        if (!topic.startsWith(applicationId + "-") || !changelog(topic)) {
            return Optional.empty();
        }
        return Optional.of(topic.substring(applicationId.length() + 1, topic.length() - "-changelog".length()));
    }

    /**
     * The internal topics of the Kafka Connect workers whose group is {@code group}, among {@code topics}: {@code
     * <group>-configs}, {@code -offsets}, {@code -status} when there are (Strimzi's and many operators' naming), else
     * Kafka's defaults {@code connect-configs}, {@code connect-offsets}, {@code connect-status}.
     */
    public static List<String> connectInternal(String group, Collection<String> topics) {
        List<String> named = new ArrayList<>();
        CONNECT_SUFFIXES.stream().map(s -> group + s).filter(topics::contains).forEach(named::add);
        if (named.isEmpty()) {
            CONNECT_SUFFIXES.stream()
                    .map(s -> "connect" + s)
                    .filter(topics::contains)
                    .forEach(named::add);
        }
        return named;
    }
}
