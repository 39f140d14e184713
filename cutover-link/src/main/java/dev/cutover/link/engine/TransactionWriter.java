package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.link.schemas.SchemaGate;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the source and writes what it read into the open transaction; after the flush, extends each partition's map
 * with the target offsets the target reported. Owned by the engine's writing thread.
 *
 * <p>Coverage: a partition's map covers everything the consumer has passed under read_committed once it is written
 * and committed, including transaction markers and aborted ranges, which are never copied. A poll that returns only
 * markers for a partition moves its position, not its records; that position is kept ({@link #polled}) and becomes a
 * record-less batch in the next transaction, so that an idle transactional partition is covered up to its end.
 *
 * <p>Foreign writes: within a transaction the copies of a partition land on consecutive target offsets, and after a
 * commit the next copy lands after the commit's marker. Any other offset is checked with {@link TargetGaps}: a gap of
 * control records only (a marker written twice when the target's coordinator failed over) is accepted; a data record
 * there stops the partition.
 */
final class TransactionWriter {
    private static final Logger log = LoggerFactory.getLogger(TransactionWriter.class);

    private final EngineClients clients;
    private final Partitions partitions;
    private final TargetGaps gaps;
    private final TargetSink sink;
    /** Per partition, where the consumer stands after the last poll that moved it, until that is sent or covered. */
    private final Map<TopicPartition, OffsetAndMetadata> polled = new HashMap<>();
    /** Records sent and not yet acknowledged by the target. */
    final AtomicLong inFlight = new AtomicLong();

    /** Clears records whose schema ids must resolve on the target; null when the link does not check them. */
    private final SchemaGate gate;

    TransactionWriter(EngineClients clients, Partitions partitions, TargetGaps gaps, TargetSink sink, SchemaGate gate) {
        this.clients = clients;
        this.partitions = partitions;
        this.gaps = gaps;
        this.sink = sink;
        this.gate = gate;
    }

    /** The schema gate a link's settings ask for, or null when it copies schema ids unchecked. */
    static SchemaGate gate(LinkSettings settings) {
        return settings.schemaIds()
                .map(p -> SchemaGate.of(p, settings.timeout()))
                .orElse(null);
    }

    ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        resumeWaiting();
        if (clients.consumer.assignment().isEmpty()) {
            // Every partition released or stopped: nothing to read; the loop goes on to keep the lease.
            LinkEngine.pause(timeout.toMillis());
            return ConsumerRecords.empty();
        }
        try {
            ConsumerRecords<byte[], byte[]> records = clients.consumer.poll(timeout);
            polled.putAll(records.nextOffsets());
            return records;
        } catch (LogTruncationException e) {
            e.offsetOutOfRangePartitions()
                    .forEach((tp, position) ->
                            truncated(tp, position, e.divergentOffsets().get(tp)));
            return ConsumerRecords.empty();
        } catch (OffsetOutOfRangeException e) {
            e.offsetOutOfRangePartitions().forEach(this::outOfRange);
            return ConsumerRecords.empty();
        } catch (TopicAuthorizationException e) {
            // Fatal, not a partition error: partition errors are kept across restarts, a permission is fixed and
            // retried.
            throw new CutoverException(
                    Reason.AUTHORIZATION_FAILED,
                    "the source denies the link's principal READ on topic(s) " + new TreeSet<>(e.unauthorizedTopics())
                            + ": " + e.getMessage(),
                    "grant the source profile's principal READ and DESCRIBE on the linked topics (README, link,"
                            + " Permissions), then start the link again",
                    e);
        }
    }

    /** Whether a poll moved a partition's position past markers only, so that a transaction would cover it. */
    boolean coverageWaiting() {
        return !polled.isEmpty();
    }

    /** The source no longer has the offset the link must read next: retention ran ahead, or the log was truncated. */
    private void outOfRange(TopicPartition tp, long position) {
        long start = clients.consumer.beginningOffsets(List.of(tp)).get(tp);
        long end = clients.consumer.endOffsets(List.of(tp)).get(tp);
        String reason = position < start
                ? "retention gap: source offsets " + position + " to " + (start - 1) + " were deleted before they"
                        + " were copied (" + (start - position) + " offsets lost on the source side; the link will"
                        + " not skip them silently)"
                : "the source partition was truncated below what the link had read (source end " + end
                        + " < copied up to " + position + "; an unclean leader election?)";
        partitions.fail(tp, reason);
    }

    /**
     * The source leader's log no longer holds what the link read before {@code position}: it diverges at {@code
     * divergent} (if the source could tell). Records at those offsets now are other records than the ones the link
     * copied, so the partition stops; what was copied stays as it is.
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
        partitions.fail(
                tp,
                "the source partition was truncated below what the link had read (copied up to " + position
                        + "; an unclean leader election?)." + where + " The copies already on the target are kept as"
                        + " they are; the link does not go on from records that replaced the ones it copied");
    }

    /**
     * Sends records in the current transaction. All records polled so far for a partition must be in this call or an
     * earlier one of the same transaction (the prefetch is always taken whole), so the consumer's position says what
     * the map covers once they commit. Partitions whose position moved past markers only get a record-less batch.
     */
    Map<TopicPartition, Batch> send(
            Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records, TargetLimits limits) {
        Map<TopicPartition, Batch> batches = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> entry : records.entrySet()) {
            TopicPartition tp = entry.getKey();
            PartitionCopy copy = partitions.get(tp);
            if (copy == null || !copy.active()) {
                polled.remove(tp);
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> list = entry.getValue();
            Batch batch = new Batch(list.size());
            batches.put(tp, batch);
            for (ConsumerRecord<byte[], byte[]> r : list) {
                if (copy.drainTo != null && r.offset() >= copy.drainTo) {
                    break; // the drained copy ends here: nothing at or after its end is copied
                }
                String rejection = limits.rejection(tp, r, now);
                if (rejection != null) {
                    batch.readUpTo = r.offset();
                    partitions.fail(tp, rejection);
                    break;
                }
                if (gate == null) {
                    sendOne(tp, r, r.key(), r.value(), batch);
                    continue;
                }
                SchemaGate.Decision decision = gate.check(r.key(), r.value());
                if (decision instanceof SchemaGate.Decision.Wait wait) {
                    batch.readUpTo = r.offset();
                    hold(copy, r.offset(), wait);
                    break;
                }
                SchemaGate.Decision.Copy clear = (SchemaGate.Decision.Copy) decision;
                if (copy.waiting != null) {
                    log.info("{} goes on: the schema id it waited for resolves on the target", tp);
                    copy.waiting = null;
                    copy.dirty = true;
                }
                sendOne(tp, r, clear.key(), clear.value(), batch);
            }
            if (batch.readUpTo < 0) {
                batch.readUpTo = bounded(copy, clients.consumer.position(tp));
            }
            OffsetAndMetadata position = polled.remove(tp);
            if (position != null && position.offset() == batch.readUpTo) {
                copy.position = position;
            }
        }
        for (var it = polled.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            PartitionCopy copy = partitions.get(entry.getKey());
            it.remove();
            if (copy == null || !copy.active()) {
                continue;
            }
            long upTo = bounded(copy, entry.getValue().offset());
            if (upTo > copy.map.coveredTo()) {
                batches.put(copy.tp, Batch.coverageOnly(upTo));
                if (upTo == entry.getValue().offset()) {
                    copy.position = entry.getValue();
                }
            }
        }
        return batches;
    }

    private static long bounded(PartitionCopy copy, long position) {
        return copy.drainTo == null ? position : Math.min(position, copy.drainTo);
    }

    /**
     * Holds a partition at a record the schema gate refused: the consumer goes back to it and pauses the partition
     * until the gate may answer otherwise; nothing at or after it is copied or covered meanwhile.
     */
    private void hold(PartitionCopy copy, long offset, SchemaGate.Decision.Wait wait) {
        String reason =
                "waiting for schema id " + wait.schemaId() + " at source offset " + offset + ": " + wait.reason();
        if (!reason.equals(copy.waiting)) {
            log.warn("{} {}", copy.tp, reason);
        }
        copy.waiting = reason;
        copy.waitUntilMs = System.currentTimeMillis() + SchemaGate.RETRY.toMillis();
        copy.dirty = true;
        if (clients.consumer.assignment().contains(copy.tp)) {
            clients.consumer.pause(List.of(copy.tp));
            clients.consumer.seek(copy.tp, offset);
        }
    }

    /** Lets waiting partitions be read again once their wait is over, so the gate is asked anew. */
    private void resumeWaiting() {
        long now = System.currentTimeMillis();
        for (PartitionCopy copy : partitions.all()) {
            if (copy.waiting != null
                    && copy.active()
                    && copy.waitUntilMs <= now
                    && clients.consumer.assignment().contains(copy.tp)
                    && clients.consumer.paused().contains(copy.tp)) {
                copy.waitUntilMs = Long.MAX_VALUE;
                clients.consumer.resume(List.of(copy.tp));
            }
        }
    }

    private void sendOne(TopicPartition tp, ConsumerRecord<byte[], byte[]> r, byte[] key, byte[] value, Batch batch) {
        int i = batch.count++;
        batch.source[i] = r.offset();
        batch.timestamps[i] = r.timestamp();
        batch.bytes += size(r);
        inFlight.incrementAndGet();
        sink.send(
                new ProducerRecord<>(
                        tp.topic(), tp.partition(), r.timestamp() < 0 ? null : r.timestamp(), key, value, r.headers()),
                (metadata, exception) -> {
                    if (exception != null) {
                        batch.failure = exception;
                    } else {
                        batch.target[i] = metadata.offset();
                    }
                    inFlight.decrementAndGet();
                });
    }

    /**
     * After the flush: extends the maps with where the copies landed, as the target reported it, and checks any offset
     * the link did not expect to be skipped. Returns the bytes copied.
     */
    long record(Map<TopicPartition, Batch> batches) {
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
                if (b.target[i] > expected && !copy.inError()) {
                    checkGap(copy, expected, b.target[i], b.source[i]);
                }
                copy.map.copied(b.source[i], b.target[i]);
            }
            if (b.count > 0) {
                copy.lastCopiedTimestamp = b.timestamps[b.count - 1];
                copy.expectedTarget = b.target[b.count - 1] + 1;
                copy.copied += b.count;
            }
            if (b.readUpTo > copy.map.coveredTo()) {
                copy.map.readUpTo(b.readUpTo);
            }
            copy.dirty = true;
            bytes += b.bytes;
        }
        return bytes;
    }

    private void checkGap(PartitionCopy copy, long from, long to, long sourceOffset) {
        if (gaps.between(copy.tp, from, to) == TargetGaps.Content.CONTROL_ONLY) {
            log.info(
                    "{}: target offsets {} to {} hold control records only (a transaction marker written again when"
                            + " the target's transaction coordinator failed over); the copy goes on",
                    copy.tp,
                    from,
                    to - 1);
            return;
        }
        partitions.fail(
                copy.tp,
                "a foreign write: target offsets " + from + " to " + (to - 1) + " hold a record this link did not write"
                        + " (the copy of source offset " + sourceOffset + " landed at " + to + ")");
    }

    static long size(ConsumerRecord<byte[], byte[]> r) {
        long size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }
}
