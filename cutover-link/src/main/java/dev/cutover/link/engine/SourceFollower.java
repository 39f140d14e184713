package dev.cutover.link.engine;

import dev.cutover.link.sync.SyncReport;
import dev.cutover.link.sync.TopicAction;
import dev.cutover.link.sync.TopicSyncPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the running link does with the topic-sync plan of each metadata refresh, and which of the results are worth
 * telling. No I/O: the engine reads the clusters and applies; this decides, so the rules are tested without brokers.
 *
 * <p>Rules, for a topic the link already copies ("linked"):
 *
 * <ul>
 *   <li>the plan refuses it (the target topic now has more partitions than the source, or another {@code
 *       cleanup.policy}): the topic stops, all its partitions, with the planner's reason; the target topic is left
 *       untouched and the other topics go on;
 *   <li>the plan would create it (the target topic was deleted): it stops, and the topic is <em>not</em> recreated,
 *       since copies would land at other offsets than the ones the map and the target's consumers know;
 *   <li>otherwise the plan applies as at start: configs follow the source (by {@code TopicConfigRules}) and
 *       partitions the source added are added on the target.
 * </ul>
 *
 * Topics the link does not copy yet are created (or, if they already exist and are compatible, taken on) exactly as at
 * start. Not thread-safe: owned by the link's writing thread.
 */
final class SourceFollower {
    /** Text of an item already told, by subject and outcome: refusals and failures recur at every refresh. */
    private final Map<String, String> told = new HashMap<>();

    /**
     * @param apply the plan to apply (creates of linked topics removed)
     * @param stops linked topics that stop, with the reason
     */
    record Step(TopicSyncPlan apply, Map<String, String> stops) {
        Step {
            stops = Map.copyOf(stops);
        }
    }

    Step step(TopicSyncPlan plan, Set<String> linked) {
        List<TopicAction> actions = new ArrayList<>();
        Map<String, String> stops = new TreeMap<>();
        for (TopicAction action : plan.actions()) {
            boolean isLinked = linked.contains(action.name());
            if (isLinked && action instanceof TopicAction.Refuse refuse) {
                stops.put(
                        action.name(),
                        "the target topic " + action.name() + " no longer fits the source, so the link stopped its"
                                + " partitions (other topics go on): " + refuse.reason());
                actions.add(action);
            } else if (isLinked && action instanceof TopicAction.CreateTopic) {
                stops.put(
                        action.name(),
                        "the target topic " + action.name() + " was deleted while the link copied it; the link does"
                                + " not recreate it (copies would land at other offsets than the map and the target's"
                                + " consumers know): restart the topic's migration under a new link name");
            } else {
                actions.add(action);
            }
        }
        return new Step(new TopicSyncPlan(actions, plan.adjustments(), plan.excluded()), stops);
    }

    /**
     * Topics that after {@code report} are in step with the source on the target and may be (further) linked: synced
     * by the plan, with no failed item (a failed create, config change or partition increase is retried at the next
     * refresh), and not stopped.
     */
    static Set<String> ready(Step step, SyncReport report) {
        Set<String> ready = new TreeSet<>(step.apply().syncedTopics());
        report.items(SyncReport.Outcome.FAILED).forEach(i -> ready.remove(i.subject()));
        ready.removeAll(step.stops().keySet());
        return ready;
    }

    /**
     * The items of a sync worth telling the listener: changes (created, altered, partitions added) always; refusals
     * and failures once for each distinct text (they recur at every refresh until someone acts); adjustments at start
     * and for topics created now (they restate the rules, which do not change); never unchanged or excluded topics. A
     * create that failed because the topic exists is the target's metadata lagging a create of this link, not news.
     */
    List<SyncReport.Item> worthTelling(SyncReport report, boolean atStart) {
        Set<String> created = new TreeSet<>();
        report.items(SyncReport.Outcome.CREATED).forEach(i -> created.add(i.subject()));
        List<SyncReport.Item> out = new ArrayList<>();
        for (SyncReport.Item item : report.items()) {
            switch (item.outcome()) {
                case CREATED, ALTERED, PARTITIONS_ADDED -> out.add(item);
                case ADJUSTED -> {
                    if (atStart || created.contains(item.subject())) {
                        out.add(item);
                    }
                }
                case REFUSED, FAILED -> {
                    boolean benign = !atStart && item.detail().contains("TopicExistsException");
                    String key = item.outcome() + " " + item.subject();
                    if (!benign && !item.detail().equals(told.put(key, item.detail()))) {
                        out.add(item);
                    }
                }
                default -> {}
            }
        }
        // A topic that is fine again may be refused again later: tell it then.
        Set<String> troubled = new TreeSet<>();
        report.items(SyncReport.Outcome.REFUSED).forEach(i -> troubled.add("REFUSED " + i.subject()));
        report.items(SyncReport.Outcome.FAILED).forEach(i -> troubled.add("FAILED " + i.subject()));
        told.keySet().retainAll(troubled);
        return out;
    }

    /**
     * Selected source topics that are not copied and why: every refused or failed item of a topic in the plan that the
     * link does not copy after this step, and selected topics not copied yet for another reason ({@link #PENDING}). The link never skips a topic silently; these go into its state and make
     * {@code link status} exit 1.
     */
    /** Why a selected topic without a refusal or failure is not copied yet. */
    static final String PENDING = "not copied yet: the target does not show the topic (or all its partitions) yet, as"
            + " happens for a while after thousands of partitions are created; the link takes it on at a refresh";

    static Map<String, String> unlinkable(TopicSyncPlan plan, SyncReport report, Set<String> linkedAfter) {
        Set<String> selected = new TreeSet<>();
        plan.actions().forEach(a -> selected.add(a.name()));
        Map<String, String> out = new TreeMap<>(report.unlinkable());
        out.keySet().removeIf(topic -> !selected.contains(topic) || linkedAfter.contains(topic));
        for (String topic : selected) {
            if (!linkedAfter.contains(topic) && !out.containsKey(topic)) {
                out.put(topic, PENDING);
            }
        }
        return out;
    }
}
