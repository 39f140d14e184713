package dev.cutover.link.engine;

import dev.cutover.link.state.LinkState;
import dev.cutover.offsets.PartitionOffsetMap;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes, in the open transaction, what makes the copy resumable and visible: the link's identity (once), offset-map
 * chunks of the partitions that moved (and tombstones for chunks that retention made useless), their statuses, the
 * topics the link was asked to copy but cannot, and the lease. Because it is the same transaction as the data, the
 * stored state never runs ahead of the data it describes.
 */
final class Checkpointer {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    /** How often the source's log starts are read, to drop offset-map chunks that retention made useless. */
    private static final Duration RETENTION_CHECK = Duration.ofSeconds(30);
    /** A checkpoint taking longer is logged with where its time went. */
    private static final long SLOW_CHECKPOINT_MS = 1_000;

    private final EngineClients clients;
    private final Partitions partitions;
    private final EngineEvents events;
    private final TargetSink sink;
    private final String instance;
    private final String host = hostName();
    private String sourceClusterId;
    private String targetClusterId;
    private boolean identityWritten;
    /** Whether this run's first checkpoint cleared the previous run's {@code stopped} record. */
    private boolean runMarked;

    private long nextRetentionCheck;
    /** The last source end seen per partition, for partitions the consumer has no fresh answer for. */
    private final Map<TopicPartition, Long> lastEnds = new HashMap<>();
    /** Partitions whose end the last checkpoint wanted and did not get: their progress is unknown. */
    private final java.util.Set<TopicPartition> endsUnread = new java.util.HashSet<>();

    /** The offset-map records the last {@link #write} sent, acknowledged once its transaction commits. */
    private final List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> mapWrites =
            new ArrayList<>();

    /**
     * After the commit of the last {@link #write}: the offset, in the offsets topic, of its last map record (-1 if it
     * wrote none). The coverage it stored is readable under read_committed once that topic's last stable offset is
     * past it: a commit returns before its markers are written.
     */
    long lastMapOffset() {
        long last = -1;
        for (var write : mapWrites) {
            try {
                last = Math.max(last, write.get().offset());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a committed offset-map record has no offset: " + e.getCause(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Long.MAX_VALUE;
            }
        }
        return last;
    }

    /** What the last {@link #write} wrote: the statuses, and the offset-map chunks and their bytes (for the meters). */
    private final List<LinkState.PartitionStatus> statusesWritten = new ArrayList<>();

    private int chunksWritten;
    private long chunkBytesWritten;

    /** Tells the meters what the last {@link #write} stored, once its transaction committed. */
    void committed(LinkMeters meters) {
        meters.checkpointed(List.copyOf(statusesWritten), chunksWritten, chunkBytesWritten);
    }

    /** Topics to report as not linked (written once each), and topics that are linked again (tombstoned). */
    private final Map<String, LinkState.TopicStatus> unlinked = new HashMap<>();

    private final Map<String, LinkState.TopicStatus> unlinkedToWrite = new HashMap<>();
    private final List<String> relinkedToWrite = new ArrayList<>();

    Checkpointer(EngineClients clients, Partitions partitions, EngineEvents events, TargetSink sink) {
        this(clients, partitions, events, sink, UUID.randomUUID().toString());
    }

    /** @param instance the id this run's lease carries */
    Checkpointer(EngineClients clients, Partitions partitions, EngineEvents events, TargetSink sink, String instance) {
        this.clients = clients;
        this.partitions = partitions;
        this.events = events;
        this.sink = sink;
        this.instance = instance;
    }

    void identity(String sourceClusterId, String targetClusterId, boolean alreadyWritten) {
        this.sourceClusterId = sourceClusterId;
        this.targetClusterId = targetClusterId;
        this.identityWritten = alreadyWritten;
    }

    /** The topics found not linkable at the last look, replacing earlier ones; known ones keep their first time. */
    void unlinkable(Map<String, String> reasons, Map<String, LinkState.TopicStatus> stored) {
        long now = System.currentTimeMillis();
        for (var e : reasons.entrySet()) {
            LinkState.TopicStatus known = unlinked.getOrDefault(e.getKey(), stored.get(e.getKey()));
            if (known == null || !known.reason().equals(e.getValue())) {
                LinkState.TopicStatus status = new LinkState.TopicStatus(
                        LinkState.VERSION, e.getKey(), e.getValue(), known == null ? now : known.sinceMs());
                unlinkedToWrite.put(e.getKey(), status);
                unlinked.put(e.getKey(), status);
            } else {
                unlinked.put(e.getKey(), known);
            }
        }
        for (String topic : stored.keySet()) {
            if (!reasons.containsKey(topic) && partitions.topics().contains(topic)) {
                relinkedToWrite.add(topic);
            }
        }
        unlinked.keySet().removeIf(topic -> {
            boolean gone = !reasons.containsKey(topic) && partitions.topics().contains(topic);
            if (gone && !relinkedToWrite.contains(topic)) {
                relinkedToWrite.add(topic);
            }
            return gone;
        });
    }

