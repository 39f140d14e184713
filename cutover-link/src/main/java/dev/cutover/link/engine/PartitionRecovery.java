package dev.cutover.link.engine;

import dev.cutover.link.state.LinkState;
import dev.cutover.link.state.OffsetMapStore;
import dev.cutover.link.state.PartitionState;
import dev.cutover.offsets.PartitionOffsetMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each partition's copy goes on when a run starts or takes a partition on: from its stored map, realigned with
 * the target's tail after a crash ({@link TailAlignment}); from {@code --from} for a partition never copied; from its
 * log start for a partition added to a linked topic; stopped, with the reason, when the source topic was recreated,
 * the target partition was written by someone else, or it stopped before (errors are sticky).
 */
final class PartitionRecovery {
    private static final Logger log = LoggerFactory.getLogger(PartitionRecovery.class);
    private final EngineClients clients;

    PartitionRecovery(EngineClients clients) {
        this.clients = clients;
    }

    /**
     * The copies of the partitions of the source topics that the target shows ({@code onTarget}: partition counts),
     * as stored and realigned. Partitions the target does not show yet are taken on at a later refresh.
     */
    List<PartitionCopy> recover(
            Map<String, TopicDescription> sourceTopics,
            Map<String, Integer> onTarget,
            OffsetMapStore.Stored stored,
            LinkState.Snapshot state) {
        return recover(sourceTopics, onTarget, stored, state, tp -> true);
    }

    /** {@link #recover} of the partitions {@code mine} accepts only (a Kafka Connect task's share, {@link HostedCopy}). */
    List<PartitionCopy> recover(
            Map<String, TopicDescription> sourceTopics,
            Map<String, Integer> onTarget,
            OffsetMapStore.Stored stored,
            LinkState.Snapshot state,
            java.util.function.Predicate<TopicPartition> mine) {
        List<TopicPartition> all = new ArrayList<>();
        sourceTopics.values().forEach(d -> d.partitions().stream()
                .filter(p -> p.partition() < onTarget.getOrDefault(d.name(), 0))
                .map(p -> new TopicPartition(d.name(), p.partition()))
                .filter(mine)
                .forEach(all::add));
        Map<TopicPartition, Long> sourceStart =
                EngineClients.listOffsets(clients.sourceAdmin, clients.source, all, true);
        Map<TopicPartition, Long> sourceEnd =
                EngineClients.listOffsets(clients.sourceAdmin, clients.source, all, false);
        Map<TopicPartition, Long> targetEnd =
                EngineClients.listOffsets(clients.targetAdmin, clients.target, all, false);
        // Topics the link copied before (and the source topic id it copied): a partition added to one since has no
        // progress, and all its data is new, so it is copied from its log start whatever --from says.
        Map<String, String> linkedBefore = new HashMap<>();
        state.partitions().values().forEach(p -> linkedBefore.put(p.topic(), p.topicId()));
        stored.maps().keySet().forEach(tp -> linkedBefore.putIfAbsent(tp.topic(), null));
        List<PartitionCopy> copies = new ArrayList<>();
        for (TopicPartition tp : all) {
            String topicId = sourceTopics.get(tp.topic()).topicId().toString();
            PartitionOffsetMap storedMap = stored.maps().get(tp);
            LinkState.PartitionStatus status = state.partitions().get(tp);
            PartitionCopy copy;
            if (storedMap == null) {
                boolean added = linkedBefore.containsKey(tp.topic());
                Long exact = clients.settings.from() instanceof StartFrom.Exact e
                        ? e.offsets().get(tp)
                        : null;
                long from = exact != null
                        ? exact
                        : added ? sourceStart.get(tp) : startOffset(tp, sourceStart.get(tp), sourceEnd.get(tp));
                copy = fresh(tp, topicId, from, sourceStart.get(tp), targetEnd.get(tp), exact != null);
                Optional<String> recreated = recreated(tp.topic(), linkedBefore.get(tp.topic()), topicId);
                if (recreated.isPresent()) {
                    copy.error = recreated.get();
                }
            } else {
                // Released: what the target holds past the map is its new writers' (a producer move), not the link's.
                boolean released = status != null && status.state() == PartitionState.RELEASED;
                copy = resumed(tp, topicId, storedMap, stored, targetEnd.get(tp), !released);
                String before = status == null ? null : status.topicId();
                Optional<String> recreated = recreated(tp.topic(), before, topicId);
                if (recreated.isPresent()) {
                    copy.error = recreated.get();
                } else if (status != null && status.state() == PartitionState.ERROR && copy.error == null) {
                    copy.error = status.reason();
                } else if (status != null && status.state() == PartitionState.RELEASED) {
                    copy.released = true;
                }
            }
            if (status != null && status.topicId() != null && status.topicId().equals(topicId)) {
                copy.warning = status.warning();
                if (status.leaderEpoch() != null) {
                    copy.position = new OffsetAndMetadata(status.replicatedTo(), Optional.of(status.leaderEpoch()), "");
                }
            }
            copies.add(copy);
        }
        return copies;
    }

