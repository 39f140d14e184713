package dev.cutover.link.sync;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One step of a {@link TopicSyncPlan}, about one topic. A topic may have two actions in one plan ({@link AlterConfigs}
 * and {@link AddPartitions}); every other action is the only one for its topic.
 */
public sealed interface TopicAction {
    String name();

    /** The topic does not exist on the target: create it with the source's partition count and these configs. */
    record CreateTopic(String name, int partitions, Map<String, String> configs) implements TopicAction {
        public CreateTopic {
            Objects.requireNonNull(name, "name");
            if (partitions < 1) {
                throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
            }
            configs = Map.copyOf(configs);
        }
    }

    /** The target topic's configs differ from what the source asks for: set these, and unset those. */
    record AlterConfigs(String name, Map<String, String> set, Set<String> unset) implements TopicAction {
        public AlterConfigs {
            Objects.requireNonNull(name, "name");
            set = Map.copyOf(set);
            unset = Set.copyOf(unset);
            if (set.isEmpty() && unset.isEmpty()) {
                throw new IllegalArgumentException("an AlterConfigs action for " + name + " changes nothing");
            }
        }
    }

    /** The source grew: add partitions on the target, from {@code from} to {@code to} partitions. */
    record AddPartitions(String name, int from, int to) implements TopicAction {
        public AddPartitions {
            Objects.requireNonNull(name, "name");
            if (to <= from) {
                throw new IllegalArgumentException("AddPartitions must grow " + name + ": " + from + " -> " + to);
            }
        }
    }

    /** The target topic cannot follow the source without breaking the partition-preserving copy; left untouched. */
    record Refuse(String name, String reason) implements TopicAction {
        public Refuse {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The target topic already matches the source. */
    record Unchanged(String name) implements TopicAction {
        public Unchanged {
            Objects.requireNonNull(name, "name");
        }
    }
}
