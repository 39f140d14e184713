package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.link.internal.AdminAwait;
import dev.cutover.link.internal.AdminPages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;

/**
 * What the target accepts per linked topic (max.message.bytes, timestamp bounds) and the source's delete.retention.ms
 * of compacted topics; an immutable value, replaced when the engine reloads it. Records are checked against it before
 * they are sent, so that a transaction never fails on a record the target would reject.
 */
record TargetLimits(Map<String, Topic> topics, Map<String, Long> tombstoneRetentionMs) {
    static final long DEFAULT_MAX_MESSAGE_BYTES = 1048588L;
    static final long DEFAULT_DELETE_RETENTION_MS = 86_400_000L;

    /** One target topic's limits; {@code Long.MAX_VALUE} where there is none. */
    record Topic(long maxMessageBytes, long timestampAfterMaxMs, long timestampBeforeMaxMs) {}

    TargetLimits {
        topics = Map.copyOf(topics);
        tombstoneRetentionMs = Map.copyOf(tombstoneRetentionMs);
    }

    static TargetLimits none() {
        return new TargetLimits(Map.of(), Map.of());
    }

    /** This value with the target limits of {@code names} read again (other topics' kept). */
    TargetLimits reloadTarget(Admin target, AdminAwait await, Set<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        Map<String, Topic> next = new HashMap<>(topics);
        describe(target, await, names, "target")
                .forEach((name, config) -> next.put(
                        name,
                        new Topic(
                                longConfig(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, DEFAULT_MAX_MESSAGE_BYTES),
                                longConfig(config, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.MAX_VALUE),
                                longConfig(
                                        config, TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, Long.MAX_VALUE))));
        return new TargetLimits(next, tombstoneRetentionMs);
    }

    /**
     * This value with the source's delete.retention.ms of {@code names} read again (for compacted topics). Best
     * effort: empty when the source does not answer (the caller says what is lost).
     */
    Optional<TargetLimits> reloadSourceRetention(Admin source, AdminAwait await, Set<String> names) {
        if (names.isEmpty()) {
            return Optional.of(this);
        }
        Map<String, Config> configs;
        try {
            configs = describe(source, await, names, "source");
        } catch (CutoverException e) {
            return Optional.empty();
        }
        Map<String, Long> next = new HashMap<>(tombstoneRetentionMs);
        configs.forEach((name, config) -> {
            if (compacted(config)) {
                next.put(name, longConfig(config, TopicConfig.DELETE_RETENTION_MS_CONFIG, DEFAULT_DELETE_RETENTION_MS));
            } else {
                next.remove(name);
            }
        });
        return Optional.of(new TargetLimits(topics, next));
    }

    long smallestMaxMessageBytes() {
        return topics.values().stream().mapToLong(Topic::maxMessageBytes).min().orElse(Long.MAX_VALUE);
    }

    Optional<Long> tombstoneRetention(String topic) {
        return Optional.ofNullable(tombstoneRetentionMs.get(topic));
    }

    /** Why the target would reject this record now, or null if it would take it. */
    String rejection(TopicPartition tp, ConsumerRecord<byte[], byte[]> r, long now) {
        Topic limits = topics.getOrDefault(tp.topic(), new Topic(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        long size = batchSizeUpperBound(r);
        if (size > limits.maxMessageBytes()) {
            return "record at source offset " + r.offset() + " of " + tp + " takes up to " + size + " bytes in a"
                    + " batch of its own, more than the target topic's max.message.bytes " + limits.maxMessageBytes()
                    + "; raise max.message.bytes on the target topic, then restart the link";
        }
        long after = limits.timestampAfterMaxMs();
        long before = limits.timestampBeforeMaxMs();
        if (r.timestamp() >= 0 && after != Long.MAX_VALUE && r.timestamp() > now + after) {
            return timestampRejection(tp, r, now, "after", after, "ahead of");
        }
        if (r.timestamp() >= 0 && before != Long.MAX_VALUE && r.timestamp() < now - before) {
            return timestampRejection(tp, r, now, "before", before, "behind");
        }
        return null;
    }

    /**
     * Names the record (topic, partition, offset), its timestamp and the target's bound. The bound is the target
     * topic's effective value: copied from the source topic if it overrides it, else the target broker's default.
     */
    private static String timestampRejection(
            TopicPartition tp, ConsumerRecord<byte[], byte[]> r, long now, String side, long bound, String relation) {
        String config = "message.timestamp." + side + ".max.ms";
        return "record at source offset " + r.offset() + " of " + tp + " has timestamp " + r.timestamp() + " ("
                + Instant.ofEpochMilli(r.timestamp()) + "), more than the target topic's " + config + " (" + bound
                + " ms) " + relation + " the time of the copy (" + Instant.ofEpochMilli(now) + "): the target would"
                + " reject it (the bound comes from the source topic's " + config + ", which the link copies, or else"
                + " from the target broker's log." + config + ")";
    }

    /**
     * An upper bound of the bytes a record takes as the only record of an uncompressed v2 batch: the batch header
     * (61 bytes), then length, attributes, timestamp and offset deltas, key, value and every header, with each var-int
     * counted at its widest. What the broker compares with {@code max.message.bytes} is never larger.
     */
    static long batchSizeUpperBound(ConsumerRecord<byte[], byte[]> r) {
        long size = 61 + 5 + 1 + 10 + 5;
        size += 5 + (r.key() == null ? 0 : r.key().length);
        size += 5 + (r.value() == null ? 0 : r.value().length);
        size += 5;
        for (Header h : r.headers()) {
            size += 5 + h.key().getBytes(StandardCharsets.UTF_8).length;
            size += 5 + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    private static Map<String, Config> describe(Admin admin, AdminAwait await, Set<String> names, String side) {
        return AdminPages.describeTopicConfigs(
                admin, await, names, "describe the configs of " + names.size() + " " + side + " topic(s)");
    }

    private static boolean compacted(Config config) {
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        return policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    static long longConfig(Config config, String name, long fallback) {
        ConfigEntry entry = config.get(name);
        try {
            return entry == null || entry.value() == null ? fallback : Long.parseLong(entry.value());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
