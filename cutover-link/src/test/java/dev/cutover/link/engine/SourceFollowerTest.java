package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.link.sync.SyncReport;
import dev.cutover.link.sync.SyncReport.Item;
import dev.cutover.link.sync.SyncReport.Outcome;
import dev.cutover.link.sync.TopicAction;
import dev.cutover.link.sync.TopicSyncPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceFollowerTest {

    private static TopicSyncPlan plan(TopicAction... actions) {
        return new TopicSyncPlan(List.of(actions), List.of(), List.of());
    }

    private static SyncReport report(Item... items) {
        return new SyncReport("topics", false, List.of(items), List.of());
    }

    @Test
    void aLinkedTopicTheSyncRefusesStopsAndIsLeftUntouched() {
        // Given a plan that refuses a linked topic and grows another
        TopicSyncPlan plan = plan(
                new TopicAction.Refuse(
                        "orders", "cleanup.policy is 'compact' on the target but 'delete' on the source"),
                new TopicAction.AddPartitions("payments", 2, 4));

        // When the running link follows it
        SourceFollower.Step step = new SourceFollower().step(plan, Set.of("orders", "payments"));

        // Then only the refused topic stops, with the planner's reason, and the increase is applied
        assertThat(step.stops()).containsOnlyKeys("orders");
        assertThat(step.stops().get("orders"))
                .contains("orders no longer fits the source")
                .contains("cleanup.policy is 'compact' on the target");
        assertThat(step.apply().actions()).containsExactlyElementsOf(plan.actions());
    }

    @Test
    void aLinkedTopicDeletedOnTheTargetStopsAndIsNotRecreated() {
        TopicSyncPlan plan = plan(
                new TopicAction.CreateTopic("orders", 3, Map.of()),
                new TopicAction.CreateTopic("new-topic", 1, Map.of()));

        SourceFollower.Step step = new SourceFollower().step(plan, Set.of("orders"));

        assertThat(step.stops().get("orders")).contains("was deleted while the link copied it");
        assertThat(step.apply().actions()).containsExactly(new TopicAction.CreateTopic("new-topic", 1, Map.of()));
    }

    @Test
    void topicsWithAFailedItemOrAStopAreNotReadyToTakeOn() {
        TopicSyncPlan plan = plan(
                new TopicAction.AddPartitions("a", 1, 2),
                new TopicAction.CreateTopic("b", 1, Map.of()),
                new TopicAction.Unchanged("c"),
                new TopicAction.Refuse("d", "no"));
        SourceFollower.Step step = new SourceFollower().step(plan, Set.of("a", "c", "d"));
        SyncReport report = report(
                new Item("a", Outcome.PARTITIONS_ADDED, "1 -> 2 partitions"),
                new Item("b", Outcome.FAILED, "create failed: PolicyViolationException: no"));

        assertThat(SourceFollower.ready(step, report)).containsExactly("a", "c");
    }

    @Test
    void refusalsAndFailuresAreToldOnceUntilTheyChangeOrGoAway() {
        SourceFollower follower = new SourceFollower();
        Item refused = new Item("d", Outcome.REFUSED, "target has 3 partitions");
        Item altered = new Item("a", Outcome.ALTERED, "set {retention.ms=1}, unset []");

        assertThat(follower.worthTelling(report(refused, altered), false)).containsExactly(refused, altered);
        assertThat(follower.worthTelling(report(refused), false)).isEmpty();
        Item other = new Item("d", Outcome.REFUSED, "target has 4 partitions");
        assertThat(follower.worthTelling(report(other), false)).containsExactly(other);
        assertThat(follower.worthTelling(report(), false)).isEmpty();
        assertThat(follower.worthTelling(report(other), false))
                .as("refused again after it was fine")
                .containsExactly(other);
    }

    @Test
    void adjustmentsAreToldAtStartAndForTopicsCreatedNowOnly() {
        SourceFollower follower = new SourceFollower();
        Item created = new Item("new", Outcome.CREATED, "1 partitions");
        Item newAdjusted = new Item("new", Outcome.ADJUSTED, "min.insync.replicas=2 (TARGET_OWNED)");
        Item oldAdjusted = new Item("old", Outcome.ADJUSTED, "min.insync.replicas=2 (TARGET_OWNED)");
        Item unchanged = new Item("old", Outcome.UNCHANGED, "");
        Item exists = new Item("raced", Outcome.FAILED, "create failed: TopicExistsException: exists");

        assertThat(follower.worthTelling(report(created, newAdjusted, oldAdjusted, unchanged, exists), false))
                .containsExactly(created, newAdjusted);
        assertThat(new SourceFollower().worthTelling(report(oldAdjusted, unchanged), true))
                .containsExactly(oldAdjusted);
    }

    @Test
    void selectedTopicsTheTargetRefusedOrFailedAreUnlinkableWithTheirReasonUntilTheyAreCopied() {
        TopicSyncPlan plan = plan(
                new TopicAction.CreateTopic("scale.1", 20, Map.of()),
                new TopicAction.CreateTopic("scale.2", 20, Map.of()),
                new TopicAction.CreateTopic("scale.3", 20, Map.of()));
        SyncReport report = report(
                new SyncReport.Item("scale.1", SyncReport.Outcome.CREATED, ""),
                new SyncReport.Item("scale.2", SyncReport.Outcome.FAILED, "PolicyViolationException: too large"),
                new SyncReport.Item("scale.3", SyncReport.Outcome.REFUSED, "the target topic has 40 partitions"),
                new SyncReport.Item("other", SyncReport.Outcome.FAILED, "not selected"));

        assertThat(SourceFollower.unlinkable(plan, report, Set.of("scale.1")))
                .containsExactly(
                        Map.entry("scale.2", "PolicyViolationException: too large"),
                        Map.entry("scale.3", "refused: the target topic has 40 partitions"));
        assertThat(SourceFollower.unlinkable(plan, report, Set.of("scale.1", "scale.2", "scale.3")))
                .as("copied after all (e.g. a later refresh took it on)")
                .isEmpty();
        assertThat(SourceFollower.unlinkable(plan, report(), Set.of("scale.2", "scale.3")))
                .as("created, not shown by the target yet")
                .containsExactly(Map.entry("scale.1", SourceFollower.PENDING));
    }
}
