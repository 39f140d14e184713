package dev.cutover.inventory.files;

import dev.cutover.config.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds topic names in a document: values of keys that name topics ({@code topic}, {@code topics},
 * {@code app.topics.orders}, {@code spring.kafka.template.default-topic}, Connect's {@code *.storage.topic}), when
 * every comma-separated part is a legal topic name that is not a number, a boolean or a duration.
 */
final class TopicFinder {
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern NOT_A_NAME =
            Pattern.compile("\\d+(ms|s|m|h|d)?|true|false|none|null", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_TOPIC_KEYS = Set.of("topics.regex");

    private TopicFinder() {}

    static List<TopicMention> find(List<Setting> settings) {
        Map<String, TopicMention> byName = new LinkedHashMap<>();
        for (Setting s : settings) {
            if (Redactor.isSecret(s.path()) || !namesTopics(s.path())) {
                continue;
            }
            List<String> names = names(s.value());
            names.forEach(n -> byName.putIfAbsent(n, TopicMention.of(n, s.line())));
        }
        return List.copyOf(byName.values());
    }

    private static boolean namesTopics(String path) {
        Optional<KafkaKeys.Placement> placed = KafkaKeys.place(path);
        if (placed.isPresent()) {
            String key = placed.get().key();
            return !NOT_TOPIC_KEYS.contains(key) && (key.equals("topics") || key.endsWith(".topic"));
        }
        String last = KeyNames.lastSegment(path.replaceAll("\\[\\d+]$", ""));
        return last.contains("topic") || path.contains(".topic.") || path.contains(".topics.");
    }

    private static List<String> names(String value) {
        if (value.contains("${")) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.strip();
            if (!TOPIC.matcher(name).matches() || NOT_A_NAME.matcher(name).matches() || name.matches("[.]+")) {
                return List.of();
            }
            names.add(name);
        }
        return names;
    }
}
