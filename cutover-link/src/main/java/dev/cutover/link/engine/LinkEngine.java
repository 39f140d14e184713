package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.link.sync.SyncReport;
import dev.cutover.link.sync.TopicSelection;
import dev.cutover.link.sync.TopicSync;
import dev.cutover.link.sync.TopicSyncPlan;
import dev.cutover.offsets.PartitionOffsetMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies topics from a source cluster to a target cluster, partition by partition, exactly once, keeping an exact
 * source→target offset map. One instance runs a link at a time (a lease on the target says which); a successor takes
 * over from a crashed or paused one without losing, duplicating or aborting a record. The design, its invariants and
 * its limits are in {@code docs/decisions/0001-link-exactly-once.md}.
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>The source is read with read_committed: aborted and control records are never copied.
 *   <li>Every write to the target (data, offset-map chunks, statuses, lease) happens in a transaction of the link's
 *       transactional id. The link never aborts a transaction: on any failure it stops writing, and the next instance
 *       (or this one, restarting) commits whatever the failed transaction holds before fencing it (see {@link
 *       Takeover}), then realigns the map with the target's tail ({@link TailAlignment}).
 *   <li>Source partition p is copied to target partition p, record by record in order, with key, value, headers and
 *       timestamp unchanged; the link is that partition's only writer, and a write by anyone else is detected (the
 *       target offset where a record lands is checked against where it must land) and stops the partition.
 *   <li>A partition that cannot go on (retention gap, truncation, recreated topic, a record the target would reject)
 *       stops alone, with the exact reason in its status; the others go on.
 * </ol>
 */
