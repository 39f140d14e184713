package dev.cutover.link.sync;

import java.util.Objects;
import org.apache.kafka.clients.admin.Config;

/**
 * What the sync needs to know of one topic on one cluster: its partition count and its described configs (with
 * their {@link org.apache.kafka.clients.admin.ConfigEntry.ConfigSource sources}, which tell overrides from defaults).
 */
public record TopicSnapshot(String name, int partitions, Config config) {
    public TopicSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
    }
}
