package dev.cutover.link.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * One run of a link: takes it over, then copies topics from the source cluster to the target cluster, partition by
 * partition, exactly once, keeping an exact source→target offset map, until stopped or failed. Callers use {@link
 * LinkService} and its {@link LinkHandle}, which restarts a failed run; this class coordinates the parts that do the
 * work: {@link EngineStart}, {@link PartitionRecovery}, {@link TransactionWriter}, {@link Checkpointer}, {@link
 * Following}, {@link TargetLimits}, {@link StopWatch}. The design, its invariants and its limits are in {@code
 * docs/decisions/0001-link-exactly-once.md}.
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>The source is read with read_committed: aborted and control records are never copied; the map covers them as
 *       gaps once the consumer has passed them.
 *   <li>Every write to the target (data, offset-map chunks, statuses, lease) happens in a transaction of the link's
 *       transactional id. The link never aborts a transaction: on any failure it stops writing, and the next run
 *       commits whatever the failed transaction holds before fencing it ({@link Takeover}), then realigns the map
 *       with the target's tail ({@link TailAlignment}).
 *   <li>Source partition p is copied to target partition p, record by record in order, with key, value, headers and
 *       timestamp unchanged; the map takes the target offsets the target reports. The link is that partition's only
 *       writer: a data record of anyone else between its copies stops the partition ({@link TargetGaps}).
 *   <li>A partition that cannot go on (retention gap, truncation, recreated topic, a record the target would reject)
 *       stops alone, with the exact reason in its status; the others go on. A selected topic the target will not
 *       take is recorded with its reason: nothing is skipped silently.
 * </ol>
 */
final class LinkEngine implements AutoCloseable {
    /** A transaction is committed after this long, this many bytes or this many records, whichever comes first. */
    static final Duration TRANSACTION_SPAN = Duration.ofMillis(250);

    static final long TRANSACTION_BYTES = 64L * 1024 * 1024;
    /** Also bounds the engine's own bookkeeping: three longs per record in flight. */
    static final int TRANSACTION_RECORDS = 250_000;
    /** While the producer drains a transaction, the consumer fetches up to this much for the next one. */
    private static final long PREFETCH_BYTES = 16L * 1024 * 1024;

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PREFETCH_POLL = Duration.ofMillis(2);

    private final LinkSettings settings;
    private final EngineEvents events;
    private final LinkControl control;
    private final EngineClients clients;
    private final Partitions partitions;
    private final TargetGaps gaps;
    private final TransactionWriter writer;
    private final Checkpointer checkpointer;
    private final PartitionRecovery recovery;
    private final Following following;
    private final TargetLimitsHolder limits;
    private final EngineStart start;
    private final Requests requests;
    private final CoveragePublisher coverage;
    private final StateDrains stateDrains;
    private Map<String, dev.cutover.link.state.LinkState.TopicStatus> storedUnlinked = Map.of();
    /** The batch.size of the current producer. */
    private int producerBatch = EngineClients.batchSize(Long.MAX_VALUE, 1);

    private boolean caughtUpTold;
    private long copiedTotal;

    LinkEngine(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Consumer<LinkEvent> listener,
            Takeover takeover,
            LinkControl control) {
        this.settings = settings;
        this.events = new EngineEvents(listener);
        this.control = control;
        this.clients = new EngineClients(sourceProps, targetProps, settings);
        this.partitions = new Partitions(events, clients);
        this.gaps = new TargetGaps(clients);
        TargetSink sink = TargetSink.producerOf(clients);
        this.writer = new TransactionWriter(clients, partitions, gaps, sink, TransactionWriter.gate(settings));
        this.checkpointer = new Checkpointer(clients, partitions, events, sink);
        this.recovery = new PartitionRecovery(clients);
        this.limits = new TargetLimitsHolder(clients, events);
        this.following = new Following(clients, partitions, events, recovery);
        this.start = new EngineStart(clients, events, takeover);
        this.coverage = new CoveragePublisher(clients, control);
        this.requests = new Requests(clients, partitions, events, following, limits, control);
        this.stateDrains = new StateDrains(
                clients,
                partitions,
                control,
                events,
                new StopWatch(targetProps, settings.topics(), settings.timeout()));
    }

