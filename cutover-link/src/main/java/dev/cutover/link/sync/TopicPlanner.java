package dev.cutover.link.sync;

import dev.cutover.link.sync.Adjustment.Kind;
import dev.cutover.link.sync.TopicAction.AddPartitions;
import dev.cutover.link.sync.TopicAction.AlterConfigs;
import dev.cutover.link.sync.TopicAction.CreateTopic;
import dev.cutover.link.sync.TopicAction.Refuse;
import dev.cutover.link.sync.TopicAction.Unchanged;
import dev.cutover.link.sync.TopicConfigRules.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;

/**
 * The pure half of {@link TopicSync}: from the source's and the target's topics to a {@link TopicSyncPlan}, by the
 * rules of {@link TopicConfigRules}. No I/O, so every rule is tested without a broker.
 *
 * <p>Per selected source topic:
 *
 * <ul>
 *   <li>absent on the target: {@link CreateTopic} with the source's partition count, its copied overrides and its
 *       effective {@code cleanup.policy};
 *   <li>present with MORE partitions than the source, or another {@code cleanup.policy}: {@link Refuse} (a
 *       partition-preserving copy needs the same partitions, and partitions cannot be removed);
 *   <li>otherwise {@link AlterConfigs} with the diff over the configs the sync follows (set what differs, unset
 *       overrides the source no longer has; target-owned configs are never in the diff), {@link AddPartitions} when
 *       the target has fewer partitions, or {@link Unchanged}.
 * </ul>
 *
 * A target topic with fewer partitions is grown, not refused: the planner cannot tell a topic an earlier sync
 * created (and the source has since grown) from one created by hand. Grow such topics only if they hold no data of
 * their own.
 */
public final class TopicPlanner {
    private static final String CREATE_TIME = "CreateTime";
    private static final String LOG_APPEND_TIME = "LogAppendTime";
    private static final String DEFAULT_CLEANUP_POLICY = "delete";

    private TopicPlanner() {}

    /**
     * @param source the source's topics (the selection is applied here)
     * @param target the target's topics by name (topics absent from the map do not exist on the target)
     */
    public static TopicSyncPlan plan(
            List<TopicSnapshot> source, Map<String, TopicSnapshot> target, TopicSelection selection) {
        List<TopicAction> actions = new ArrayList<>();
        List<Adjustment> adjustments = new ArrayList<>();
        List<TopicSyncPlan.Excluded> excluded = new ArrayList<>();
        List<TopicSnapshot> sorted = source.stream()
                .sorted(Comparator.comparing(TopicSnapshot::name))
                .toList();
        for (TopicSnapshot topic : sorted) {
            if (!selection.selects(topic.name())) {
                continue;
            }
            Optional<String> byName = selection.excludedByName(topic.name());
            if (byName.isPresent()) {
                excluded.add(new TopicSyncPlan.Excluded(topic.name(), byName.get()));
                continue;
            }
            Set<String> policy = cleanupPolicy(topic.config());
            if (selection.looksLikeConnectInternal(topic.name(), policy.contains("compact"))) {
                excluded.add(
                        new TopicSyncPlan.Excluded(
                                topic.name(),
                                "compacted and named like a Kafka Connect internal topic; add it to alsoInclude if it is data"));
                continue;
            }
            planTopic(topic, target.get(topic.name()), actions, adjustments);
        }
        return new TopicSyncPlan(actions, adjustments, excluded);
    }

    private static void planTopic(
            TopicSnapshot source, TopicSnapshot target, List<TopicAction> actions, List<Adjustment> adjustments) {
        Map<String, String> desired = copiedConfigs(source, adjustments);
        String sourcePolicy = String.join(",", cleanupPolicy(source.config()));
        if (target == null) {
            Map<String, String> configs = new TreeMap<>(desired);
            configs.put(TopicConfigRules.CLEANUP_POLICY, sourcePolicy);
            actions.add(new CreateTopic(source.name(), source.partitions(), configs));
            return;
        }
        List<String> refusals = new ArrayList<>();
        if (target.partitions() > source.partitions()) {
            refusals.add("the target topic has " + target.partitions() + " partitions but the source has "
                    + source.partitions() + "; a partition-preserving copy needs the same count, and partitions"
                    + " cannot be removed: delete and recreate the target topic, or leave it out of the sync");
        }
        String targetPolicy = String.join(",", cleanupPolicy(target.config()));
        if (!targetPolicy.equals(sourcePolicy)) {
            refusals.add("cleanup.policy is '" + targetPolicy + "' on the target but '" + sourcePolicy
                    + "' on the source; the sync never switches it (consumers would see other data): change it on"
                    + " the target by hand if that is intended");
        }
        if (!refusals.isEmpty()) {
            actions.add(new Refuse(source.name(), String.join("; ", refusals)));
            return;
        }
        ConfigEntry targetTimestamps = target.config().get(TopicConfigRules.TIMESTAMP_TYPE);
        if (targetTimestamps != null && LOG_APPEND_TIME.equals(targetTimestamps.value())) {
            adjustments.add(new Adjustment(
                    source.name(),
                    TopicConfigRules.TIMESTAMP_TYPE,
                    Optional.empty(),
                    Kind.NOTE,
                    "the existing target topic uses LogAppendTime, so copies get the target's append time instead"
                            + " of the source's timestamps; target-owned, not changed"));
        }
        Map<String, String> current = new TreeMap<>();
        for (ConfigEntry entry : target.config().entries()) {
            if (entry.source() == ConfigSource.DYNAMIC_TOPIC_CONFIG
                    && entry.value() != null
                    && TopicConfigRules.followed(entry.name())) {
                current.put(entry.name(), entry.value());
            }
        }
        Map<String, String> set = new TreeMap<>();
        desired.forEach((name, value) -> {
            if (!value.equals(current.get(name))) {
                set.put(name, value);
            }
        });
        Set<String> unset = new TreeSet<>(current.keySet());
        unset.removeAll(desired.keySet());
        boolean changed = false;
        if (!set.isEmpty() || !unset.isEmpty()) {
            actions.add(new AlterConfigs(source.name(), set, unset));
            changed = true;
        }
        if (target.partitions() < source.partitions()) {
            actions.add(new AddPartitions(source.name(), target.partitions(), source.partitions()));
            changed = true;
        }
        if (!changed) {
            actions.add(new Unchanged(source.name()));
        }
    }

