package dev.cutover.inventory.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One client configuration found in a file: where ({@code file}, {@code line} of its bootstrap servers or first
 * setting, and {@code scope}, the key prefix it sits under such as {@code spring.kafka.consumer}), what it is
 * ({@code role} with the reason) and the settings that matter for a move. Settings not present are null. Values
 * are redacted; {@code settings} holds every Kafka setting of the client, by Kafka key. {@code topics} lists the
 * topics mentioned in the same file (or YAML document).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscoveredClientConfig(
        String file,
        int line,
        ConfigFormat format,
        String scope,
        RoleGuess role,
        String bootstrapServers,
        String securityProtocol,
        String saslMechanism,
        String truststoreLocation,
        String groupId,
        String clientId,
        List<TopicMention> topics,
        Serialization serialization,
        String acks,
        String enableIdempotence,
        String transactionalId,
        Map<String, String> retriesAndTimeouts,
        String autoOffsetReset,
        String isolationLevel,
        Map<String, String> settings) {
    public DiscoveredClientConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(serialization, "serialization");
        topics = List.copyOf(topics);
        retriesAndTimeouts = Collections.unmodifiableMap(new TreeMap<>(retriesAndTimeouts));
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }
}