    long copiedTotal() {
        return copiedTotal;
    }

    /** Takes the link over, then copies until the control asks it to stop; a clean stop commits a last checkpoint. */
    void run() {
        begin();
        long nextCheckpoint = 0;
        long nextRefresh = System.nanoTime() + settings.metadataRefresh().toNanos();
        Throttle throttle = new Throttle(settings.maxBytesPerSecond());
        Prefetch prefetched = new Prefetch();
        EarlyTransactions early = new EarlyTransactions(events);
        while (!control.stopRequested) {
            if (stateDrains.due()) {
                stateDrains.watch();
            }
            boolean requested = requests.take(() -> resizeProducerIfNeeded(true));
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records =
                    prefetched.isEmpty() ? byPartition(writer.poll(POLL)) : prefetched.take();
            boolean checkpointDue = requested || System.nanoTime() >= nextCheckpoint || requests.drainsReached();
            if (records.isEmpty() && !checkpointDue) {
                coverage.publishIfReadable();
                continue;
            }
            early.begin();
            clients.producer.beginTransaction();
            // One transaction spans several polls, so that fetching goes on while the producer sends.
            List<Map<TopicPartition, Batch>> sent = new ArrayList<>();
            sent.add(writer.send(records, limits.current()));
            long txStart = System.nanoTime();
            long span = transactionSpan().toNanos();
            long txBytes = bytesOf(sent.get(0));
            long txRecords = countOf(sent.get(0));
            while (!control.stopRequested
                    && System.nanoTime() - txStart < span
                    && txBytes < throttle.transactionBytes(TRANSACTION_BYTES)
                    && txRecords < TRANSACTION_RECORDS) {
                ConsumerRecords<byte[], byte[]> more = writer.poll(POLL);
                if (more.isEmpty()) {
                    break;
                }
                Map<TopicPartition, Batch> batch = writer.send(byPartition(more), limits.current());
                sent.add(batch);
                txBytes += bytesOf(batch);
                txRecords += countOf(batch);
            }
            // The consumer only fetches inside poll(): keep it fetching for the next transaction while the last
            // batches of this one are acknowledged. Nothing prefetched counts as copied until it is sent and committed.
            // Not under a throttle: there the next transaction must stay within its slice of the rate.
            while (writer.inFlight.get() > 0
                    && !control.stopRequested
                    && settings.maxBytesPerSecond().isEmpty()
                    && prefetched.bytes() < PREFETCH_BYTES) {
                prefetched.add(writer.poll(PREFETCH_POLL));
            }
            early.lap("polls and sends");
            clients.producer.flush();
            early.lap("flush");
            long bytes = 0;
            Set<TopicPartition> written = new HashSet<>();
            long before = copiedTotal;
            for (Map<TopicPartition, Batch> batches : sent) {
                bytes += writer.record(batches);
                batches.forEach((tp, b) -> {
                    if (b.count > 0) {
                        written.add(tp);
                    }
                    copiedTotal += b.count;
                });
            }
            checkpointDue = checkpointDue || requests.drainsReached();
            List<TopicPartition> releasing = checkpointDue ? requests.releaseReached() : List.of();
            Map<TopicPartition, Long> covered = checkpointDue ? checkpointer.write(false, limits.current()) : Map.of();
            early.lap("checkpoint");
            long commitStart = System.nanoTime();
            clients.producer.commitTransaction();
            control.meters.committed(System.nanoTime() - commitStart, copiedTotal - before, bytes);
            sent.forEach(batches -> batches.forEach((tp, b) -> control.meters.copied(tp, b.count, b.bytes)));
            early.lap("commit");
            early.end(copiedTotal - before, written.size(), checkpointDue);
            // The commit marker takes one offset (a prediction: see PartitionCopy, TargetGaps).
            written.forEach(tp -> partitions.get(tp).expectedTarget++);
            control.copied.addAndGet(copiedTotal - before);
            if (checkpointDue) {
                nextCheckpoint =
                        System.nanoTime() + settings.checkpointInterval().toNanos();
                coverage.committed(covered, checkpointer.lastMapOffset());
                checkpointer.committed(control.meters);
                afterCheckpoint(releasing);
            }
            coverage.publishIfReadable();
            throttle.acquire(bytes);
            if (System.nanoTime() >= nextRefresh) {
                refresh();
                nextRefresh = System.nanoTime() + settings.metadataRefresh().toNanos();
            }
        }
        // A last checkpoint, so that a clean stop leaves the map complete, and the lease given up.
        clients.producer.beginTransaction();
        Map<TopicPartition, Long> covered = checkpointer.writeLast(control.stopReason(), limits.current());
        clients.producer.commitTransaction();
        coverage.committed(covered, checkpointer.lastMapOffset());
        checkpointer.committed(control.meters);
        coverage.awaitReadable(Duration.ofSeconds(5));
    }

