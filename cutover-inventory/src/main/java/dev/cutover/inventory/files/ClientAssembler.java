package dev.cutover.inventory.files;

import dev.cutover.config.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the settings of one document into client configurations.
 *
 * <p>Each Kafka setting is placed in a scope, the key prefix before the Kafka key ({@code kafka.consumer} for
 * {@code kafka.consumer.group.id}; {@code spring.kafka.producer} for Spring's producer section). A scope is a client
 * when it holds an anchor setting ({@link KafkaKeys#ANCHORS}) or is a {@code producer}/{@code consumer}/
 * {@code admin}/{@code streams} section; it inherits the settings of its ancestor scopes (so Spring's
 * {@code spring.kafka.bootstrap-servers} reaches every section), and an ancestor with client descendants is not
 * reported on its own. Every value is redacted here, before it leaves the package.
 */
final class ClientAssembler {
    private static final Set<String> SECTIONS = Set.of("producer", "consumer", "admin", "streams");

    private ClientAssembler() {}

    static List<DiscoveredClientConfig> assemble(String file, ConfigFormat format, List<Setting> document) {
        Map<String, List<Placed>> scopes = new LinkedHashMap<>();
        for (Setting s : document) {
            KafkaKeys.place(s.path()).ifPresent(p -> scopes.computeIfAbsent(p.scope(), k -> new ArrayList<>())
                    .add(new Placed(p.key(), s)));
        }
        List<String> clients = scopes.keySet().stream()
                .filter(scope -> isClient(scope, scopes.get(scope)))
                .toList();
        List<String> reported = clients.stream()
                .filter(scope -> clients.stream().noneMatch(other -> isAncestor(scope, other)))
                .toList();
        List<TopicMention> topics = TopicFinder.find(document);
        List<DiscoveredClientConfig> result = new ArrayList<>();
        for (String scope : reported) {
            Map<String, String> merged = new LinkedHashMap<>();
            scopes.keySet().stream()
                    .filter(a -> isAncestor(a, scope))
                    .sorted((x, y) -> Integer.compare(x.length(), y.length()))
                    .forEach(a -> merged.putAll(values(scopes.get(a))));
            merged.putAll(values(scopes.get(scope)));
            int line = scopes.get(scope).stream()
                    .mapToInt(p -> p.setting().line())
                    .min()
                    .orElse(1);
            result.add(build(file, line, format, scope, merged, topics));
        }
        return result;
    }

    private record Placed(String key, Setting setting) {}

    private static boolean isClient(String scope, List<Placed> own) {
        return SECTIONS.contains(KeyNames.lastSegment(scope))
                || own.stream().anyMatch(p -> KafkaKeys.ANCHORS.contains(p.key()));
    }

    /** Whether {@code ancestor} is a proper prefix scope of {@code scope}; the root scope "" is everyone's. */
    private static boolean isAncestor(String ancestor, String scope) {
        if (ancestor.equals(scope)) {
            return false;
        }
        return ancestor.isEmpty() || scope.startsWith(ancestor + ".") || scope.startsWith(ancestor + "[");
    }

    /** Values by Kafka key; a key given several times (a YAML or JSON list) becomes a comma-separated value. */
    private static Map<String, String> values(List<Placed> placed) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Placed p : placed) {
            values.merge(p.key(), p.setting().value(), (a, b) -> a + "," + b);
        }
        return values;
    }

    private static DiscoveredClientConfig build(
            String file,
            int line,
            ConfigFormat format,
            String scope,
            Map<String, String> raw,
            List<TopicMention> topics) {
        Map<String, String> settings = new TreeMap<>(Redactor.redact(raw));
        Map<String, String> retries = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (KafkaKeys.isRetryOrTimeout(k)) {
                retries.put(k, v);
            }
        });
        Serialization serialization = new Serialization(
                settings.get("key.serializer"),
                settings.get("value.serializer"),
                first(settings, "key.deserializer", "default.key.serde"),
                first(settings, "value.deserializer", "default.value.serde"),
                settings.get("schema.registry.url"));
        return new DiscoveredClientConfig(
                file,
                line,
                format,
                scope,
                RoleGuesser.guess(scope, raw.keySet()),
                settings.get(KafkaKeys.BOOTSTRAP),
                settings.get("security.protocol"),
                settings.get("sasl.mechanism"),
                settings.get("ssl.truststore.location"),
                settings.get("group.id"),
                settings.get("client.id"),
                topics,
                serialization,
                settings.get("acks"),
                settings.get("enable.idempotence"),
                settings.get("transactional.id"),
                retries,
                settings.get("auto.offset.reset"),
                settings.get("isolation.level"),
                settings);
    }

    private static String first(Map<String, String> settings, String... keys) {
        for (String key : keys) {
            Optional<String> value = Optional.ofNullable(settings.get(key));
            if (value.isPresent()) {
                return value.get();
            }
        }
        return null;
    }
}
