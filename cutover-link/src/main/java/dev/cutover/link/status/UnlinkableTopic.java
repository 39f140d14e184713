package dev.cutover.link.status;

import java.util.Objects;

/**
 * A source topic the link was asked to copy (it matches the link's topics) but cannot: it is not copied at all, and
 * {@code link status} shows it and exits 1. The link never skips a topic silently.
 *
 * @param topic the source topic
 * @param reason why it cannot be linked, exactly (e.g. the target refused to create it, and what it said)
 */
public record UnlinkableTopic(String topic, String reason) {
    public UnlinkableTopic {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
    }
}
