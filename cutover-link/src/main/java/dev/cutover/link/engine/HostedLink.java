package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.sync.SyncReport;
import dev.cutover.link.sync.TopicSync;
import dev.cutover.link.sync.TopicSyncPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What a link does once, not per share of its partitions, when it runs on a host that splits the copy (a Kafka
 * Connect connector, whose tasks run {@link HostedCopy}): checks the clusters are the link's and that it does not run
 * elsewhere, creates its internal topics, completes and fences what an in-process instance of the link left open,
 * syncs topics (configs, partitions, new matching topics) and, when asked, ACLs and quotas; then follows the source
 * and says which partitions are to be copied, so the host can share them out again when they change. Selected topics
 * it cannot copy are recorded in the link's state with the reason, as the in-process link does: nothing is skipped
 * silently.
 */
public final class HostedLink implements AutoCloseable {
    private final LinkSettings settings;
    private final EngineEvents events;
    private final EngineClients clients;
    private final EngineStart start;
    private final Takeover takeover;
    private final SourceFollower follower = new SourceFollower();
    /** Topics linked after the last sync: they keep being copied while the sync says they may. */
    private Set<String> linked = Set.of();
    /** Unlinkable topics as stored in the state topic, to write changes only. */
    private final Map<String, LinkState.TopicStatus> unlinked = new TreeMap<>();

    public HostedLink(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Takeover takeover,
            Consumer<LinkEvent> listener) {
        this.settings = settings;
        this.events = new EngineEvents(listener);
        this.clients = new EngineClients(sourceProps, targetProps, settings);
        this.takeover = takeover;
        this.start = new EngineStart(clients, events, takeover);
    }

    /**
     * Prepares the link and returns the partitions to copy, sorted.
     *
     * @throws CutoverException when the clusters are not the link's, or the link runs outside this host
     */
    public List<TopicPartition> start() {
        String sourceId =
                clients.source.await(clients.sourceAdmin.describeCluster().clusterId(), "read the cluster id");
        String targetId =
                clients.target.await(clients.targetAdmin.describeCluster().clusterId(), "read the cluster id");
        boolean created = start.ensureInternalTopics();
        LinkState.Snapshot state = created
                ? new LinkState.Snapshot(java.util.Optional.empty(), java.util.Optional.empty(), Map.of())
                : LinkState.read(clients.targetProps, settings.topics(), settings.timeout());
        requireLinkClusters(state, settings, sourceId, targetId);
        awaitForeignLease(state);
        unlinked.putAll(state.unlinkedTopics());
        fenceInProcessInstance();
        TopicSync sync = topicSync();
        TopicSyncPlan plan = sync.plan();
        SyncReport report = sync.apply(plan);
        follower.worthTelling(report, true).forEach(events::topicSynced);
        start.awaitVisible(plan.syncedTopics());
        if (settings.syncSecurity()) {
            syncSecurity(plan.syncedTopics());
        }
        linked = new TreeSet<>(plan.syncedTopics());
        report.items(SyncReport.Outcome.FAILED).forEach(i -> linked.remove(i.subject()));
        List<TopicPartition> out = partitionsOf(linked);
        recordUnlinkable(SourceFollower.unlinkable(plan, report, topicsOf(out)));
        return out;
    }

    /** Refuses clusters other than the ones the link was created between (its stored identity), for connector and tasks. */
    static void requireLinkClusters(LinkState.Snapshot state, LinkSettings settings, String sourceId, String targetId) {
        state.identity().ifPresent(id -> {
            if (!id.sourceClusterId().equals(sourceId) || !id.targetClusterId().equals(targetId)) {
                throw new CutoverException(
                        Reason.CONFIG_INVALID,
                        "link '" + settings.topics().link() + "' was created between source cluster "
                                + id.sourceClusterId() + " and target cluster " + id.targetClusterId()
                                + ", but the connector's source. and target. properties reach " + sourceId + " and "
                                + targetId,
                        "point them back at those clusters, or name another link with link.name");
            }
        });
    }