public final class LinkEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkEngine.class);
    /** A transaction is committed after this long or this many bytes, whichever comes first. */
    private static final Duration TRANSACTION_SPAN = Duration.ofMillis(250);

    private static final long TRANSACTION_BYTES = 64L * 1024 * 1024;

    /** How often the source's log starts are read, to drop offset-map chunks that retention made useless. */
    private static final Duration RETENTION_CHECK = Duration.ofSeconds(30);

    /** Also bounds the engine's own bookkeeping: three longs per record in flight. */
    private static final int TRANSACTION_RECORDS = 250_000;

    /** While the producer drains a transaction, the consumer fetches up to this much for the next one. */
    private static final long PREFETCH_BYTES = 16L * 1024 * 1024;

    /** What the engine tells its caller while it runs. */
    public interface Listener {
        default void info(String message) {}

        default void partitionError(TopicPartition tp, String reason) {}

        default void checkpoint(long copiedTotal) {}

        /**
         * A topic-sync result worth telling, at start or while running: a topic created, its configs altered or
         * partitions added on the target to follow the source, a config adjusted by the rules, or a topic refused or
         * failed (each distinct refusal or failure once).
         */
        default void topicSynced(SyncReport.Item item) {
            info("topic " + item.subject() + ": " + item.outcome().name().toLowerCase() + " " + item.detail());
        }

        /** A partition goes on, but its copy may be incomplete (said once per partition and run). */
        default void partitionWarning(TopicPartition tp, String warning) {}
    }

    private final Map<String, Object> sourceProps;
    private final Map<String, Object> targetProps;
    private final LinkSettings settings;
    private final Listener listener;
    private final Takeover takeover;
    private final String instance = java.util.UUID.randomUUID().toString();
    private final Map<TopicPartition, PartitionCopy> partitions = new LinkedHashMap<>();
    private final Map<String, Long> maxMessageBytes = new HashMap<>();
    private final Map<String, Long> timestampAfterMaxMs = new HashMap<>();
    private final Map<String, Long> timestampBeforeMaxMs = new HashMap<>();
    /** delete.retention.ms of the compacted source topics: how long the source keeps a tombstone once cleaned. */
    private final Map<String, Long> tombstoneRetentionMs = new HashMap<>();

    private final SourceFollower follower = new SourceFollower();
    /** Selected source topics when the link started: {@code --from} applies to them, later ones are copied whole. */
    private Set<String> topicsAtStart = Set.of();
    /** The smallest max.message.bytes of the linked topics when the producer was made (its batch.size cap). */
    private long producerSizedFor = Long.MAX_VALUE;

    private volatile boolean running = true;
    /** Per partition, the consumer's position after the last poll that returned records for it, until they are sent. */
    private final Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> polledPositions =
            new HashMap<>();
    /** Records sent and not yet acknowledged by the target. */
    private final java.util.concurrent.atomic.AtomicLong inFlight = new java.util.concurrent.atomic.AtomicLong();

    private long copiedTotal;
    private long nextRetentionCheck;
    private String sourceClusterId;
    private String targetClusterId;
    private boolean identityWritten;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Admin sourceAdmin;
    private Admin targetAdmin;

    public LinkEngine(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Listener listener,
            Takeover takeover) {
        this.sourceProps = Map.copyOf(sourceProps);
        this.targetProps = Map.copyOf(targetProps);
        this.settings = settings;
        this.listener = listener;
        this.takeover = takeover;
    }

    /** Asks the running loop to finish its current transaction and return. */
    public void stop() {
        running = false;
    }

    public long copiedTotal() {
        return copiedTotal;
    }

    /** Takes the link over, then copies until {@link #stop()}. */
    public void run() {
        start();
        long nextCheckpoint = 0;
        long nextRefresh = System.nanoTime() + settings.metadataRefresh().toNanos();
        Throttle throttle = new Throttle(settings.maxBytesPerSecond());
        Prefetch prefetched = new Prefetch();
        while (running) {
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records =
                    prefetched.isEmpty() ? byPartition(poll()) : prefetched.take();
            boolean checkpointDue = System.nanoTime() >= nextCheckpoint;
            if (records.isEmpty() && !checkpointDue) {
                continue;
            }
            producer.beginTransaction();
            // One transaction spans several polls, so that fetching goes on while the producer sends.
            List<Map<TopicPartition, Batch>> sent = new ArrayList<>();
            sent.add(send(records));
            long txStart = System.nanoTime();
            long txBytes = bytesOf(sent.get(0));
            long txRecords = countOf(sent.get(0));
            while (running
                    && System.nanoTime() - txStart < TRANSACTION_SPAN.toNanos()
                    && txBytes < throttle.transactionBytes(TRANSACTION_BYTES)
                    && txRecords < TRANSACTION_RECORDS) {
                ConsumerRecords<byte[], byte[]> more = poll();
                if (more.isEmpty()) {
                    break;
                }
                Map<TopicPartition, Batch> batch = send(byPartition(more));
                sent.add(batch);
                txBytes += bytesOf(batch);
                txRecords += countOf(batch);
            }
            // The consumer only fetches inside poll(): keep it fetching for the next transaction while the last
            // batches of this one are acknowledged. Nothing prefetched counts as copied until it is sent and committed.
            // Not under a throttle: there the next transaction must stay within its slice of the rate.
            while (inFlight.get() > 0
                    && running
                    && settings.maxBytesPerSecond().isEmpty()
                    && prefetched.bytes() < PREFETCH_BYTES) {
                prefetched.add(poll(PREFETCH_POLL));
            }
            producer.flush();
            long bytes = 0;
            Set<TopicPartition> written = new java.util.HashSet<>();
            for (Map<TopicPartition, Batch> batches : sent) {
                bytes += record(batches);
                batches.forEach((tp, b) -> {
                    if (b.count > 0) {
                        written.add(tp);
                    }
                });
            }
            if (checkpointDue) {
                checkpoint();
                nextCheckpoint =
                        System.nanoTime() + settings.checkpointInterval().toNanos();
            }
            producer.commitTransaction();
            written.forEach(tp -> partitions.get(tp).expectedTarget++); // the commit marker takes one offset
            if (checkpointDue) {
                listener.checkpoint(copiedTotal);
            }
            throttle.acquire(bytes);
            if (System.nanoTime() >= nextRefresh) {
                refreshMetadata();
                nextRefresh = System.nanoTime() + settings.metadataRefresh().toNanos();
            }
        }
        // A last checkpoint, so that a clean stop leaves the map complete.
        producer.beginTransaction();
        checkpoint();
        producer.commitTransaction();
    }

    // ---- start: identity, lease, takeover, topics, partitions ----------------------------------------------------

    private void start() {
        sourceAdmin = Admin.create(sourceProps);
        targetAdmin = Admin.create(targetProps);
        sourceClusterId = await(sourceAdmin.describeCluster().clusterId(), "source cluster id");
        targetClusterId = await(targetAdmin.describeCluster().clusterId(), "target cluster id");
        boolean firstStart = ensureInternalTopics();
        LinkState.Snapshot state = firstStart
                ? new LinkState.Snapshot(Optional.empty(), Optional.empty(), Map.of())
                : LinkState.read(targetProps, settings.topics(), settings.timeout());
        state.identity().ifPresent(id -> {
            if (!id.sourceClusterId().equals(sourceClusterId)
                    || !id.targetClusterId().equals(targetClusterId)) {
                throw new CutoverException(
                        Reason.CONFIG_INVALID,
                        "link '" + settings.topics().link() + "' was created between source cluster "
                                + id.sourceClusterId() + " and target cluster " + id.targetClusterId()
                                + ", but the profiles now reach " + sourceClusterId + " and " + targetClusterId,
                        "point the profiles back at those clusters, or start a link with another --name");
            }
            identityWritten = true;
        });
        awaitLease(state);
        // The takeover and the producer's initTransactions (a few hundred ms) do not depend on the topic sync, which
        // writes no data: run them alongside it. The producer starts sized for the default batch cap, and is renewed
        // only if a linked topic's max.message.bytes turns out smaller.
        CompletableFuture<KafkaProducer<byte[], byte[]>> transactional =
                CompletableFuture.supplyAsync(this::takeOverAndStartProducer, r -> {
                    Thread thread = new Thread(
                            r, "cutover-link-takeover-" + settings.topics().link());
                    thread.setDaemon(true);
                    thread.start();
                });
        RuntimeException syncFailure = null;
        try {
            syncTopics();
        } catch (RuntimeException e) {
            syncFailure = e;
        }
        producer = join(transactional);
        if (syncFailure != null) {
            throw syncFailure;
        }
        producerSizedFor = BATCH_CAP + BATCH_OVERHEAD;
        resizeProducerIfNeeded();
        OffsetMapStore.Stored stored = firstStart
                ? new OffsetMapStore.Stored(Map.of(), Map.of())
                : OffsetMapStore.load(targetProps, settings.topics(), settings.timeout());
        setUpPartitions(stored, state);
        reportOpenSourceTransactions();
        consumer = newConsumer();
        List<TopicPartition> active = partitions.values().stream()
                .filter(p -> !p.inError())
                .map(p -> p.tp)
                .toList();
        consumer.assign(active);
        active.forEach(tp -> seek(partitions.get(tp)));
        listener.info("copying " + active.size() + " partition(s) of "
                + topicsOf(active).size() + " topic(s)");
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
        listener.info("waiting " + Math.max(1, waitMs / 1000) + " s for the lease of the previous instance ("
                + lease.host() + ", pid " + lease.pid() + ") to expire");
        sleep(waitMs + 200);
        LinkState.Lease after = LinkState.read(targetProps, settings.topics(), settings.timeout())
                .lease()
                .orElse(lease);
        if (after.renewedAtMs() != lease.renewedAtMs()) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "another instance runs link '" + settings.topics().link() + "' (" + after.host() + ", pid "
                            + after.pid() + "): it renewed its lease while this one waited",
                    "stop that instance first; a link runs in one place at a time");
        }
    }

    private TopicSync topicSync() {
        TopicSelection selection = new TopicSelection(settings.include(), settings.exclude(), Set.of());
        return new TopicSync(sourceAdmin, targetAdmin, selection, settings.timeout());
    }

    private void syncTopics() {
        TopicSync sync = topicSync();
        TopicSyncPlan plan = sync.plan();
        SyncReport report = sync.apply(plan);
        topicsAtStart = plan.actions().stream()
                .map(dev.cutover.link.sync.TopicAction::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        follower.worthTelling(report, true).forEach(listener::topicSynced);
        awaitVisible(plan.syncedTopics());
        loadTargetLimits(plan.syncedTopics());
        loadTombstoneRetention(plan.syncedTopics());
        if (settings.syncSecurity()) {
            SecuritySync.run(
                            sourceAdmin,
                            targetAdmin,
                            plan.syncedTopics(),
                            settings.principalMapping(),
                            settings.timeout(),
                            false)
                    .stream()
                    .filter(line -> !line.contains(": skipped") && !line.contains(": unchanged"))
                    .forEach(listener::info);
        }
    }

    /** Topics just created on the target answer describe calls a moment later; wait for them (bounded). */
    private void awaitVisible(Set<String> topics) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (!topics.isEmpty()) {
            try {
                targetAdmin
                        .describeTopics(topics)
                        .allTopicNames()
                        .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("target topics not visible after creation: " + e.getCause(), e);
                }
                sleep(200);
            } catch (TimeoutException e) {
                throw unreachable("target topics", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void loadTargetLimits(Set<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs =
                await(targetAdmin.describeConfigs(resources).all(), "target topic configs");
        configs.forEach((resource, config) -> {
            maxMessageBytes.put(resource.name(), longConfig(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, 1048588L));
            timestampAfterMaxMs.put(
                    resource.name(),
                    longConfig(config, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.MAX_VALUE));
            timestampBeforeMaxMs.put(
                    resource.name(),
                    longConfig(config, TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, Long.MAX_VALUE));
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy != null
                    && policy.value() != null
                    && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                tombstoneRetentionMs.put(
                        resource.name(), longConfig(config, TopicConfig.DELETE_RETENTION_MS_CONFIG, 86_400_000L));
            } else {
                tombstoneRetentionMs.remove(resource.name());
            }
        });
    }

    /** Compacted source topics and their delete.retention.ms (for {@link #status}); best effort. */
    private void loadTombstoneRetention(Set<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs;
        try {
            configs = await(sourceAdmin.describeConfigs(resources).all(), "source topic configs");
        } catch (IllegalStateException e) {
            listener.info("cannot read the source topics' delete.retention.ms, so a compacted topic lagging beyond it"
                    + " will not be flagged: " + e.getMessage());
            return;
        }
        configs.forEach((resource, config) -> {
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy != null
                    && policy.value() != null
                    && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                tombstoneRetentionMs.put(
                        resource.name(), longConfig(config, TopicConfig.DELETE_RETENTION_MS_CONFIG, 86_400_000L));
            }
        });
    }

    private static long longConfig(org.apache.kafka.clients.admin.Config config, String name, long fallback) {
        ConfigEntry entry = config.get(name);
        try {
            return entry == null || entry.value() == null ? fallback : Long.parseLong(entry.value());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void setUpPartitions(OffsetMapStore.Stored stored, LinkState.Snapshot state) {
        Map<String, TopicDescription> sourceTopics = describe(sourceAdmin, maxMessageBytes.keySet());
        describe(targetAdmin, maxMessageBytes.keySet()); // fails if a target topic is missing
        List<TopicPartition> all = new ArrayList<>();
        sourceTopics.values().forEach(d -> d.partitions()
                .forEach(p -> all.add(new TopicPartition(d.name(), p.partition()))));
        Map<TopicPartition, Long> sourceStart = await(listOffsets(sourceAdmin, all, true), "source log starts");
        Map<TopicPartition, Long> sourceEnd = await(listOffsets(sourceAdmin, all, false), "source ends");
        Map<TopicPartition, Long> targetEnd = await(listOffsets(targetAdmin, all, false), "target ends");
        // Topics the link copied before (and the source topic id it copied): a partition added to one since has no
        // progress, and all its data is new, so it is copied from its log start whatever --from says.
        Map<String, String> linkedBefore = new HashMap<>();
        state.partitions().values().forEach(p -> linkedBefore.put(p.topic(), p.topicId()));
        stored.maps().keySet().forEach(tp -> linkedBefore.putIfAbsent(tp.topic(), null));
        for (TopicPartition tp : all) {
            String topicId = sourceTopics.get(tp.topic()).topicId().toString();
            PartitionOffsetMap storedMap = stored.maps().get(tp);
            LinkState.PartitionStatus status = state.partitions().get(tp);
            if (storedMap == null) {
                boolean added = linkedBefore.containsKey(tp.topic());
                long from = added ? sourceStart.get(tp) : startOffset(tp, sourceStart.get(tp), sourceEnd.get(tp));
                PartitionCopy copy = freshCopy(tp, topicId, from, sourceStart.get(tp), targetEnd.get(tp));
                String before = linkedBefore.get(tp.topic());
                if (before != null && !before.equals(topicId)) {
                    copy.error = "source topic " + tp.topic() + " was deleted and recreated (topic id " + before
                            + " became " + topicId + "); its new data is not a continuation of what was copied";
                }
                partitions.put(tp, copy);
            } else {
                PartitionOffsetMap base = PartitionOffsetMap.builder(storedMap.coveredFrom(), storedMap.targetFrom())
                        .sourceLogStart(storedMap.sourceLogStart())
                        .build();
                PartitionCopy copy;
                TailAlignment.Result aligned =
                        TailAlignment.align(sourceProps, targetProps, tp, storedMap, settings.timeout());
                if (aligned instanceof TailAlignment.Result.Aligned a) {
                    if (a.recovered() > 0) {
                        log.info("{}: {} copied record(s) beyond the stored map realigned", tp, a.recovered());
                    }
                    copy = new PartitionCopy(
                            tp,
                            topicId,
                            base,
                            a.map(),
                            OffsetMapStore.Writer.resume(
                                    settings.topics(), tp, stored, storedMap.coveredTo(), settings.mapChunkBytes()),
                            targetEnd.get(tp));
                } else {
                    copy = new PartitionCopy(
                            tp,
                            topicId,
                            base,
                            storedMap,
                            OffsetMapStore.Writer.resume(
                                    settings.topics(), tp, stored, storedMap.coveredTo(), settings.mapChunkBytes()),
                            targetEnd.get(tp));
                    copy.error = ((TailAlignment.Result.Diverged) aligned).why();
                }
                if (status != null
                        && status.topicId() != null
                        && !status.topicId().equals(topicId)) {
                    copy.error =
                            "source topic " + tp.topic() + " was deleted and recreated (topic id " + status.topicId()
                                    + " became " + topicId + "); its new data is not a continuation of what was copied";
                } else if (status != null
                        && status.state() == dev.cutover.link.state.PartitionState.ERROR
                        && copy.error == null) {
                    copy.error = status.reason();
                }
                partitions.put(tp, copy);
            }
            PartitionCopy copy = partitions.get(tp);
            if (status != null && status.topicId() != null && status.topicId().equals(topicId)) {
                copy.warning = status.warning();
                if (status.leaderEpoch() != null) {
                    copy.position = new OffsetAndMetadata(status.replicatedTo(), Optional.of(status.leaderEpoch()), "");
                }
            }
            if (copy.inError()) {
                listener.partitionError(tp, copy.error);
            }
        }
    }

    /**
     * A partition the link takes on now, with no progress: the map starts at {@code from} on the source and at the
     * target partition's end. A target partition that already holds records was written by someone else: the copy
     * starts in error, since the link must be its only writer.
     */
    private PartitionCopy freshCopy(TopicPartition tp, String topicId, long from, long sourceLogStart, long targetEnd) {
        PartitionOffsetMap base = PartitionOffsetMap.builder(from, targetEnd)
                .sourceLogStart(sourceLogStart)
                .build();
        PartitionCopy copy = new PartitionCopy(
                tp,
                topicId,
                base,
                base,
                OffsetMapStore.Writer.fresh(settings.topics(), tp, base, settings.mapChunkBytes()),
                targetEnd);
        if (targetEnd > 0) {
            copy.error = "the target partition already holds records (end offset " + targetEnd
                    + ") that this link did not write; the link must be the only writer of its target partitions";
        }
        return copy;
    }

    /**
     * Transactions open on the source now: their records are copied only once they commit (read_committed), which
     * holds back the partitions they touch. Reported so that a long-open or hanging transaction is noticed.
     */
    private void reportOpenSourceTransactions() {
        try {
            for (OpenTransactions.Open open :
                    OpenTransactions.on(sourceAdmin, partitions.keySet(), settings.timeout())) {
                listener.info("source transaction " + open.transactionalId() + " is open"
                        + open.startedAt().map(t -> " (since " + t + ")").orElse("") + " on " + open.partitions()
                        + ": those partitions are copied up to its start until it commits or aborts");
            }
        } catch (ExecutionException | TimeoutException e) {
            log.debug("could not list the source's open transactions: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long startOffset(TopicPartition tp, long logStart, long end) {
        if (settings.from() instanceof StartFrom.Latest) {
            return end;
        }
        if (settings.from() instanceof StartFrom.Timestamp t) {
            var result = await(
                    sourceAdmin
                            .listOffsets(
                                    Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.forTimestamp(t.epochMillis())))
                            .partitionResult(tp),
                    "source offset for timestamp");
            return result.offset() < 0 ? end : result.offset();
        }
        return logStart;
    }

    // ---- the loop ----------------------------------------------------------------------------------------------

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PREFETCH_POLL = Duration.ofMillis(2);

    /**
     * Positions the consumer where the partition's copy goes on. With the source's leader epoch there, the consumer
     * first checks with the source leader that its log still holds, up to that offset, the records the link read
     * (KIP-320); a log truncated since (an unclean leader election) fails the next poll with a {@link
     * LogTruncationException}, even if the log has grown back past that offset with other records.
     */
    private void seek(PartitionCopy copy) {
        long offset = copy.map.coveredTo();
        if (copy.position != null
                && copy.position.offset() == offset
                && copy.position.leaderEpoch().isPresent()) {
            consumer.seek(copy.tp, copy.position);
        } else {
            consumer.seek(copy.tp, offset);
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        return poll(POLL);
    }

    private ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        try {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
            // Only where records came: a poll of transaction markers alone moves the position but not the map's
            // coveredTo. The position becomes the copy's when these records are sent (see send), so that a
            // prefetched poll does not run ahead of what the map covers.
            records.nextOffsets().forEach((tp, next) -> {
                if (!records.records(tp).isEmpty()) {
                    polledPositions.put(tp, next);
                }
            });
            return records;
        } catch (LogTruncationException e) {
            e.offsetOutOfRangePartitions()
                    .forEach((tp, position) ->
                            truncated(tp, position, e.divergentOffsets().get(tp)));
            return ConsumerRecords.empty();
        } catch (OffsetOutOfRangeException e) {
            e.offsetOutOfRangePartitions().forEach(this::outOfRange);
            return ConsumerRecords.empty();
        } catch (org.apache.kafka.common.errors.TopicAuthorizationException e) {
            // Fatal, not a partition error: partition errors are kept across restarts, a permission is fixed and
            // retried.
            throw new CutoverException(
                    Reason.AUTHORIZATION_FAILED,
                    "the source denies the link's principal READ on topic(s) "
                            + new java.util.TreeSet<>(e.unauthorizedTopics()) + ": " + e.getMessage(),
                    "grant the source profile's principal READ and DESCRIBE on the linked topics (README, link,"
                            + " Permissions), then start the link again",
                    e);
        }
    }

    /** The source no longer has the offset the link must read next: retention ran ahead, or the log was truncated. */
    private void outOfRange(TopicPartition tp, long position) {
        long start = consumer.beginningOffsets(List.of(tp)).get(tp);
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        String reason = position < start
                ? "retention gap: source offsets " + position + " to " + (start - 1) + " were deleted before they"
                        + " were copied (" + (start - position) + " offsets lost on the source side; the link will"
                        + " not skip them silently)"
                : "the source partition was truncated below what the link had read (source end " + end
                        + " < copied up to " + position + "; an unclean leader election?)";
        fail(tp, reason);
    }

    /**
     * The source leader's log no longer holds what the link read before {@code position}: it diverges at {@code
     * divergent} (if the source could tell). Records at those offsets now, if any, are other records than the ones the
     * link copied, so the partition stops; what was copied stays as it is.
     */
    private void truncated(TopicPartition tp, long position, OffsetAndMetadata divergent) {
        String where = divergent == null
                ? ""
                : " The source's log now diverges from what the link read at offset " + divergent.offset()
                        + divergent
                                .leaderEpoch()
                                .map(e -> " (leader epoch " + e + ")")
                                .orElse("")
                        + ": any record the source holds from there on is not the one the link copied.";
        fail(
                tp,
                "the source partition was truncated below what the link had read (copied up to " + position
                        + "; an unclean leader election?)." + where + " The copies already on the target are kept as"
                        + " they are; the link does not go on from records that replaced the ones it copied");
    }

    private void fail(TopicPartition tp, String reason) {
        PartitionCopy copy = partitions.get(tp);
        if (copy == null || copy.inError()) {
            return;
        }
        copy.error = reason;
        copy.dirty = true;
        consumer.pause(List.of(tp));
        log.warn("{} stopped: {}", tp, reason);
        listener.partitionError(tp, reason);
    }

    /** What was sent for one partition in this transaction: source offsets and, after the flush, target offsets. */
    private static final class Batch {
        final long[] source;
        final long[] target;
        final long[] timestamps;
        int count;
        long bytes;
        volatile Exception failure;
        long readUpTo = -1;

        Batch(int size) {
            source = new long[size];
            target = new long[size];
            timestamps = new long[size];
        }
    }

    /**
     * Sends records in the current transaction. All records polled so far for a partition must be in this call or an
     * earlier one: the batch's {@code readUpTo} is the consumer's position, which says the map covers everything below.
     */
    private Map<TopicPartition, Batch> send(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records) {
        Map<TopicPartition, Batch> batches = new HashMap<>();
        long now = System.currentTimeMillis();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> entry : records.entrySet()) {
            TopicPartition tp = entry.getKey();
            if (partitions.get(tp).inError()) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> list = entry.getValue();
            Batch batch = new Batch(list.size());
            batches.put(tp, batch);
            for (ConsumerRecord<byte[], byte[]> r : list) {
                String rejection = rejection(tp, r, now);
                if (rejection != null) {
                    batch.readUpTo = r.offset();
                    fail(tp, rejection);
                    break;
                }
                int i = batch.count++;
                batch.source[i] = r.offset();
                batch.timestamps[i] = r.timestamp();
                batch.bytes += size(r);
                inFlight.incrementAndGet();
                producer.send(
                        new ProducerRecord<>(
                                tp.topic(),
                                tp.partition(),
                                r.timestamp() < 0 ? null : r.timestamp(),
                                r.key(),
                                r.value(),
                                r.headers()),
                        (metadata, exception) -> {
                            if (exception != null) {
                                batch.failure = exception;
                            } else {
                                batch.target[i] = metadata.offset();
                            }
                            inFlight.decrementAndGet();
                        });
            }
            if (batch.readUpTo < 0) {
                batch.readUpTo = consumer.position(tp);
            }
            // Every record polled for tp is in this call or an earlier one, so the last poll's position is where
            // the copy now stands (with the source leader epoch there, for truncation checks on restart).
            org.apache.kafka.clients.consumer.OffsetAndMetadata polled = polledPositions.remove(tp);
            if (polled != null && polled.offset() == batch.readUpTo) {
                partitions.get(tp).position = polled;
            }
        }
        return batches;
    }

    /** Why the target would reject this record, checked before sending so that a transaction never fails on it. */
    private String rejection(TopicPartition tp, ConsumerRecord<byte[], byte[]> r, long now) {
        long size = batchSizeUpperBound(r);
        long max = maxMessageBytes.getOrDefault(tp.topic(), Long.MAX_VALUE);
        if (size > max) {
            return "record at source offset " + r.offset() + " of " + tp + " takes up to " + size + " bytes in a"
                    + " batch of its own, more than the target topic's max.message.bytes " + max
                    + "; raise max.message.bytes on the target topic, then restart the link";
        }
        long after = timestampAfterMaxMs.getOrDefault(tp.topic(), Long.MAX_VALUE);
        long before = timestampBeforeMaxMs.getOrDefault(tp.topic(), Long.MAX_VALUE);
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
                + java.time.Instant.ofEpochMilli(r.timestamp()) + "), more than the target topic's " + config + " ("
                + bound + " ms) " + relation + " the time of the copy (" + java.time.Instant.ofEpochMilli(now)
                + "): the target would reject it (the bound comes from the source topic's " + config + ", which the"
                + " link copies, or else from the target broker's log." + config + ")";
    }

    private static long size(ConsumerRecord<byte[], byte[]> r) {
        long size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    private static long bytesOf(Map<TopicPartition, Batch> batches) {
        return batches.values().stream().mapToLong(b -> b.bytes).sum();
    }

    private static long countOf(Map<TopicPartition, Batch> batches) {
        return batches.values().stream().mapToLong(b -> b.count).sum();
    }

    private static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition(
            ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> out = new LinkedHashMap<>();
        for (TopicPartition tp : records.partitions()) {
            out.put(tp, records.records(tp));
        }
        return out;
    }

    /**
     * Records polled while a transaction drains, kept for the next one and sent together, per partition in the order
     * they were read (so that the next batch's {@code readUpTo} covers exactly what was read). Bounded by the caller.
     */
    private static final class Prefetch {
        private Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        private long bytes;

        boolean isEmpty() {
            return records.isEmpty();
        }

        long bytes() {
            return bytes;
        }

        void add(ConsumerRecords<byte[], byte[]> polled) {
            for (TopicPartition tp : polled.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> list = polled.records(tp);
                records.computeIfAbsent(tp, k -> new ArrayList<>()).addAll(list);
                for (ConsumerRecord<byte[], byte[]> r : list) {
                    bytes += size(r);
                }
            }
        }

        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> take() {
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> taken = records;
            records = new LinkedHashMap<>();
            bytes = 0;
            return taken;
        }
    }

    /**
     * An upper bound of the bytes a record takes as the only record of an uncompressed v2 batch: the batch header
     * (61 bytes), then length, attributes, timestamp and offset deltas, key, value and every header, with each
     * var-int counted at its widest. What the broker compares with {@code max.message.bytes} is never larger.
     */
    static long batchSizeUpperBound(ConsumerRecord<byte[], byte[]> r) {
        long size = 61 + 5 + 1 + 10 + 5;
        size += 5 + (r.key() == null ? 0 : r.key().length);
        size += 5 + (r.value() == null ? 0 : r.value().length);
        size += 5;
        for (Header h : r.headers()) {
            size += 5 + h.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            size += 5 + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    /** After the flush: extends the maps, and detects writes by anyone else. Returns the bytes copied. */
    private long record(Map<TopicPartition, Batch> batches) {
        long bytes = 0;
        for (Map.Entry<TopicPartition, Batch> e : batches.entrySet()) {
            TopicPartition tp = e.getKey();
            Batch b = e.getValue();
            if (b.failure != null) {
                // Never abort: leave the transaction open for the takeover to commit what it holds, and restart.
                throw new IllegalStateException("the target refused a record of " + tp + ": " + b.failure, b.failure);
            }
            PartitionCopy copy = partitions.get(tp);
            for (int i = 0; i < b.count; i++) {
                long expected = i == 0 ? copy.expectedTarget : b.target[i - 1] + 1;
                if (b.target[i] != expected) {
                    fail(
                            tp,
                            "a foreign write: target offset " + expected + " was taken by a record this link did not"
                                    + " write (the copy of source offset " + b.source[i] + " landed at " + b.target[i]
                                    + ")");
                }
                copy.map.copied(b.source[i], b.target[i]);
            }
            if (b.count > 0) {
                copy.lastCopiedTimestamp = b.timestamps[b.count - 1];
                copy.expectedTarget = b.target[b.count - 1] + 1;
            }
            if (b.readUpTo > copy.map.coveredTo()) {
                copy.map.readUpTo(b.readUpTo);
            }
            copy.dirty = true;
            copiedTotal += b.count;
            bytes += b.bytes;
        }
        return bytes;
    }

    /** Writes map chunks, statuses and the lease, in the current transaction. */
    private void checkpoint() {
        long now = System.currentTimeMillis();
        if (!identityWritten) {
            producer.send(LinkState.record(
                    settings.topics(),
                    new LinkState.Identity(
                            LinkState.VERSION,
                            settings.topics().link(),
                            sourceClusterId,
                            targetClusterId,
                            java.time.Instant.ofEpochMilli(now).toString())));
            identityWritten = true;
        }
        List<TopicPartition> assigned = new ArrayList<>(partitions.keySet());
        Map<TopicPartition, Long> ends = consumer == null ? Map.of() : consumer.endOffsets(assigned);
        Map<TopicPartition, Long> logStarts = Map.of();
        if (consumer != null && System.nanoTime() >= nextRetentionCheck) {
            logStarts = consumer.beginningOffsets(assigned);
            nextRetentionCheck = System.nanoTime() + RETENTION_CHECK.toNanos();
        }
        for (PartitionCopy copy : partitions.values()) {
            Long logStart = logStarts.get(copy.tp);
            if (logStart != null) {
                copy.writer.trimTo(logStart, copy.base).forEach(producer::send);
            }
            if (!copy.dirty) {
                continue;
            }
            PartitionOffsetMap map = copy.map.build();
            copy.writer.recordsFor(map, copy.base).forEach(producer::send);
            producer.send(LinkState.record(
                    settings.topics(), status(copy, ends.getOrDefault(copy.tp, map.coveredTo()), now)));
            copy.dirty = ends.getOrDefault(copy.tp, 0L) > map.coveredTo();
            copy.forgetStoredRuns(map);
        }
        producer.send(LinkState.record(
                settings.topics(),
                new LinkState.Lease(
                        LinkState.VERSION,
                        instance,
                        hostName(),
                        ProcessHandle.current().pid(),
                        now,
                        settings.lease().toMillis())));
    }

    /**
     * A partition's status, flagging a compacted partition whose oldest record not yet copied may be older than the
     * topic's delete.retention.ms: the source may have removed tombstones the link had not copied yet, so the target
     * may keep keys the source deleted. How far behind is bounded from above by the age of the last copied record and
     * by the time since a checkpoint last found the partition caught up (every record not copied yet came later).
     */
    private LinkState.PartitionStatus status(PartitionCopy copy, long sourceEnd, long now) {
        LinkState.PartitionStatus status = copy.status(sourceEnd, now);
        if (status.lagRecords() == 0) {
            copy.caughtUpAtMs = now;
        }
        Long retention = tombstoneRetentionMs.get(copy.tp.topic());
        if (retention == null || copy.warning != null || copy.inError() || status.lagRecords() == 0) {
            return status;
        }
        long behindMs = copy.caughtUpAtMs < 0 ? status.lagMs() : Math.min(status.lagMs(), now - copy.caughtUpAtMs);
        if (behindMs <= retention) {
            return status;
        }
        copy.warning = "compacted topic lagged up to " + behindMs + " ms behind the source at "
                + java.time.Instant.ofEpochMilli(now) + ", more than its delete.retention.ms (" + retention + " ms):"
                + " tombstones the source removed meanwhile may not have been copied, so the target may still hold"
                + " keys the source deleted (compare the topic's keys on both sides)";
        log.warn("{}: {}", copy.tp, copy.warning);
        listener.partitionWarning(copy.tp, copy.warning);
        return copy.status(sourceEnd, now);
    }

    /**
     * Stops partitions whose source topic was deleted or recreated since the link took it on; returns the linked
     * topics' current source descriptions (empty when the source did not answer).
     */
    private Map<String, TopicDescription> refreshTopicHealth() {
        Set<String> topics = topicsOf(new ArrayList<>(partitions.keySet()));
        Map<String, TopicDescription> now = new HashMap<>();
        Set<String> deleted = new java.util.HashSet<>();
        try {
            sourceAdmin.describeTopics(topics).topicNameValues().forEach((name, future) -> {
                try {
                    now.put(name, future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                        deleted.add(name);
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            log.debug("topic refresh failed: {}", e.toString());
            return Map.of();
        }
        for (PartitionCopy copy : partitions.values()) {
            TopicDescription d = now.get(copy.tp.topic());
            if (deleted.contains(copy.tp.topic())) {
                fail(copy.tp, "source topic " + copy.tp.topic() + " was deleted");
            } else if (d != null && !d.topicId().toString().equals(copy.topicId)) {
                fail(
                        copy.tp,
                        "source topic " + copy.tp.topic() + " was deleted and recreated (topic id " + copy.topicId
                                + " became " + d.topicId() + ")");
            }
        }
        return now;
    }

    /**
     * The periodic metadata refresh, between transactions on the writing thread: stops partitions of deleted or
     * recreated source topics, then follows the source: the topic sync's plan is applied to the target (configs,
     * partition increases, new matching topics; linked topics that now conflict stop, see {@link SourceFollower}), new
     * partitions and topics are taken on, and the target limits the engine checks records against are reloaded. A
     * refresh that cannot reach a cluster is logged and retried at the next one; the copy goes on meanwhile.
     */
    private void refreshMetadata() {
        Map<String, TopicDescription> linked = refreshTopicHealth();
        try {
            followSource(linked);
        } catch (RuntimeException e) {
            log.warn("following the source's topics failed; retrying at the next refresh", e);
            listener.info("following the source's topics failed (" + e.getMessage() + "); retrying in "
                    + settings.metadataRefresh().toSeconds() + " s");
            return;
        }
        resizeProducerIfNeeded();
    }

    private void followSource(Map<String, TopicDescription> linkedNow) {
        TopicSync sync = topicSync();
        Set<String> linked = topicsOf(new ArrayList<>(partitions.keySet()));
        SourceFollower.Step step = follower.step(sync.plan(), linked);
        step.stops().forEach((topic, reason) -> partitions.keySet().stream()
                .filter(tp -> tp.topic().equals(topic))
                .toList()
                .forEach(tp -> fail(tp, reason)));
        SyncReport report = sync.apply(step.apply());
        follower.worthTelling(report, false).forEach(listener::topicSynced);
        Set<String> ready = SourceFollower.ready(step, report);
        Set<String> grow = new java.util.TreeSet<>();
        for (String topic : ready) {
            TopicDescription d = linkedNow.get(topic);
            if (!linked.contains(topic)) {
                grow.add(topic);
            } else if (d != null && d.partitions().size() > linkedPartitions(topic)) {
                grow.add(topic);
            }
        }
        if (!grow.isEmpty()) {
            takeOn(grow, linked);
        }
        loadTargetLimits(topicsOf(new ArrayList<>(partitions.keySet())));
    }

    private int linkedPartitions(String topic) {
        return (int) partitions.keySet().stream()
                .filter(tp -> tp.topic().equals(topic))
                .count();
    }

    /**
     * Takes on the partitions of {@code topics} the link does not copy yet: new partitions of linked topics and every
     * partition of newly linked ones. All their data is new to the link, so they are copied from their log start (a
     * topic that already existed when the link started follows {@code --from}, as it would have then). Each gets a
     * fresh map, is added to the consumer's assignment, and is checkpointed with the next transaction.
     */
    private void takeOn(Set<String> topics, Set<String> linked) {
        Map<String, TopicDescription> source = describe(sourceAdmin, topics);
        Map<String, Integer> onTarget = awaitTargetPartitions(source);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicDescription d : source.values()) {
            String existingId = partitions.values().stream()
                    .filter(c -> c.tp.topic().equals(d.name()))
                    .map(c -> c.topicId)
                    .findFirst()
                    .orElse(d.topicId().toString());
            if (!existingId.equals(d.topicId().toString())) {
                continue; // recreated: the health check stopped it
            }
            int count = Math.min(d.partitions().size(), onTarget.getOrDefault(d.name(), 0));
            for (int p = 0; p < count; p++) {
                TopicPartition tp = new TopicPartition(d.name(), p);
                if (!partitions.containsKey(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Set<String> newTopics = new java.util.TreeSet<>(topicsOf(fresh));
        newTopics.removeAll(linked);
        loadTargetLimits(newTopics);
        Map<TopicPartition, Long> start = await(listOffsets(sourceAdmin, fresh, true), "source log starts");
        Map<TopicPartition, Long> end = await(listOffsets(sourceAdmin, fresh, false), "source ends");
        Map<TopicPartition, Long> targetEnd = await(listOffsets(targetAdmin, fresh, false), "target ends");
        List<TopicPartition> active = new ArrayList<>();
        for (TopicPartition tp : fresh) {
            boolean fromStart = linked.contains(tp.topic()) || !topicsAtStart.contains(tp.topic());
            long from = fromStart ? start.get(tp) : startOffset(tp, start.get(tp), end.get(tp));
            PartitionCopy copy =
                    freshCopy(tp, source.get(tp.topic()).topicId().toString(), from, start.get(tp), targetEnd.get(tp));
            partitions.put(tp, copy);
            if (copy.inError()) {
                listener.partitionError(tp, copy.error);
            } else {
                active.add(tp);
            }
        }
        if (!active.isEmpty()) {
            Set<TopicPartition> assignment = new java.util.HashSet<>(consumer.assignment());
            assignment.addAll(active);
            consumer.assign(assignment);
            active.forEach(tp -> consumer.seek(tp, partitions.get(tp).map.coveredTo()));
        }
        listener.info("following the source: now also copying " + active.size() + " partition(s) "
                + active.stream().map(TopicPartition::toString).sorted().toList()
                + (newTopics.isEmpty() ? "" : ", of new topic(s) " + newTopics));
        if (settings.syncSecurity() && !newTopics.isEmpty()) {
            SecuritySync.run(
                            sourceAdmin, targetAdmin, newTopics, settings.principalMapping(), settings.timeout(), false)
                    .stream()
                    .filter(line -> !line.contains(": skipped") && !line.contains(": unchanged"))
                    .forEach(listener::info);
        }
    }

    /**
     * The target's partition counts of these topics, once it shows at least the source's (a create or increase just
     * made takes a moment to reach every broker), or what it shows when the wait ends; bounded by the timeout.
     */
    private Map<String, Integer> awaitTargetPartitions(Map<String, TopicDescription> source) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            Map<String, Integer> counts = new HashMap<>();
            try {
                describe(targetAdmin, source.keySet())
                        .forEach((name, d) -> counts.put(name, d.partitions().size()));
            } catch (IllegalStateException e) {
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
            sleep(200);
        }
    }

    private long smallestMaxMessageBytes() {
        return maxMessageBytes.values().stream()
                .mapToLong(Long::longValue)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    /**
     * The producer's batch.size is capped by the smallest max.message.bytes of the linked topics when it is made, so
     * that no batch is rejected as too large. When a newly linked topic or a followed config change brings a smaller
     * limit, the producer is replaced, between transactions: nothing is in flight, and the new producer's {@code
     * initTransactions()} finds the last transaction committed, so nothing is aborted. (Until then a batch over the
     * limit is rejected and split by the producer; kafka-clients 4.3.1 halves a batch split again, so this converges,
     * at the cost of rejected round trips.) A record too large for a batch of its own is still stopped before it is
     * sent ({@link #rejection}). A limit that grows keeps the current producer: smaller batches cost little.
     */
    private void resizeProducerIfNeeded() {
        long smallest = smallestMaxMessageBytes();
        if (smallest >= producerSizedFor) {
            return;
        }
        listener.info("a linked topic's max.message.bytes is now " + smallest + " (was at least " + producerSizedFor
                + "): renewing the producer so that its batches fit");
        producer.close(Duration.ofSeconds(5));
        producer = newProducer(smallest);
        producerSizedFor = smallest;
        producer.initTransactions();
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    /**
     * Creates the link's internal topics where they are missing (one request). Returns true when this call created
     * both: then they hold nothing yet, and reading them can be skipped.
     */
    private boolean ensureInternalTopics() {
        Map<String, String> compacted = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
                "0");
        List<NewTopic> topics = List.of(
                        settings.topics().state(), settings.topics().offsets())
                .stream()
                .map(name -> new NewTopic(name, 1, (short) -1).configs(compacted))
                .toList();
        boolean createdAll = true;
        for (var entry : targetAdmin.createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new CutoverException(
                            Reason.AUTHORIZATION_FAILED,
                            "cannot create the link's internal topic " + entry.getKey() + " on the target: "
                                    + e.getCause(),
                            "the link needs CREATE on topics prefixed "
                                    + settings.topics().prefix() + " on the target",
                            e);
                }
                createdAll = false;
            } catch (TimeoutException e) {
                throw unreachable("target", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return createdAll;
    }

    private KafkaProducer<byte[], byte[]> takeOverAndStartProducer() {
        listener.info(takeover.adopt(targetProps, settings.topics().transactionalId(), settings.timeout()));
        KafkaProducer<byte[], byte[]> started = newProducer(Long.MAX_VALUE);
        try {
            started.initTransactions();
            return started;
        } catch (RuntimeException e) {
            started.close(Duration.ZERO);
            throw e;
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The producer's largest batch, and what a batch may add to its records' bytes. */
    private static final int BATCH_CAP = 512 * 1024;

    private static final int BATCH_OVERHEAD = 128;

    /** @param smallestLimit the smallest max.message.bytes of the linked topics, which no batch may exceed */
    private KafkaProducer<byte[], byte[]> newProducer(long smallestLimit) {
        Map<String, Object> p = new HashMap<>(targetProps);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.topics().transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // A batch must never exceed a linked topic's max.message.bytes (see resizeProducerIfNeeded).
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, (int)
                Math.max(1024, Math.min(BATCH_CAP, smallestLimit - BATCH_OVERHEAD)));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        p.putIfAbsent(
                ProducerConfig.CLIENT_ID_CONFIG,
                "cutover-link-" + settings.topics().link());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Map<String, Object> c = new HashMap<>(sourceProps);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.put(
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                Throttle.fetchBytes(settings.maxBytesPerSecond(), 16 * 1024 * 1024));
        c.put(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                Throttle.fetchBytes(settings.maxBytesPerSecond(), 4 * 1024 * 1024));
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.putIfAbsent(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "cutover-link-" + settings.topics().link());
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, TopicDescription> describe(Admin admin, Set<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        return await(admin.describeTopics(topics).allTopicNames(), "topic descriptions");
    }

    private static org.apache.kafka.common.KafkaFuture<Map<TopicPartition, Long>> listOffsets(
            Admin admin, List<TopicPartition> partitions, boolean earliest) {
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> specs = new HashMap<>();
        partitions.forEach(tp -> specs.put(
                tp,
                earliest
                        ? org.apache.kafka.clients.admin.OffsetSpec.earliest()
                        : org.apache.kafka.clients.admin.OffsetSpec.latest()));
        return admin.listOffsets(
                        specs,
                        new org.apache.kafka.clients.admin.ListOffsetsOptions(
                                org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
                .all()
                .thenApply(m -> {
                    Map<TopicPartition, Long> out = new HashMap<>();
                    m.forEach((tp, info) -> out.put(tp, info.offset()));
                    return out;
                });
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not get " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CutoverException unreachable(String what, Exception cause) {
        return new CutoverException(
                Reason.CLUSTER_UNREACHABLE,
                "no answer for " + what + " within " + settings.timeout(),
                "check that both clusters are reachable with the workspace's profiles",
                cause);
    }

    private static Set<String> topicsOf(List<TopicPartition> tps) {
        Set<String> topics = new java.util.TreeSet<>();
        tps.forEach(tp -> topics.add(tp.topic()));
        return topics;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the clients. A transaction left open by a failure is not aborted here: closing the producer with a zero
     * timeout leaves it to the next instance's takeover, which commits it.
     */
    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        if (sourceAdmin != null) {
            sourceAdmin.close(Duration.ofSeconds(5));
        }
        if (targetAdmin != null) {
            targetAdmin.close(Duration.ofSeconds(5));
        }
    }
}