    /**
     * The last checkpoint of a clean stop: {@link #write} with the lease given up, the {@code stopped} record (when,
     * why) and the answered stop request removed.
     */
    Map<TopicPartition, Long> writeLast(String reason, TargetLimits limits) {
        Map<TopicPartition, Long> covered = write(true, limits);
        long now = System.currentTimeMillis();
        var topics = clients.settings.topics();
        sink.send(LinkState.record(
                topics,
                new LinkState.Stopped(
                        LinkState.VERSION,
                        instance,
                        host,
                        ProcessHandle.current().pid(),
                        now,
                        Instant.ofEpochMilli(now).toString(),
                        reason)));
        sink.send(LinkState.tombstone(topics, LinkState.STOP_REQUEST));
        return covered;
    }

    /**
     * Writes the checkpoint's records into the open transaction; returns each written partition's coverage (what the
     * stored map will cover once the transaction commits). The first of a run removes the previous run's {@code
     * stopped} record and any stop request left from before: this run is not stopped, and was not asked to.
     */
    Map<TopicPartition, Long> write(boolean stopping, TargetLimits limits) {
        StartClock clock = new StartClock();
        mapWrites.clear();
        statusesWritten.clear();
        chunksWritten = 0;
        chunkBytesWritten = 0;
        long now = System.currentTimeMillis();
        TargetSink producer = sink;
        if (!runMarked) {
            producer.send(LinkState.tombstone(clients.settings.topics(), LinkState.STOPPED));
            producer.send(LinkState.tombstone(clients.settings.topics(), LinkState.STOP_REQUEST));
            runMarked = true;
        }
        if (!identityWritten) {
            producer.send(LinkState.record(
                    clients.settings.topics(),
                    new LinkState.Identity(
                            LinkState.VERSION,
                            clients.settings.topics().link(),
                            sourceClusterId,
                            targetClusterId,
                            Instant.ofEpochMilli(now).toString())));
            identityWritten = true;
        }
        Map<TopicPartition, Long> logStarts = Map.of();
        if (System.nanoTime() >= nextRetentionCheck && !partitions.active().isEmpty()) {
            try {
                logStarts = EngineClients.listOffsets(clients.sourceAdmin, clients.source, partitions.active(), true);
            } catch (dev.cutover.api.CutoverException e) {
                log.debug("source log starts unknown at this checkpoint: {}", e.getMessage());
            }
            nextRetentionCheck = System.nanoTime() + RETENTION_CHECK.toNanos();
        }
        clock.lap("source log starts");
        List<PartitionCopy> dirty =
                partitions.all().stream().filter(c -> c.dirty).toList();
        Map<TopicPartition, Long> ends = sourceEnds(dirty);
        clock.lap("source ends");
        Map<TopicPartition, Long> covered = new HashMap<>();
        for (PartitionCopy copy : partitions.all()) {
            Long logStart = logStarts.get(copy.tp);
            if (logStart != null) {
                copy.writer.trimTo(logStart, copy.base).forEach(producer::send);
            }
            if (!copy.dirty) {
                continue;
            }
            PartitionOffsetMap map = copy.map.build();
            for (var r : copy.writer.recordsFor(map, copy.base)) {
                mapWrites.add(producer.send(r));
                chunksWritten++;
                chunkBytesWritten +=
                        (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
            }
            covered.put(copy.tp, map.coveredTo());
            Long end = ends.get(copy.tp);
            if (end == null && !copy.inError()) {
                copy.forgetStoredRuns(map);
                continue; // no status on a guess: the next checkpoint writes it once the source's end is known
            }
            long sourceEnd = end == null ? map.coveredTo() : end;
            LinkState.PartitionStatus status = status(copy, sourceEnd, now, limits);
            statusesWritten.add(status);
            producer.send(LinkState.record(clients.settings.topics(), status));
            copy.dirty = !copy.inError() && sourceEnd > map.coveredTo();
            copy.forgetStoredRuns(map);
        }
        unlinkedToWrite.values().forEach(st -> producer.send(LinkState.record(clients.settings.topics(), st)));
        unlinkedToWrite.clear();
        relinkedToWrite.forEach(t -> producer.send(LinkState.topicLinked(clients.settings.topics(), t)));
        relinkedToWrite.clear();
        producer.send(LinkState.record(
                clients.settings.topics(),
                new LinkState.Lease(
                        LinkState.VERSION,
                        instance,
                        host,
                        ProcessHandle.current().pid(),
                        now,
                        // A clean stop gives the lease up: the next start need not wait it out.
                        stopping ? 0 : clients.settings.lease().toMillis())));
        clock.lap("sends");
        if (clock.elapsedMillis() >= SLOW_CHECKPOINT_MS) {
            events.detail("a slow checkpoint of " + dirty.size() + " changed partition(s): " + clock.summary("took"));
        }
        return covered;
    }

    /**
     * The source's end (last stable offset) of each partition still being copied, read in pages; absent where the
     * source did not answer in time, so that nothing is called caught up on a guess. (The consumer's cached lag is
     * not used: kafka-clients 4.3 reported a stale end of 0, a lag of minus the position, after a restart.)
     */
    private Map<TopicPartition, Long> sourceEnds(List<PartitionCopy> copies) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        List<TopicPartition> wanted =
                copies.stream().filter(PartitionCopy::active).map(c -> c.tp).toList();
        try {
            ends.putAll(EngineClients.listOffsets(clients.sourceAdmin, clients.source, wanted, false));
        } catch (dev.cutover.api.CutoverException e) {
            log.debug("source ends of {} partition(s) unknown at this checkpoint: {}", wanted.size(), e.getMessage());
        }
        copies.stream().filter(c -> !c.active()).forEach(c -> {
            Long last = lastEnds.get(c.tp);
            if (last != null) {
                ends.put(c.tp, last);
            }
        });
        lastEnds.putAll(ends);
        endsUnread.clear();
        wanted.stream().filter(tp -> !ends.containsKey(tp)).forEach(endsUnread::add);
        return ends;
    }

