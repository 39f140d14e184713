package dev.cutover.link.state;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names a link uses on the target: its internal topics and its transactional id. They are keyed by the link's
 * name, so one workspace can hold several links (a forward link and, later, a reverse one for rollback).
 *
 * @param prefix prefix of internal topics, default {@value #DEFAULT_PREFIX}
 * @param link the link's name, default {@value #DEFAULT_LINK}
 */
public record LinkTopics(String prefix, String link) {
    public static final String DEFAULT_PREFIX = "__cutover.";
    public static final String DEFAULT_LINK = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public LinkTopics {
        Objects.requireNonNull(prefix, "prefix");
        if (!NAME.matcher(link).matches()) {
            throw new IllegalArgumentException(
                    "a link name is 1 to 100 letters, digits, '.', '_' or '-'; got '" + link + "'");
        }
    }

    public static LinkTopics named(String link) {
        return new LinkTopics(DEFAULT_PREFIX, link);
    }

    /** Compacted: the link's identity, its lease and the status of each partition. */
    public String state() {
        return prefix + link + ".state";
    }

    /** Compacted: the source→target offset map of every partition, see {@link OffsetMapStore}. */
    public String offsets() {
        return prefix + link + ".offsets";
    }

    /**
     * The configs of both internal topics, created with one partition and the target's default replication factor:
     * compacted, and compactable at once (the latest record per key is all a reader needs).
     */
    public static final java.util.Map<String, String> INTERNAL_TOPIC_CONFIGS =
            java.util.Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");

    /** Both internal topics: {@link #state()} and {@link #offsets()}. */
    public java.util.List<String> internalTopics() {
        return java.util.List.of(state(), offsets());
    }

    /** The transactional id of the link's producer; a successor uses the same one, which fences its predecessor. */
    public String transactionalId() {
        return "cutover-link-" + link;
    }
}