    /** The source's overrides that the target gets; records an adjustment for every one it does not get as-is. */
    private static Map<String, String> copiedConfigs(TopicSnapshot source, List<Adjustment> adjustments) {
        Map<String, String> copied = new TreeMap<>();
        ConfigEntry timestampType = source.config().get(TopicConfigRules.TIMESTAMP_TYPE);
        boolean logAppendSource = timestampType != null && LOG_APPEND_TIME.equals(timestampType.value());
        List<ConfigEntry> overrides = source.config().entries().stream()
                .filter(e -> e.source() == ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .sorted(Comparator.comparing(ConfigEntry::name))
                .toList();
        for (ConfigEntry entry : overrides) {
            Rule rule = TopicConfigRules.ruleFor(entry.name());
            Optional<String> value = entry.isSensitive() ? Optional.empty() : Optional.ofNullable(entry.value());
            switch (rule.treatment()) {
                case COPY -> {
                    if (value.isEmpty()) {
                        adjustments.add(new Adjustment(
                                source.name(),
                                entry.name(),
                                Optional.empty(),
                                Kind.SENSITIVE,
                                "sensitive on the source, its value cannot be read: set it on the target by hand"));
                    } else {
                        copied.put(entry.name(), value.get());
                        timestampBoundNote(source.name(), entry.name(), value.get(), logAppendSource)
                                .ifPresent(adjustments::add);
                    }
                }
                case CHECKED -> {
                    // cleanup.policy: compared, and set on creation, by planTopic.
                }
                case KEEP_CREATE_TIME -> {
                    if (!CREATE_TIME.equals(entry.value())) {
                        adjustments.add(
                                new Adjustment(source.name(), entry.name(), value, Kind.KEPT_CREATE_TIME, rule.why()));
                    }
                }
                case DROP_REMOVED ->
                    adjustments.add(
                            new Adjustment(source.name(), entry.name(), value, Kind.DROPPED_REMOVED, rule.why()));
                case TARGET_OWNED ->
                    adjustments.add(new Adjustment(source.name(), entry.name(), value, Kind.TARGET_OWNED, rule.why()));
            }
        }
        return copied;
    }

    /**
     * The timestamp bounds are copied as-is (the source's owners chose them, and widening them silently would hide
     * bad producers after the move). The target checks each copy's CreateTime against them, so during a backfill of
     * old records a tight {@code before.max.ms} rejects records: the link reports those, and the owner may widen the
     * bound on the target for the backfill.
     */
    private static Optional<Adjustment> timestampBoundNote(
            String topic, String config, String value, boolean logAppendSource) {
        boolean bound = config.equals(TopicConfigRules.TIMESTAMP_BEFORE_MAX_MS)
                || config.equals(TopicConfigRules.TIMESTAMP_AFTER_MAX_MS);
        if (!bound || value.equals(Long.toString(Long.MAX_VALUE))) {
            return Optional.empty();
        }
        String why = "copied as-is: the target checks the source's record timestamps against it, so records outside"
                + " the bound when copied are rejected and reported by the link"
                + (logAppendSource
                        ? "; the source ignored it (LogAppendTime), the target (CreateTime) enforces it"
                        : "");
        return Optional.of(new Adjustment(topic, config, Optional.of(value), Kind.NOTE, why));
    }

    /** The effective cleanup.policy as a sorted set ({@code compact,delete} equals {@code delete,compact}). */
    static Set<String> cleanupPolicy(Config config) {
        ConfigEntry entry = config.get(TopicConfigRules.CLEANUP_POLICY);
        String value = entry == null || entry.value() == null ? DEFAULT_CLEANUP_POLICY : entry.value();
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
