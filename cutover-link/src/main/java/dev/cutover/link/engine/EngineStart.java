package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.link.state.OffsetMapStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A run's start: the clusters' identity against the link's, its internal topics, the lease, the takeover of what the
 * previous instance left open and the transactional producer (alongside the topic sync, which writes no data), the
 * target limits, and the stored maps and statuses the partitions resume from.
 */
final class EngineStart {
    private final EngineClients clients;
    private final EngineEvents events;
    private final Takeover takeover;

    EngineStart(EngineClients clients, EngineEvents events, Takeover takeover) {
        this.clients = clients;
        this.events = events;
        this.takeover = takeover;
    }

    /** What the run starts from. */
    record Started(
            String sourceClusterId,
            String targetClusterId,
            boolean identityStored,
            LinkState.Snapshot state,
            OffsetMapStore.Stored stored,
            Following.Initial sync) {}

    Started run(Following following, TargetLimitsHolder limits, StartClock clock) {
        LinkSettings settings = clients.settings;
        String sourceId =
                clients.source.await(clients.sourceAdmin.describeCluster().clusterId(), "read the cluster id");
        String targetId =
                clients.target.await(clients.targetAdmin.describeCluster().clusterId(), "read the cluster id");
        clock.lap("cluster ids");
        boolean firstStart = ensureInternalTopics();
        clock.lap("internal topics");
        LinkState.Snapshot state = firstStart
                ? new LinkState.Snapshot(Optional.empty(), Optional.empty(), Map.of())
                : LinkState.read(clients.targetProps, settings.topics(), settings.timeout());
        state.identity().ifPresent(id -> {
            if (!id.sourceClusterId().equals(sourceId) || !id.targetClusterId().equals(targetId)) {
                throw new CutoverException(
                        Reason.CONFIG_INVALID,
                        "link '" + settings.topics().link() + "' was created between source cluster "
                                + id.sourceClusterId() + " and target cluster " + id.targetClusterId()
                                + ", but the profiles now reach " + sourceId + " and " + targetId,
                        "point the profiles back at those clusters, or start a link with another --name");
            }
        });
        clock.lap("state");
        awaitLease(state);
        // The takeover and initTransactions (a few hundred ms) do not depend on the topic sync: run them alongside it.
        CompletableFuture<KafkaProducer<byte[], byte[]>> transactional =
                CompletableFuture.supplyAsync(this::takeOverAndStartProducer, r -> {
                    Thread thread = new Thread(
                            r, "cutover-link-takeover-" + settings.topics().link());
                    thread.setDaemon(true);
                    thread.start();
                });
        Following.Initial sync;
        try {
            sync = following.syncAtStart();
            clock.lap("topic sync");
            awaitVisible(sync.plan().syncedTopics());
            clock.lap("topics shown");
            limits.reload(sync.plan().syncedTopics());
            clock.lap("target limits");
            if (settings.syncSecurity()) {
                following.syncSecurity(sync.plan().syncedTopics());
                clock.lap("security sync");
            }
        } catch (RuntimeException e) {
            closeQuietly(transactional);
            throw e;
        }
        clients.producer = join(transactional);
        clock.lap("takeover and producer");
        OffsetMapStore.Stored stored = firstStart
                ? new OffsetMapStore.Stored(Map.of(), Map.of())
                : OffsetMapStore.load(clients.targetProps, settings.topics(), settings.timeout());
        clock.lap("stored maps");
        return new Started(sourceId, targetId, state.identity().isPresent(), state, stored, sync);
    }

