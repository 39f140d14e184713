package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.OffsetMapStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The engine copying a fixed share of a link's source partitions for a host that owns the target producer and its
 * transactions: a Kafka Connect source task in exactly-once mode ({@code cutover-connect}). It is made of the
 * in-process engine's parts — {@link PartitionRecovery} and {@link TailAlignment} to resume, {@link TransactionWriter}
 * to read the source and extend the maps with where copies landed (checking foreign writes), {@link Checkpointer} for
 * the offset-map chunks, statuses and lease, {@link TargetLimits} to stop a record the target would reject before it is
 * sent, {@link Following} to stop partitions of deleted or recreated topics — writing the same state, so that {@code
 * link status}, {@code offsets} and {@code verify} read a link the same wherever it runs.
 *
 * <p>The cycle, driven by the host on one thread: {@link #nextTransaction} hands over a whole transaction (copies, and
 * checkpoint records when one is due), the host sends and commits it, passes each record's {@link RecordMetadata} to
 * the record's {@link Outgoing#landed} callback and calls {@link #committed}. Only then are the copies' target offsets known, so a transaction's copies enter the stored
 * map with a later transaction (the next checkpoint): the stored map lags the data, as the in-process engine's does
 * between checkpoints, and a restart realigns it with the target's tail record by record.
 *
 * <p>What differs from the in-process link (docs/scale.md): the host, not the link, fences a previous instance, and
 * Kafka Connect does it by aborting that instance's open transaction. Its copies stay in the target log as aborted
 * records, invisible under read_committed and skipped by the map (it takes the offsets the target reports), but read
 * by read_uncommitted consumers, which then see those records twice.
 */
public final class HostedCopy implements AutoCloseable {
    /** How a Kafka Connect task's lease names it: {@code connect:<connector>/<task>}. */
    public static final String CONNECT_INSTANCE = "connect:";

    /** A record to send in the open transaction, and who to tell where it landed once that transaction committed. */
    public record Outgoing(ProducerRecord<byte[], byte[]> record, Callback landed) {}

    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * A transaction is handed to the host whole, so it is held in the worker's memory until committed: smaller bounds
     * than the in-process link's (which streams it), still far above what a commit costs.
     */
    private static final long TRANSACTION_BYTES = 32L * 1024 * 1024;

    private static final int TRANSACTION_RECORDS = 100_000;

    private final LinkSettings settings;
    private final Set<TopicPartition> assigned;
    private final String instance;
    private final EngineEvents events;
    private final EngineClients clients;
    private final Partitions partitions;
    private final TargetGaps gaps;
    private final TransactionWriter writer;
    private final Checkpointer checkpointer;
    private final PartitionRecovery recovery;
    private final TargetLimitsHolder limits;
    private final Following following;
    private final LinkMeters meters;
    private final Throttle throttle;
    private final List<Outgoing> outgoing = new ArrayList<>();

    /** The open transaction: what was sent in it, since when, how much, and whether it holds a checkpoint. */
    private final List<Map<TopicPartition, Batch>> open = new ArrayList<>();

    private long openBytes;
    private long openRecords;
    private boolean openHoldsCheckpoint;
    /** {@link #nextTransaction} handed a transaction over: the host commits it before it asks again. */
    private boolean ending;

    private long nextCheckpoint;
    private long nextRefresh;
    private long copiedTotal;

    /**
     * @param assigned the source partitions this host copies (each copied to the same partition on the target)
     * @param instance how this host is named in the lease, e.g. {@code connect:cutover-link-default/0}
     */
    public HostedCopy(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Collection<TopicPartition> assigned,
            String instance,
            Consumer<LinkEvent> listener) {
        this.settings = settings;
        this.assigned = Set.copyOf(assigned);
        this.instance = instance;
        this.events = new EngineEvents(listener);
        this.clients = new EngineClients(sourceProps, targetProps, settings);
        this.partitions = new Partitions(events, clients);
        this.gaps = new TargetGaps(clients);
        TargetSink sink = this::collect;
        // Schema ids are not checked on Kafka Connect yet: the connector has no workspace to read the id map from.
        this.writer = new TransactionWriter(clients, partitions, gaps, sink, null);
        this.checkpointer = new Checkpointer(clients, partitions, events, sink, instance);
        this.recovery = new PartitionRecovery(clients);
        this.limits = new TargetLimitsHolder(clients, events);
        this.following = new Following(clients, partitions, events, recovery);
        this.meters = new LinkMeters(settings.topics().link(), () -> LinkHandle.State.RUNNING);
        this.throttle = new Throttle(settings.maxBytesPerSecond());
    }

