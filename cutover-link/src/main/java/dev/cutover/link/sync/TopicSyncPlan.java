package dev.cutover.link.sync;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a topic sync would do: the actions (at most one {@link TopicAction.AlterConfigs} and one {@link
 * TopicAction.AddPartitions} per topic, otherwise one action per topic), the config adjustments the rules made, and
 * the topics left out by the built-in exclusions (user-regex exclusions are not listed).
 */
public record TopicSyncPlan(List<TopicAction> actions, List<Adjustment> adjustments, List<Excluded> excluded) {
    public TopicSyncPlan {
        actions = List.copyOf(actions);
        adjustments = List.copyOf(adjustments);
        excluded = List.copyOf(excluded);
    }

    /** A source topic the built-in rules keep off the target. */
    public record Excluded(String name, String why) {
        public Excluded {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(why, "why");
        }
    }

    public <T extends TopicAction> List<T> actions(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Topics the target will have in step after this plan (refused ones excluded): e.g. for {@link AclSyncOptions}. */
    public Set<String> syncedTopics() {
        return actions.stream()
                .filter(a -> !(a instanceof TopicAction.Refuse))
                .map(TopicAction::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public List<TopicAction> actionsFor(String topic) {
        return actions.stream().filter(a -> a.name().equals(topic)).toList();
    }

    public List<Adjustment> adjustmentsFor(String topic) {
        return adjustments.stream().filter(a -> a.topic().equals(topic)).toList();
    }
}
