package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.link.sync.SyncReport;
import dev.cutover.link.sync.TopicSelection;
import dev.cutover.link.sync.TopicSync;
import dev.cutover.link.sync.TopicSyncPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link following its source while it runs (every {@code metadataRefresh}, between transactions): stops partitions
 * of deleted or recreated source topics, applies the topic sync's plan to the target (configs, partition increases,
 * new matching topics; linked topics that now conflict stop, see {@link SourceFollower}), takes new partitions and
 * topics on, and reports selected topics it cannot copy. A refresh that cannot reach a cluster is logged and retried at
 * the next one; the copy goes on meanwhile.
 */
final class Following {
    private static final Logger log = LoggerFactory.getLogger(Following.class);
    private final EngineClients clients;
    private final Partitions partitions;
    private final EngineEvents events;
    private final PartitionRecovery recovery;
    private final SourceFollower follower = new SourceFollower();
    /** Selected source topics when the link started: {@code --from} applies to them, later ones are copied whole. */
    private Set<String> topicsAtStart = Set.of();

    Following(EngineClients clients, Partitions partitions, EngineEvents events, PartitionRecovery recovery) {
        this.clients = clients;
        this.partitions = partitions;
        this.events = events;
        this.recovery = recovery;
    }

    TopicSync topicSync() {
        TopicSelection selection = new TopicSelection(
                clients.settings.include(), clients.settings.exclude(), clients.settings.alsoInclude());
        return new TopicSync(clients.sourceAdmin, clients.targetAdmin, selection, clients.settings.timeout());
    }

    /** The start's sync: creates and aligns the target topics; returns its plan and report. */
    record Initial(TopicSyncPlan plan, SyncReport report) {}

    Initial syncAtStart() {
        TopicSync sync = topicSync();
        TopicSyncPlan plan = sync.plan();
        SyncReport report = sync.apply(plan);
        topicsAtStart = new TreeSet<>();
        plan.actions().forEach(a -> topicsAtStart.add(a.name()));
        follower.worthTelling(report, true).forEach(events::topicSynced);
        return new Initial(plan, report);
    }

    /** Result of one refresh: topics the link was asked to copy and cannot, with why (empty if unknown this time). */
    record Refreshed(boolean known, Map<String, String> unlinkable) {}

    Refreshed refresh(TargetLimitsHolder limits) {
        Map<String, TopicDescription> linked = refreshTopicHealth();
        try {
            return new Refreshed(true, followSource(linked, limits));
        } catch (RuntimeException e) { // a refresh never ends the link: the copy goes on, the next refresh retries
            log.warn("following the source's topics failed; retrying at the next refresh", e);
            events.info("following the source's topics failed (" + e.getMessage() + "); retrying in "
                    + clients.settings.metadataRefresh().toSeconds() + " s");
            return new Refreshed(false, Map.of());
        }
    }