    /**
     * Waits out a lease held by another instance. If the holder renews it meanwhile, it is alive: refuse, since two
     * running instances are the one case where taking over could leave aborted data (decision 0001).
     */
    private void awaitLease(LinkState.Snapshot state) {
        if (state.lease().isEmpty()) {
            return;
        }
        LinkState.Lease lease = state.lease().get();
        long now = System.currentTimeMillis();
        if (!lease.freshAt(now)) {
            return;
        }
        long waitMs = lease.renewedAtMs() + lease.leaseMs() - now;
        events.info("waiting " + Math.max(1, waitMs / 1000) + " s for the lease of the previous instance ("
                + lease.host() + ", pid " + lease.pid() + ") to expire");
        LinkEngine.pause(waitMs + 200);
        LinkState.Lease after = LinkState.read(
                        clients.targetProps, clients.settings.topics(), clients.settings.timeout())
                .lease()
                .orElse(lease);
        if (after.renewedAtMs() != lease.renewedAtMs()) {
            if (after.instance().startsWith(HostedCopy.CONNECT_INSTANCE)) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "link '" + clients.settings.topics().link() + "' runs on Kafka Connect ("
                                + after.instance().substring(HostedCopy.CONNECT_INSTANCE.length()) + " on "
                                + after.host() + "): its tasks renewed its lease while this one waited",
                        "remove the connector first (cutover link deploy --connect URL --delete); a link runs in one"
                                + " place at a time, and this one resumes where the connector stopped");
            }
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "another instance runs link '" + clients.settings.topics().link() + "' (" + after.host() + ", pid "
                            + after.pid() + "): it renewed its lease while this one waited",
                    "stop that instance first; a link runs in one place at a time");
        }
    }

    /**
     * Topics just created on the target answer describe calls a moment later (at thousands of partitions, minutes):
     * waits for them, bounded by the timeout. Those still not shown are left to a later refresh, and said so.
     */
    void awaitVisible(Set<String> topics) {
        long deadline = System.nanoTime() + clients.settings.timeout().toNanos();
        Set<String> missing = new java.util.TreeSet<>(topics);
        while (!missing.isEmpty()) {
            missing.removeAll(clients.describe(clients.targetAdmin, clients.target, missing)
                    .keySet());
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            LinkEngine.pause(200);
        }
        if (!missing.isEmpty()) {
            events.info(missing.size() + " topic(s) created on the target are not shown by it yet (e.g. "
                    + missing.iterator().next() + "); the link takes them on at a refresh");
        }
    }

    /**
     * Creates the link's internal topics where they are missing (one request). Returns true when this call created
     * both: then they hold nothing yet, and reading them can be skipped.
     */
    boolean ensureInternalTopics() {
        var topics = clients.settings.topics();
        List<NewTopic> wanted = topics.internalTopics().stream()
                .map(name -> new NewTopic(name, 1, (short) -1).configs(LinkTopics.INTERNAL_TOPIC_CONFIGS))
                .toList();
        boolean createdAll = true;
        for (var entry : clients.targetAdmin.createTopics(wanted).values().entrySet()) {
            try {
                entry.getValue().get(clients.settings.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    CutoverException mapped =
                            clients.target.failure(e.getCause(), "create the link's internal topic " + entry.getKey());
                    throw mapped.reason() == Reason.AUTHORIZATION_FAILED
                            ? new CutoverException(
                                    Reason.AUTHORIZATION_FAILED,
                                    mapped.getMessage(),
                                    "the link needs CREATE on topics prefixed " + topics.prefix() + " on the target",
                                    e.getCause())
                            : mapped;
                }
                createdAll = false;
            } catch (TimeoutException e) {
                throw new CutoverException(
                        Reason.CLUSTER_UNREACHABLE,
                        "the target did not answer within "
                                + clients.settings.timeout().toSeconds()
                                + " s when asked to create the link's internal topics",
                        "check that the target cluster is reachable with the workspace's 'target' profile",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverException(Reason.INTERNAL, "interrupted", null, e);
            }
        }
        return createdAll;
    }

    private KafkaProducer<byte[], byte[]> takeOverAndStartProducer() {
        String said = takeover.adopt(
                clients.targetProps, clients.settings.topics().transactionalId(), clients.settings.timeout());
        if (!said.isBlank()) {
            events.info(said);
        }
        KafkaProducer<byte[], byte[]> started = clients.newProducer(EngineClients.batchSize(Long.MAX_VALUE, 1));
        try {
            started.initTransactions();
            return started;
        } catch (RuntimeException e) {
            started.close(Duration.ZERO);
            throw e;
        }
    }

    private static void closeQuietly(CompletableFuture<KafkaProducer<byte[], byte[]>> transactional) {
        transactional.thenAccept(p -> p.close(Duration.ZERO));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