    /**
     * Waits out the lease of an instance outside Kafka Connect (one that crashed or was killed keeps it until it
     * expires); refuses if that instance renews it meanwhile: it is alive, and a link runs in one place at a time.
     */
    private void awaitForeignLease(LinkState.Snapshot state) {
        var lease = state.lease()
                .filter(l -> l.freshAt(System.currentTimeMillis()))
                .filter(l -> !l.instance().startsWith(HostedCopy.CONNECT_INSTANCE));
        if (lease.isEmpty()) {
            return;
        }
        long waitMs = lease.get().renewedAtMs() + lease.get().leaseMs() - System.currentTimeMillis();
        events.info("waiting " + Math.max(1, waitMs / 1000) + " s for the lease of the in-process instance ("
                + lease.get().host() + ", pid " + lease.get().pid() + ") to expire");
        LinkEngine.pause(waitMs + 200);
        var after = LinkState.read(clients.targetProps, settings.topics(), settings.timeout())
                .lease();
        if (after.isPresent() && after.get().renewedAtMs() != lease.get().renewedAtMs()) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "link '" + settings.topics().link() + "' runs outside Kafka Connect ("
                            + after.get().host() + ", pid " + after.get().pid()
                            + "): it renewed its lease while the connector waited",
                    "stop it first (cutover link stop); a link runs in one place at a time, and the connector"
                            + " resumes where it stopped");
        }
    }

    /**
     * Follows the source (as the in-process link does every {@code metadataRefresh}): applies the topic sync again
     * (config changes, partition increases, new matching topics; a linked topic whose target no longer fits is left
     * out with the reason) and returns the partitions to copy now. A refresh that cannot reach a cluster returns
     * {@code linkedNow} unchanged after saying why.
     */
    public List<TopicPartition> refresh(List<TopicPartition> linkedNow) {
        try {
            TopicSync sync = topicSync();
            TopicSyncPlan plan = sync.plan();
            SourceFollower.Step step = follower.step(plan, linked);
            SyncReport report = sync.apply(step.apply());
            follower.worthTelling(report, false).forEach(events::topicSynced);
            Set<String> ready = SourceFollower.ready(step, report);
            Set<String> newTopics = new TreeSet<>(ready);
            newTopics.removeAll(linked);
            if (!newTopics.isEmpty()) {
                start.awaitVisible(newTopics);
                if (settings.syncSecurity()) {
                    syncSecurity(newTopics);
                }
            }
            Set<String> next = new TreeSet<>(linked);
            next.addAll(ready);
            next.removeAll(step.stops().keySet());
            step.stops().forEach((topic, reason) -> events.info(topic + ": " + reason));
            linked = next;
            List<TopicPartition> out = partitionsOf(linked);
            Map<String, String> unlinkable = new TreeMap<>(SourceFollower.unlinkable(plan, report, topicsOf(out)));
            unlinkable.putAll(step.stops());
            recordUnlinkable(unlinkable);
            return out;
        } catch (RuntimeException e) { // a refresh never ends the link: the copy goes on, the next refresh retries
            events.info("following the source's topics failed (" + e.getMessage() + "); retrying in "
                    + settings.metadataRefresh().toSeconds() + " s");
            return linkedNow;
        }
    }

    /** How often {@link #refresh} should run. */
    public Duration refreshInterval() {
        return settings.metadataRefresh();
    }

    private TopicSync topicSync() {
        return new TopicSync(
                clients.sourceAdmin,
                clients.targetAdmin,
                new dev.cutover.link.sync.TopicSelection(
                        settings.include(), settings.exclude(), settings.alsoInclude()),
                settings.timeout());
    }

    private void syncSecurity(Set<String> topics) {
        SecuritySync.run(
                        clients.sourceAdmin,
                        clients.targetAdmin,
                        topics,
                        settings.principalMapping(),
                        settings.timeout(),
                        false)
                .stream()
                .filter(line -> !line.contains(": skipped") && !line.contains(": unchanged"))
                .forEach(events::info);
    }

    /** The partitions of these topics that both clusters show, sorted by topic and partition. */
    private List<TopicPartition> partitionsOf(Set<String> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> source = clients.describe(clients.sourceAdmin, clients.source, topics);
        Map<String, Integer> onTarget = new HashMap<>();
        clients.describe(clients.targetAdmin, clients.target, source.keySet())
                .forEach((name, d) -> onTarget.put(name, d.partitions().size()));
        List<TopicPartition> out = new ArrayList<>();
        for (TopicDescription d : source.values()) {
            int count = Math.min(d.partitions().size(), onTarget.getOrDefault(d.name(), 0));
            for (int p = 0; p < count; p++) {
                out.add(new TopicPartition(d.name(), p));
            }
        }
        out.sort(java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return out;
    }

    private static Set<String> topicsOf(List<TopicPartition> tps) {
        return Partitions.topicsOf(tps);
    }

    /**
     * Stores what changed among the topics selected but not copied: a record per new or changed reason, a tombstone
     * per topic copied again. Written with a plain producer: the state topic's readers take plain records as they take
     * the link's transactional ones (a stop request is written so too).
     */
    private void recordUnlinkable(Map<String, String> reasons) {
        List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> writes = new ArrayList<>();
        long now = System.currentTimeMillis();
        reasons.forEach((topic, reason) -> {
            LinkState.TopicStatus known = unlinked.get(topic);
            if (known == null || !known.reason().equals(reason)) {
                LinkState.TopicStatus status = new LinkState.TopicStatus(
                        LinkState.VERSION, topic, reason, known == null ? now : known.sinceMs());
                unlinked.put(topic, status);
                writes.add(LinkState.record(settings.topics(), status));
                events.info("topic " + topic + " is not copied: " + reason);
            }
        });
        for (String topic : new ArrayList<>(unlinked.keySet())) {
            if (!reasons.containsKey(topic)) {
                unlinked.remove(topic);
                writes.add(LinkState.topicLinked(settings.topics(), topic));
            }
        }
        if (writes.isEmpty()) {
            return;
        }
        Map<String, Object> p = new HashMap<>(clients.targetProps);
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            writes.forEach(producer::send);
            producer.flush();
        }
    }

    /**
     * Completes what an in-process instance of this link left open (the takeover commits it: no aborted record) and
     * fences that instance's transactional id, so that a paused instance waking up cannot write beside the tasks.
     */
    private void fenceInProcessInstance() {
        String said = takeover.adopt(clients.targetProps, settings.topics().transactionalId(), settings.timeout());
        if (!said.isBlank()) {
            events.info(said);
        }
        KafkaProducer<byte[], byte[]> producer = clients.newProducer(EngineClients.batchSize(Long.MAX_VALUE, 1));
        try {
            producer.initTransactions();
        } finally {
            producer.close(Duration.ZERO);
        }
    }

    @Override
    public void close() {
        clients.close();
    }
}