    private void begin() {
        StartClock clock = new StartClock();
        EngineStart.Started started = start.run(following, limits, clock);
        checkpointer.identity(started.sourceClusterId(), started.targetClusterId(), started.identityStored());
        storedUnlinked = started.state().unlinkedTopics();
        // Topics the target shows (with their limits); one it does not show yet is taken on at a later refresh.
        var sourceTopics = clients.describe(
                clients.sourceAdmin, clients.source, limits.current().topics().keySet());
        Map<String, Integer> onTarget = new HashMap<>();
        clients.describe(clients.targetAdmin, clients.target, sourceTopics.keySet())
                .forEach((name, d) -> onTarget.put(name, d.partitions().size()));
        clock.lap("topic descriptions");
        for (PartitionCopy copy : recovery.recover(sourceTopics, onTarget, started.stored(), started.state())) {
            partitions.put(copy);
        }
        clock.lap("partition recovery");
        checkpointer.unlinkable(
                SourceFollower.unlinkable(started.sync().plan(), started.sync().report(), partitions.topics()),
                storedUnlinked);
        resizeProducerIfNeeded(false);
        reportOpenSourceTransactions();
        clock.lap("open source transactions");
        clients.consumer = clients.newConsumer();
        List<TopicPartition> active = partitions.active();
        clients.consumer.assign(active);
        active.forEach(tp -> seek(clients, partitions.get(tp)));
        clock.lap("consumer");
        events.detail(clock.summary());
        // What the stored maps cover is readable now; fresh partitions' coverage is once their first map is stored.
        control.covered(coverage(started.stored().maps().keySet()));
        events.info("copying " + active.size() + " partition(s) of "
                + Partitions.topicsOf(active).size() + " topic(s)");
        events.emit(
                new LinkEvent.Started(active.size(), Partitions.topicsOf(active).size()));
        stateDrains.pending(started.state());
    }

    private Map<TopicPartition, Long> coverage(Set<TopicPartition> tps) {
        Map<TopicPartition, Long> out = new HashMap<>();
        tps.stream()
                .filter(partitions::contains)
                .forEach(tp -> out.put(tp, partitions.get(tp).map.coveredTo()));
        return out;
    }

    /**
     * Positions the consumer where the partition's copy goes on. With the source's leader epoch there, the consumer
     * first checks with the source leader that its log still holds, up to that offset, the records the link read
     * (KIP-320); a log truncated since (an unclean leader election) fails the next poll.
     */
    static void seek(EngineClients clients, PartitionCopy copy) {
        long offset = copy.map.coveredTo();
        if (copy.position != null
                && copy.position.offset() == offset
                && copy.position.leaderEpoch().isPresent()) {
            clients.consumer.seek(copy.tp, copy.position);
        } else {
            clients.consumer.seek(copy.tp, offset);
        }
    }

    private void afterCheckpoint(List<TopicPartition> released) {
        LinkProgress progress = checkpointer.progress(control.copied.get());
        control.progress(progress);
        events.emit(new LinkEvent.Checkpoint(control.copied.get(), progress));
        stateDrains.watch();
        if (!released.isEmpty()) {
            clients.consumer.assign(partitions.active());
            requests.completeDrains();
        }
        boolean caughtUp = !partitions.active().isEmpty()
                && partitions.active().stream().noneMatch(tp -> partitions.get(tp).dirty);
        if (caughtUp && !caughtUpTold) {
            events.emit(new LinkEvent.CaughtUp(partitions.active().size()));
        }
        caughtUpTold = caughtUp;
    }