    /** Why the partition's new data is not a continuation of what was copied, if its topic id changed. */
    static Optional<String> recreated(String topic, String idBefore, String idNow) {
        if (idBefore == null || idBefore.equals(idNow)) {
            return Optional.empty();
        }
        return Optional.of("source topic " + topic + " was deleted and recreated (topic id " + idBefore + " became "
                + idNow + "); its new data is not a continuation of what was copied");
    }

    private PartitionCopy resumed(
            TopicPartition tp,
            String topicId,
            PartitionOffsetMap storedMap,
            OffsetMapStore.Stored stored,
            long targetEnd,
            boolean align) {
        PartitionOffsetMap base = PartitionOffsetMap.builder(storedMap.coveredFrom(), storedMap.targetFrom())
                .sourceLogStart(storedMap.sourceLogStart())
                .build();
        OffsetMapStore.Writer writer = OffsetMapStore.Writer.resume(
                clients.settings.topics(), tp, stored, storedMap.coveredTo(), clients.settings.mapChunkBytes());
        // After the takeover nothing on the target is open: a copied record beyond the map would sit there with its
        // commit marker after it, two offsets at least. One offset past the map is the last commit's marker alone.
        TailAlignment.Result aligned = !align || targetEnd - storedMap.targetNext() <= 1
                ? new TailAlignment.Result.Aligned(storedMap, 0)
                : TailAlignment.align(
                        clients.sourceProps, clients.targetProps, tp, storedMap, clients.settings.timeout());
        if (aligned instanceof TailAlignment.Result.Aligned a) {
            if (a.recovered() > 0) {
                log.info("{}: {} copied record(s) beyond the stored map realigned", tp, a.recovered());
            }
            return new PartitionCopy(tp, topicId, base, a.map(), writer, targetEnd);
        }
        PartitionCopy copy = new PartitionCopy(tp, topicId, base, storedMap, writer, targetEnd);
        copy.error = ((TailAlignment.Result.Diverged) aligned).why();
        return copy;
    }

    /**
     * A partition the link takes on now, with no progress: the map starts at {@code from} on the source and at the
     * target partition's end. Unless {@code targetMayHoldRecords} (an explicit start at an exact offset, e.g. a copy
     * back into a topic that holds its history), a target partition that already holds records was written by someone
     * else: the copy starts in error, since the link must be its only writer.
     */
    PartitionCopy fresh(
            TopicPartition tp,
            String topicId,
            long from,
            long sourceLogStart,
            long targetEnd,
            boolean targetMayHoldRecords) {
        PartitionOffsetMap base = PartitionOffsetMap.builder(from, targetEnd)
                .sourceLogStart(sourceLogStart)
                .build();
        PartitionCopy copy = new PartitionCopy(
                tp,
                topicId,
                base,
                base,
                OffsetMapStore.Writer.fresh(clients.settings.topics(), tp, base, clients.settings.mapChunkBytes()),
                targetEnd);
        if (targetEnd > 0 && !targetMayHoldRecords) {
            copy.error = "the target partition already holds records (end offset " + targetEnd
                    + ") that this link did not write; the link must be the only writer of its target partitions";
        }
        return copy;
    }

    /** Where a partition never copied starts, by {@code --from}. */
    long startOffset(TopicPartition tp, long logStart, long end) {
        StartFrom from = clients.settings.from() instanceof StartFrom.Exact e ? e.otherwise() : clients.settings.from();
        if (from instanceof StartFrom.Latest) {
            return end;
        }
        if (from instanceof StartFrom.Timestamp t) {
            var result = clients.source.await(
                    clients.sourceAdmin
                            .listOffsets(Map.of(tp, OffsetSpec.forTimestamp(t.epochMillis())))
                            .partitionResult(tp),
                    "find the offset of time " + t.epochMillis() + " in " + tp);
            return result.offset() < 0 ? end : result.offset();
        }
        return logStart;
    }

    /** Copies for partitions taken on while running (new partitions, new topics, an explicit start). */
    List<PartitionCopy> takeOn(
            List<TopicPartition> fresh,
            Map<String, TopicDescription> source,
            Set<String> fromLogStart,
            Map<TopicPartition, Long> exactStarts) {
        Map<TopicPartition, Long> start = EngineClients.listOffsets(clients.sourceAdmin, clients.source, fresh, true);
        Map<TopicPartition, Long> end = EngineClients.listOffsets(clients.sourceAdmin, clients.source, fresh, false);
        Map<TopicPartition, Long> targetEnd =
                EngineClients.listOffsets(clients.targetAdmin, clients.target, fresh, false);
        List<PartitionCopy> copies = new ArrayList<>();
        for (TopicPartition tp : fresh) {
            String topicId = source.get(tp.topic()).topicId().toString();
            Long exact = exactStarts.get(tp);
            long from = exact != null
                    ? exact
                    : fromLogStart.contains(tp.topic()) ? start.get(tp) : startOffset(tp, start.get(tp), end.get(tp));
            copies.add(fresh(tp, topicId, from, start.get(tp), targetEnd.get(tp), exact != null));
        }
        return copies;
    }
}
