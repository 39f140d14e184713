package dev.cutover.inventory.files;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Which keys are Kafka client settings, and how other spellings map to them: Spring Boot's {@code spring.kafka.*}
 * names, and {@code brokers} (Spring Cloud Stream, KafkaJS) as bootstrap servers.
 */
final class KafkaKeys {
    static final String BOOTSTRAP = "bootstrap.servers";
    private static final String SPRING = "spring.kafka.";
    private static final Set<String> SPRING_SECTIONS = Set.of("producer", "consumer", "admin", "streams");

    /** Streams, Connect and Schema Registry keys clients commonly set besides the producer/consumer/admin ones. */
    private static final Set<String> EXTRA = Set.of(
            "application.id",
            "processing.guarantee",
            "num.stream.threads",
            "state.dir",
            "default.key.serde",
            "default.value.serde",
            "config.storage.topic",
            "offset.storage.topic",
            "status.storage.topic",
            "connector.class",
            "tasks.max",
            "topics",
            "topics.regex",
            "schema.registry.url",
            "basic.auth.user.info",
            "basic.auth.credentials.source",
            "specific.avro.reader",
            "auto.register.schemas");

    static final Set<String> KNOWN = Stream.of(
                    ProducerConfig.configNames(), ConsumerConfig.configNames(), AdminClientConfig.configNames(), EXTRA)
            .flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    /** After merging with its parents, a group holding one of these is a client configuration. */
    static final Set<String> ANCHORS = Set.of(
            BOOTSTRAP,
            "group.id",
            "key.serializer",
            "value.serializer",
            "key.deserializer",
            "value.deserializer",
            "application.id",
            "transactional.id",
            "connector.class",
            "sasl.jaas.config");

    private static final List<String> KNOWN_LONGEST_FIRST = KNOWN.stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    /** Where a setting belongs: the key prefix that groups a client ({@code scope}) and the Kafka key. */
    record Placement(String scope, String key) {}

    private KafkaKeys() {}

    static Optional<Placement> place(String path) {
        if (path.startsWith(SPRING)) {
            return spring(path.substring(SPRING.length()));
        }
        if (path.equals("brokers") || path.endsWith(".brokers")) {
            return Optional.of(new Placement(parent(path, "brokers"), BOOTSTRAP));
        }
        for (String key : KNOWN_LONGEST_FIRST) {
            if (path.equals(key) || path.endsWith("." + key)) {
                return Optional.of(new Placement(parent(path, key), key));
            }
        }
        return Optional.empty();
    }

    private static Optional<Placement> spring(String rest) {
        String scope = "spring.kafka";
        int dot = rest.indexOf('.');
        if (dot > 0 && SPRING_SECTIONS.contains(rest.substring(0, dot))) {
            scope = scope + "." + rest.substring(0, dot);
            rest = rest.substring(dot + 1);
        }
        String key = rest.startsWith("properties.") ? rest.substring("properties.".length()) : springRename(rest);
        boolean keep = KNOWN.contains(key) || key.startsWith("jaas.") || key.startsWith("ssl.");
        return keep ? Optional.of(new Placement(scope, key)) : Optional.empty();
    }

    private static String springRename(String key) {
        String k = key.replace("trust.store", "truststore").replace("key.store", "keystore");
        return switch (k) {
            case "transaction.id.prefix" -> "transactional.id";
            case "auto.commit.interval", "heartbeat.interval", "fetch.max.wait", "max.poll.interval" -> k + ".ms";
            default -> k;
        };
    }

    private static String parent(String path, String key) {
        return path.length() == key.length() ? "" : path.substring(0, path.length() - key.length() - 1);
    }

    static boolean isRetryOrTimeout(String key) {
        return key.equals("retries")
                || key.endsWith(".timeout.ms")
                || key.endsWith(".interval.ms")
                || key.endsWith(".backoff.ms")
                || key.endsWith(".backoff.max.ms")
                || key.equals("max.block.ms")
                || key.equals("linger.ms");
    }
}