    private CompletableFuture<RecordMetadata> collect(ProducerRecord<byte[], byte[]> record, Callback landed) {
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        outgoing.add(new Outgoing(record, (metadata, exception) -> {
            if (landed != null) {
                landed.onCompletion(metadata, exception);
            }
            if (exception != null) {
                future.completeExceptionally(exception);
            } else {
                future.complete(metadata);
            }
        }));
        return future;
    }

    /**
     * Resumes the assigned partitions from the link's state on the target: checks the clusters are the link's, that no
     * instance outside Kafka Connect holds the link's lease, then recovers each partition (its stored map realigned
     * with the target's tail) and positions the source consumer.
     *
     * @throws CutoverException when the clusters are not the link's or the link runs elsewhere
     */
    public void start() {
        String sourceId =
                clients.source.await(clients.sourceAdmin.describeCluster().clusterId(), "read the cluster id");
        String targetId =
                clients.target.await(clients.targetAdmin.describeCluster().clusterId(), "read the cluster id");
        LinkState.Snapshot state = LinkState.read(clients.targetProps, settings.topics(), settings.timeout());
        HostedLink.requireLinkClusters(state, settings, sourceId, targetId);
        refuseForeignLease(state);
        checkpointer.identity(sourceId, targetId, state.identity().isPresent());
        OffsetMapStore.Stored stored = OffsetMapStore.load(clients.targetProps, settings.topics(), settings.timeout());
        Set<String> topics = Partitions.topicsOf(assigned);
        limits.reload(topics);
        var sourceTopics = clients.describe(clients.sourceAdmin, clients.source, topics);
        Map<String, Integer> onTarget = new HashMap<>();
        clients.describe(clients.targetAdmin, clients.target, sourceTopics.keySet())
                .forEach((name, d) -> onTarget.put(name, d.partitions().size()));
        for (PartitionCopy copy : recovery.recover(sourceTopics, onTarget, stored, state, assigned::contains)) {
            partitions.put(copy);
        }
        Set<TopicPartition> missing = new HashSet<>(assigned);
        missing.removeAll(partitions.keys());
        if (!missing.isEmpty()) {
            events.info(missing.size() + " assigned partition(s) are not on both clusters now (e.g. "
                    + missing.iterator().next() + "); the connector assigns them again once they are");
        }
        clients.consumer = clients.newConsumer();
        List<TopicPartition> active = partitions.active();
        clients.consumer.assign(active);
        active.forEach(tp -> LinkEngine.seek(clients, partitions.get(tp)));
        nextRefresh = System.nanoTime() + settings.metadataRefresh().toNanos();
        events.info(instance + " copying " + active.size() + " partition(s) of "
                + Partitions.topicsOf(active).size() + " topic(s)");
        events.emit(
                new LinkEvent.Started(active.size(), Partitions.topicsOf(active).size()));
    }

