package dev.cutover.link.sync;

import java.util.Map;
import java.util.Objects;

/**
 * Which source topic configs the target gets, and why. Only configs the source topic overrides (config source {@code
 * DYNAMIC_TOPIC_CONFIG}) are considered: defaults stay the target's defaults. Each override then gets one {@link
 * Treatment}; the table is mirrored in {@code docs/topic-config-rules.md}.
 *
 * <ul>
 *   <li>{@link Treatment#COPY}: everything not listed below (retention, segments, compaction lags, compression, max
 *       message size, flush, {@code message.timestamp.before/after.max.ms}, ...). Unknown configs are copied too: if
 *       the target does not know them, its refusal is reported per topic.
 *   <li>{@link Treatment#CHECKED}: {@code cleanup.policy} must be equal on both sides. A new target topic always gets
 *       the source's effective value (so a target with another broker default cannot change the meaning); an
 *       existing target topic with another value is refused, never altered, since switching delete and compact
 *       changes what consumers of the target see.
 *   <li>{@link Treatment#KEEP_CREATE_TIME}: {@code message.timestamp.type}. The link copies each record with its
 *       source timestamp as CreateTime; a LogAppendTime target would overwrite it with the copy time. So the target
 *       keeps CreateTime, which for a LogAppendTime source keeps the times the source assigned.
 *   <li>{@link Treatment#DROP_REMOVED}: {@code message.format.version} and {@code message.timestamp.difference.max.ms}
 *       (removed in Kafka 4.0; the latter replaced by the before/after bounds of KIP-937), {@code
 *       message.downconversion.enable} (no effect since 4.0, down-conversion is gone; deprecated for removal).
 *   <li>{@link Treatment#TARGET_OWNED}: {@code min.insync.replicas} and {@code unclean.leader.election.enable}
 *       (durability follows the target's replication factor and policy), {@code leader/follower.replication.
 *       throttled.replicas} (name source broker ids), tiered storage ({@code remote.storage.enable}, {@code
 *       local.retention.*}, {@code remote.log.*}: the target may have no remote storage), and vendor {@code
 *       confluent.*} configs. The sync never sets or unsets these on the target.
 * </ul>
 *
 * The replication factor is not a config: new topics get the target's default.
 */
public final class TopicConfigRules {
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";

    /** How one config is treated. */
    public enum Treatment {
        COPY,
        CHECKED,
        KEEP_CREATE_TIME,
        DROP_REMOVED,
        TARGET_OWNED
    }

    /** A treatment and the reason given in reports. */
    public record Rule(Treatment treatment, String why) {
        public Rule {
            Objects.requireNonNull(treatment, "treatment");
            Objects.requireNonNull(why, "why");
        }
    }

    private static final Rule COPY = new Rule(Treatment.COPY, "topic semantics: follows the source");
    private static final String DURABILITY = "durability is the target's: follows its replication factor and policy";
    private static final String PLACEMENT = "names source broker ids; throttles belong to the target's operators";
    private static final String TIERED = "tiered storage is the target's choice; it may have no remote storage";

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry(
                    CLEANUP_POLICY,
                    new Rule(Treatment.CHECKED, "must match: switching delete/compact changes what consumers see")),
            Map.entry(
                    TIMESTAMP_TYPE,
                    new Rule(
                            Treatment.KEEP_CREATE_TIME,
                            "the target keeps CreateTime so the source's record timestamps survive the copy")),
            Map.entry(
                    "message.format.version",
                    new Rule(Treatment.DROP_REMOVED, "removed in Kafka 4.0 (only record format v2 remains)")),
            Map.entry(
                    "message.timestamp.difference.max.ms",
                    new Rule(
                            Treatment.DROP_REMOVED,
                            "removed in Kafka 4.0; replaced by message.timestamp.before/after.max.ms (KIP-937)")),
            Map.entry(
                    "message.downconversion.enable",
                    new Rule(Treatment.DROP_REMOVED, "no effect since Kafka 4.0 (down-conversion is gone)")),
            Map.entry("min.insync.replicas", new Rule(Treatment.TARGET_OWNED, DURABILITY)),
            Map.entry("unclean.leader.election.enable", new Rule(Treatment.TARGET_OWNED, DURABILITY)),
            Map.entry("leader.replication.throttled.replicas", new Rule(Treatment.TARGET_OWNED, PLACEMENT)),
            Map.entry("follower.replication.throttled.replicas", new Rule(Treatment.TARGET_OWNED, PLACEMENT)),
            Map.entry("remote.storage.enable", new Rule(Treatment.TARGET_OWNED, TIERED)),
            Map.entry("local.retention.ms", new Rule(Treatment.TARGET_OWNED, TIERED)),
            Map.entry("local.retention.bytes", new Rule(Treatment.TARGET_OWNED, TIERED)),
            Map.entry("remote.log.copy.disable", new Rule(Treatment.TARGET_OWNED, TIERED)),
            Map.entry("remote.log.delete.on.disable", new Rule(Treatment.TARGET_OWNED, TIERED)));

    private TopicConfigRules() {}

    public static Rule ruleFor(String config) {
        Rule rule = RULES.get(config);
        if (rule != null) {
            return rule;
        }
        if (config.startsWith("confluent.")) {
            return new Rule(Treatment.TARGET_OWNED, "vendor-specific (Confluent Server); placement and tiering");
        }
        return COPY;
    }

    /** Whether the sync may set or unset this config on an existing target topic (the diff of AlterConfigs). */
    public static boolean followed(String config) {
        return ruleFor(config).treatment() == Treatment.COPY;
    }
}