    private void refresh() {
        Following.Refreshed refreshed = following.refresh(limits);
        if (refreshed.known()) {
            checkpointer.unlinkable(refreshed.unlinkable(), storedUnlinked);
            storedUnlinked = Map.of();
            resizeProducerIfNeeded(true);
        }
    }

    /**
     * Transactions open on the source now: their records are copied only once they commit (read_committed), which
     * holds back the partitions they touch. Reported so that a long-open or hanging transaction is noticed.
     */
    private void reportOpenSourceTransactions() {
        try {
            for (OpenTransactions.Open open :
                    OpenTransactions.on(clients.sourceAdmin, partitions.keys(), settings.timeout())) {
                events.info("source transaction " + open.transactionalId() + " is open"
                        + open.startedAt().map(t -> " (since " + t + ")").orElse("") + " on " + open.partitions()
                        + ": those partitions are copied up to its start until it commits or aborts");
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            events.detail("could not list the source's open transactions: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The producer's batch.size is capped by the smallest max.message.bytes of the linked topics when it is made, so
     * that no batch is rejected as too large, and by the number of partitions copied ({@link
     * EngineClients#batchSize}). When a linked topic brings a smaller limit, the producer is replaced
     * between transactions: nothing is in flight, and the new producer's {@code initTransactions()} finds the last
     * transaction committed, so nothing is aborted. A record too large for a batch of its own is stopped before it is
     * sent ({@link TargetLimits#rejection}). A limit that grows keeps the current producer.
     */
    /** @param tell whether to tell the caller (while running) or only the log (at start, where it is routine) */
    private void resizeProducerIfNeeded(boolean tell) {
        int wanted = EngineClients.batchSize(
                limits.current().smallestMaxMessageBytes(), partitions.active().size());
        if (wanted >= producerBatch) {
            return;
        }
        String why = "renewing the producer with batch.size " + wanted + " (was " + producerBatch + "): the smallest"
                + " max.message.bytes of the linked topics is "
                + limits.current().smallestMaxMessageBytes() + ", "
                + partitions.active().size() + " partition(s) are copied";
        if (tell) {
            events.info(why);
        } else {
            events.detail(why);
        }
        clients.producer.close(Duration.ofSeconds(5));
        clients.producer = clients.newProducer(wanted);
        producerBatch = wanted;
        clients.producer.initTransactions();
    }

    static long bytesOf(Map<TopicPartition, Batch> batches) {
        return batches.values().stream().mapToLong(b -> b.bytes).sum();
    }

    static long countOf(Map<TopicPartition, Batch> batches) {
        return batches.values().stream().mapToLong(b -> b.count).sum();
    }

    static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition(
            ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> out = new java.util.LinkedHashMap<>();
        for (TopicPartition tp : records.partitions()) {
            out.put(tp, records.records(tp));
        }
        return out;
    }

    /**
     * How long a transaction may span: {@link #TRANSACTION_SPAN}, longer when many partitions are copied. A commit
     * costs a marker on every partition it wrote, so at a thousand partitions a short transaction is mostly commit;
     * one millisecond per partition copied, at most two seconds, keeps that cost a fraction of the copy. The run's
     * first records are committed after the short span, so that a large link shows its first copy soon.
     */
    private Duration transactionSpan() {
        return transactionSpan(copiedTotal, partitions.active().size());
    }

    static Duration transactionSpan(long copiedSoFar, int activePartitions) {
        if (copiedSoFar == 0) {
            return TRANSACTION_SPAN; // the first records land as soon as they can: commit them after the first fetch
        }
        return Duration.ofMillis(Math.max(TRANSACTION_SPAN.toMillis(), Math.min(2_000, activePartitions)));
    }

    static void pause(long ms) {
        try {
            Thread.sleep(Math.max(0, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the clients. A transaction left open by a failure is not aborted here: closing the producer with a zero
     * timeout leaves it to the next run's takeover, which commits it.
     */
    @Override
    public void close() {
        gaps.close();
        stateDrains.close();
        clients.close();
    }
}