    /** Two writers would break the map: refuse while an instance that is not one of Connect's tasks holds the lease. */
    private void refuseForeignLease(LinkState.Snapshot state) {
        state.lease().ifPresent(lease -> {
            if (lease.freshAt(System.currentTimeMillis()) && !lease.instance().startsWith(CONNECT_INSTANCE)) {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "link '" + settings.topics().link() + "' runs outside Kafka Connect (" + lease.host() + ", pid "
                                + lease.pid() + "): its lease is fresh",
                        "stop it first (cutover link stop); a link runs in one place at a time, and the connector"
                                + " resumes where it stopped");
            }
        });
    }

    /**
     * The next transaction, whole: the copies read from the source until the transaction spans its time, bytes or
     * records (as the in-process link's) or the source has nothing more now, then the checkpoint records (offset-map
     * chunks and statuses of what earlier transactions copied, and the lease) when one is due — every checkpoint
     * interval, also when nothing is copied, which keeps the lease. Empty when there is nothing to write. The host sends
     * the records, commits at once, reports where each landed and calls {@link #committed}; since a transaction never
     * stays open between two calls, a host that stops between them leaves nothing open on the target. Every {@code
     * metadataRefresh} it first stops partitions whose source topic was deleted or recreated and reads the target's
     * limits again.
     *
     * @throws IllegalStateException when the host asks again before committing the last transaction
     */
    public List<Outgoing> nextTransaction() {
        if (ending) {
            throw new IllegalStateException("the host asked for a transaction before committing the last one");
        }
        outgoing.clear();
        if (System.nanoTime() >= nextRefresh) {
            following.refreshTopicHealth();
            limits.reload(partitions.topics());
            nextRefresh = System.nanoTime() + settings.metadataRefresh().toNanos();
        }
        long begun = System.nanoTime();
        long span = LinkEngine.transactionSpan(copiedTotal, partitions.active().size())
                .toNanos();
        while (true) {
            Map<TopicPartition, Batch> batches =
                    writer.send(LinkEngine.byPartition(writer.poll(POLL)), limits.current());
            if (!batches.isEmpty()) {
                open.add(batches);
                openBytes += LinkEngine.bytesOf(batches);
                openRecords += LinkEngine.countOf(batches);
            }
            if (batches.isEmpty()
                    || System.nanoTime() - begun >= span
                    || openBytes >= throttle.transactionBytes(TRANSACTION_BYTES)
                    || openRecords >= TRANSACTION_RECORDS) {
                break;
            }
        }
        boolean checkpointDue = System.nanoTime() >= nextCheckpoint;
        if (open.isEmpty() && !checkpointDue) {
            return List.of();
        }
        if (checkpointDue || openRecords == 0) {
            checkpointer.write(false, limits.current());
            openHoldsCheckpoint = true;
        }
        ending = true;
        return List.copyOf(outgoing);
    }

    /**
     * The host committed the transaction that holds everything handed over since the last commit, and told each
     * record's {@link Outgoing#landed} where it landed: the maps take those target offsets.
     *
     * @throws IllegalStateException when a record's landing was not reported (the host's task should fail and restart:
     *     the restart realigns the map with the target)
     */
    public void committed() {
        if (!ending) {
            return; // a commit of the host's own, with none of this copy's records
        }
        if (writer.inFlight.get() != 0) {
            throw new IllegalStateException(writer.inFlight.get() + " committed copies were not reported as landed");
        }
        long before = copiedTotal;
        long bytes = 0;
        Set<TopicPartition> written = new HashSet<>();
        for (Map<TopicPartition, Batch> batches : open) {
            bytes += writer.record(batches);
            batches.forEach((tp, b) -> {
                if (b.count > 0) {
                    written.add(tp);
                }
                copiedTotal += b.count;
            });
        }
        // The commit marker takes one offset (a prediction, checked by the next copies: see TransactionWriter).
        written.forEach(tp -> partitions.get(tp).expectedTarget++);
        if (openHoldsCheckpoint) {
            checkpointer.committed(meters);
            nextCheckpoint = System.nanoTime() + settings.checkpointInterval().toNanos();
        }
        if (copiedTotal > before) {
            events.emit(new LinkEvent.Checkpoint(copiedTotal, checkpointer.progress(copiedTotal)));
        }
        open.clear();
        openBytes = 0;
        openRecords = 0;
        openHoldsCheckpoint = false;
        ending = false;
        throttle.acquire(bytes);
    }

    /** Records this copy has committed since it started. */
    public long copied() {
        return copiedTotal;
    }

    /** The partitions being copied now (not stopped). */
    public List<TopicPartition> active() {
        return partitions.active();
    }

    /**
     * Closes the clients. Nothing is aborted here: the host decides what becomes of its open transaction (Kafka Connect
     * aborts it when the task's successor starts).
     */
    @Override
    public void close() {
        gaps.close();
        clients.close();
    }
}
