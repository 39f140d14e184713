package dev.cutover.link.sync;

import java.util.Objects;
import java.util.Optional;

/**
 * A source topic config that the target does not get as-is, and why: reported with the plan so that nobody is
 * surprised by a difference between the clusters.
 *
 * @param topic the topic
 * @param config the config name
 * @param sourceValue the source's value (topic configs hold no secrets; sensitive ones are never read)
 * @param kind what happened to it
 * @param why one sentence for the report
 */
public record Adjustment(String topic, String config, Optional<String> sourceValue, Kind kind, String why) {
    public Adjustment {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sourceValue, "sourceValue");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(why, "why");
    }

    public enum Kind {
        /** {@code message.timestamp.type}: the target keeps CreateTime so the source's timestamps survive. */
        KEPT_CREATE_TIME,
        /** Removed from (or without effect in) Kafka 4.x; dropped. */
        DROPPED_REMOVED,
        /** Owned by the target's operators (durability, placement, throttles, tiered storage); not copied. */
        TARGET_OWNED,
        /** Sensitive on the source, so its value cannot be read; not copied. */
        SENSITIVE,
        /** Copied, but worth knowing about (for example a timestamp bound the target will enforce). */
        NOTE
    }
}