    /** Stops partitions whose source topic was deleted or recreated; returns the linked topics' descriptions. */
    Map<String, TopicDescription> refreshTopicHealth() {
        Set<String> topics = partitions.topics();
        Map<String, TopicDescription> now = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        try {
            for (var e :
                    clients.sourceAdmin.describeTopics(topics).topicNameValues().entrySet()) {
                try {
                    now.put(
                            e.getKey(),
                            e.getValue().get(clients.settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException ex) {
                    if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
                        deleted.add(e.getKey());
                    }
                }
            }
        } catch (TimeoutException | RuntimeException e) {
            log.debug("topic refresh failed: {}", e.toString());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        for (PartitionCopy copy : partitions.all()) {
            TopicDescription d = now.get(copy.tp.topic());
            if (deleted.contains(copy.tp.topic())) {
                partitions.fail(copy.tp, "source topic " + copy.tp.topic() + " was deleted");
            } else if (d != null) {
                PartitionRecovery.recreated(
                                copy.tp.topic(), copy.topicId, d.topicId().toString())
                        .ifPresent(reason -> partitions.fail(copy.tp, reason));
            }
        }
        return now;
    }

    private Map<String, String> followSource(Map<String, TopicDescription> linkedNow, TargetLimitsHolder limits) {
        TopicSync sync = topicSync();
        Set<String> linked = partitions.topics();
        TopicSyncPlan plan = sync.plan();
        SourceFollower.Step step = follower.step(plan, linked);
        step.stops()
                .forEach((topic, reason) ->
                        partitions.ofTopics(Set.of(topic)).forEach(tp -> partitions.fail(tp, reason)));
        SyncReport report = sync.apply(step.apply());
        follower.worthTelling(report, false).forEach(events::topicSynced);
        Set<String> grow = new TreeSet<>();
        for (String topic : SourceFollower.ready(step, report)) {
            TopicDescription d = linkedNow.get(topic);
            if (!linked.contains(topic) || (d != null && d.partitions().size() > partitions.countOf(topic))) {
                grow.add(topic);
            }
        }
        if (!grow.isEmpty()) {
            takeOn(grow, linked, Map.of(), limits);
        }
        limits.reload(partitions.topics());
        return SourceFollower.unlinkable(plan, report, partitions.topics());
    }

    /**
     * Takes on the partitions of {@code topics} the link does not copy yet: new partitions of linked topics and every
     * partition of newly linked ones, from their log start (a topic that already existed when the link started
     * follows {@code --from}, as it would have then), or from the exact offsets given. Each gets a fresh map, joins
     * the consumer's assignment, and is checkpointed with the next transaction. Returns the partitions taken on.
     */
    List<TopicPartition> takeOn(
            Set<String> topics, Set<String> linked, Map<TopicPartition, Long> exactStarts, TargetLimitsHolder limits) {
        Map<String, TopicDescription> source = clients.describe(clients.sourceAdmin, clients.source, topics);
        Map<String, Integer> onTarget = awaitTargetPartitions(source);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicDescription d : source.values()) {
            boolean sameTopic = partitions.all().stream()
                    .filter(c -> c.tp.topic().equals(d.name()))
                    .allMatch(c -> c.topicId.equals(d.topicId().toString()));
            if (!sameTopic) {
                continue; // recreated: the health check stopped it
            }
            int count = Math.min(d.partitions().size(), onTarget.getOrDefault(d.name(), 0));
            for (int p = 0; p < count; p++) {
                TopicPartition tp = new TopicPartition(d.name(), p);
                if (!partitions.contains(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        Set<String> newTopics = new TreeSet<>(Partitions.topicsOf(fresh));
        newTopics.removeAll(linked);
        limits.reload(newTopics);
        Set<String> fromLogStart = new TreeSet<>(linked);
        Partitions.topicsOf(fresh).stream()
                .filter(t -> !topicsAtStart.contains(t))
                .forEach(fromLogStart::add);
        List<TopicPartition> active = new ArrayList<>();
        for (PartitionCopy copy : recovery.takeOn(fresh, source, fromLogStart, exactStarts)) {
            partitions.put(copy);
            if (!copy.inError()) {
                active.add(copy.tp);
            }
        }
        if (!active.isEmpty()) {
            Set<TopicPartition> assignment = new HashSet<>(clients.consumer.assignment());
            assignment.addAll(active);
            clients.consumer.assign(assignment);
            active.forEach(
                    tp -> clients.consumer.seek(tp, partitions.get(tp).map.coveredTo()));
        }
        events.info("following the source: now also copying " + active.size() + " partition(s) "
                + active.stream().map(TopicPartition::toString).sorted().toList()
                + (newTopics.isEmpty() ? "" : ", of new topic(s) " + newTopics));
        if (clients.settings.syncSecurity() && !newTopics.isEmpty()) {
            syncSecurity(newTopics);
        }
        return active;
    }

    void syncSecurity(Set<String> topics) {
        SecuritySync.run(
                        clients.sourceAdmin,
                        clients.targetAdmin,
                        topics,
                        clients.settings.principalMapping(),
                        clients.settings.timeout(),
                        false)
                .stream()
                .filter(line -> !line.contains(": skipped") && !line.contains(": unchanged"))
                .forEach(events::info);
    }

    /**
     * The target's partition counts of these topics, once it shows at least the source's (a create or increase just
     * made takes a moment to reach every broker), or what it shows when the wait ends; bounded by the timeout.
     */
    Map<String, Integer> awaitTargetPartitions(Map<String, TopicDescription> source) {
        long deadline = System.nanoTime() + clients.settings.timeout().toNanos();
        while (true) {
            Map<String, Integer> counts = new HashMap<>();
            try {
                clients.describe(clients.targetAdmin, clients.target, source.keySet())
                        .forEach((name, d) -> counts.put(name, d.partitions().size()));
            } catch (CutoverException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            boolean all = source.values().stream()
                    .allMatch(d ->
                            counts.getOrDefault(d.name(), 0) >= d.partitions().size());
            if (all || System.nanoTime() > deadline) {
                return counts;
            }
            LinkEngine.pause(200);
        }
    }
}
