package dev.cutover.inventory.files;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Guesses a client's role from its scope and settings, and says which ones led to the guess. */
final class RoleGuesser {
    private static final List<String> STREAMS = List.of("application.id", "processing.guarantee", "default.key.serde");
    private static final List<String> CONNECT =
            List.of("connector.class", "config.storage.topic", "offset.storage.topic", "status.storage.topic");
    private static final List<String> PRODUCER = List.of(
            "transactional.id",
            "key.serializer",
            "value.serializer",
            "acks",
            "enable.idempotence",
            "linger.ms",
            "batch.size",
            "delivery.timeout.ms");
    private static final List<String> CONSUMER = List.of(
            "group.id",
            "key.deserializer",
            "value.deserializer",
            "auto.offset.reset",
            "isolation.level",
            "max.poll.interval.ms",
            "max.poll.records",
            "enable.auto.commit");
    private static final Map<String, ClientRole> SECTIONS = Map.of(
            "producer", ClientRole.PRODUCER,
            "consumer", ClientRole.CONSUMER,
            "admin", ClientRole.ADMIN,
            "streams", ClientRole.STREAMS);

    private RoleGuesser() {}

    static RoleGuess guess(String scope, Set<String> keys) {
        String section = KeyNames.lastSegment(scope);
        if (SECTIONS.containsKey(section)) {
            return new RoleGuess(SECTIONS.get(section), "settings are under '" + scope + "'");
        }
        List<String> streams = present(STREAMS, keys);
        if (!streams.isEmpty()) {
            return new RoleGuess(ClientRole.STREAMS, "sets " + String.join(", ", streams));
        }
        List<String> connect = present(CONNECT, keys);
        if (!connect.isEmpty()) {
            return new RoleGuess(ClientRole.CONNECT, "sets " + String.join(", ", connect));
        }
        List<String> producer = present(PRODUCER, keys);
        List<String> consumer = present(CONSUMER, keys);
        if (!producer.isEmpty() && !consumer.isEmpty()) {
            return new RoleGuess(
                    ClientRole.UNKNOWN,
                    "both producer settings (" + String.join(", ", producer) + ") and consumer settings ("
                            + String.join(", ", consumer) + ")");
        }
        if (!producer.isEmpty()) {
            return new RoleGuess(ClientRole.PRODUCER, "sets " + String.join(", ", producer));
        }
        if (!consumer.isEmpty()) {
            return new RoleGuess(ClientRole.CONSUMER, "sets " + String.join(", ", consumer));
        }
        return new RoleGuess(ClientRole.UNKNOWN, "only connection settings, nothing role-specific");
    }

    private static List<String> present(List<String> candidates, Set<String> keys) {
        return candidates.stream().filter(keys::contains).toList();
    }
}