    /**
     * What is left to copy, after a committed {@link #write}: per partition being copied, from what its map covers to
     * the last source end read. A partition not read at that checkpoint keeps its last end (it was covered then);
     * one never read, or whose end the checkpoint asked for and did not get, leaves the total unknown.
     */
    LinkProgress progress(long copied) {
        List<TopicPartition> active = partitions.active();
        long remaining = 0;
        int unknown = 0;
        for (TopicPartition tp : active) {
            Long end = lastEnds.get(tp);
            if (end == null || endsUnread.contains(tp)) {
                unknown++;
            } else {
                remaining += Math.max(0, end - partitions.get(tp).map.coveredTo());
            }
        }
        return new LinkProgress(
                copied,
                active.size(),
                unknown,
                unknown > 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(remaining),
                System.currentTimeMillis());
    }

    /**
     * A partition's status, flagging a compacted partition whose oldest record not yet copied may be older than the
     * topic's delete.retention.ms: the source may have removed tombstones the link had not copied yet. How far behind
     * is bounded from above by the age of the last copied record and by the time since a checkpoint last found the
     * partition caught up (every record not copied yet came later).
     */
    private LinkState.PartitionStatus status(PartitionCopy copy, long sourceEnd, long now, TargetLimits limits) {
        LinkState.PartitionStatus status = copy.status(sourceEnd, now);
        if (status.lagRecords() == 0) {
            copy.caughtUpAtMs = now;
        }
        var retention = limits.tombstoneRetention(copy.tp.topic());
        if (retention.isEmpty() || copy.warning != null || copy.inError() || status.lagRecords() == 0) {
            return status;
        }
        long behindMs = copy.caughtUpAtMs < 0 ? status.lagMs() : Math.min(status.lagMs(), now - copy.caughtUpAtMs);
        if (behindMs <= retention.get()) {
            return status;
        }
        copy.warning = "compacted topic lagged up to " + behindMs + " ms behind the source at "
                + Instant.ofEpochMilli(now) + ", more than its delete.retention.ms (" + retention.get() + " ms):"
                + " tombstones the source removed meanwhile may not have been copied, so the target may still hold"
                + " keys the source deleted (compare the topic's keys on both sides)";
        log.warn("{}: {}", copy.tp, copy.warning);
        events.partitionWarning(copy.tp, copy.warning);
        return copy.status(sourceEnd, now);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
