package dev.cutover.link.engine;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What callers ask of a running link through its {@link LinkHandle}, done on the engine's thread between transactions:
 * drains (copy a set of topics up to an exact end, commit, release them and report where each partition ended) and
 * starts of a topic at exact offsets.
 *
 * <p>A drained partition copies nothing at or after its end ({@link TransactionWriter} cuts batches there); once every
 * partition of the request covers its end, the next checkpoint stores them as released in the same transaction as the
 * last copies, and only after that commit is the request completed.
 */
final class Requests {
    private final EngineClients clients;
    private final Partitions partitions;
    private final EngineEvents events;
    private final Following following;
    private final TargetLimitsHolder limits;
    private final LinkControl control;
    private final List<LinkControl.Request.Drain> drains = new ArrayList<>();

    Requests(
            EngineClients clients,
            Partitions partitions,
            EngineEvents events,
            Following following,
            TargetLimitsHolder limits,
            LinkControl control) {
        this.clients = clients;
        this.partitions = partitions;
        this.events = events;
        this.following = following;
        this.limits = limits;
        this.control = control;
    }

    /** Handles the caller's requests; true when one needs a checkpoint soon. */
    boolean take(Runnable afterStart) {
        boolean any = false;
        for (LinkControl.Request r = control.requests.poll(); r != null; r = control.requests.poll()) {
            any = true;
            try {
                if (r instanceof LinkControl.Request.Drain d) {
                    beginDrain(d);
                } else if (r instanceof LinkControl.Request.Resume m) {
                    m.done().complete(resume(m));
                } else if (r instanceof LinkControl.Request.StartTopic s) {
                    s.done().complete(startTopic(s, afterStart));
                }
            } catch (CutoverException e) {
                r.fail(e);
            }
        }
        return any;
    }

    private void beginDrain(LinkControl.Request.Drain d) {
        List<TopicPartition> tps = partitions.ofTopics(d.topics());
        Set<String> missing = new java.util.TreeSet<>(d.topics());
        missing.removeAll(Partitions.topicsOf(tps));
        if (!missing.isEmpty()) {
            throw new CutoverException(Reason.USAGE, "the link does not copy topic(s) " + missing, null);
        }
        for (TopicPartition tp : tps) {
            PartitionCopy copy = partitions.get(tp);
            if (copy.inError()) {
                throw new CutoverException(
                        Reason.CHECK_FAILED, "cannot drain " + tp + ": it stopped (" + copy.error + ")", null);
            }
        }
        Map<TopicPartition, Long> ends =
                d.upTo().orElseGet(() -> EngineClients.listOffsets(clients.sourceAdmin, clients.source, tps, false));
        for (TopicPartition tp : tps) {
            Long end = ends.get(tp);
            if (end == null) {
                throw new CutoverException(Reason.USAGE, "no offset to drain " + tp + " to was given", null);
            }
            PartitionCopy copy = partitions.get(tp);
            if (end < copy.map.coveredTo()) {
                throw new CutoverException(
                        Reason.USAGE,
                        "cannot drain " + tp + " to source offset " + end + ": the link already copied up to "
                                + copy.map.coveredTo(),
                        null);
            }
            copy.drainTo = end;
        }
        drains.add(d);
    }

    boolean drainsReached() {
        return drains.stream().anyMatch(d -> partitions.ofTopics(d.topics()).stream()
                .map(partitions::get)
                .allMatch(c -> c.drainReached() || c.inError()));
    }

    /** Marks the partitions whose drain is reached as released, so that this checkpoint stores them so. */
    List<TopicPartition> releaseReached() {
        List<TopicPartition> released = new ArrayList<>();
        for (LinkControl.Request.Drain d : drains) {
            List<PartitionCopy> copies = partitions.ofTopics(d.topics()).stream()
                    .map(partitions::get)
                    .toList();
            if (copies.stream().allMatch(c -> c.drainReached() || c.inError())) {
                copies.stream().filter(c -> c.active()).forEach(c -> {
                    c.released = true;
                    c.dirty = true;
                    released.add(c.tp);
                });
            }
        }
        return released;
    }

    void completeDrains() {
        for (var it = drains.iterator(); it.hasNext(); ) {
            LinkControl.Request.Drain d = it.next();
            List<PartitionCopy> copies = partitions.ofTopics(d.topics()).stream()
                    .map(partitions::get)
                    .toList();
            if (copies.stream().anyMatch(PartitionCopy::active)) {
                continue;
            }
            it.remove();
            List<String> failed = copies.stream()
                    .filter(PartitionCopy::inError)
                    .map(c -> c.tp + ": " + c.error)
                    .toList();
            if (!failed.isEmpty()) {
                d.done()
                        .completeExceptionally(new CutoverException(
                                Reason.CHECK_FAILED, "the drain could not complete: " + failed, null));
                continue;
            }
            Map<TopicPartition, DrainResult.End> ends = new HashMap<>();
            copies.forEach(c -> ends.put(c.tp, new DrainResult.End(c.map.coveredTo(), c.map.targetNext())));
            DrainResult result = new DrainResult(ends);
            events.emit(new LinkEvent.Drained(result));
            d.done().complete(result);
        }
    }

    /**
     * Takes released partitions on again (a producer move rolled back: the writers are back on the source): each from
     * the exact source offset given, at or after where its copy ended, its target at its end now. The source offsets
     * between (what a reverse copy wrote there) are passed, never copied back the way they came. A partition still
     * copied is left as it is (asked twice); its answer is where it stands.
     */
    private Map<TopicPartition, DrainResult.End> resume(LinkControl.Request.Resume m) {
        List<TopicPartition> tps = new ArrayList<>(m.from().keySet());
        for (TopicPartition tp : tps) {
            PartitionCopy copy = partitions.get(tp);
            if (copy == null) {
                throw new CutoverException(Reason.USAGE, "the link does not copy " + tp, null);
            }
            if (copy.inError()) {
                throw new CutoverException(
                        Reason.CHECK_FAILED, "cannot resume " + tp + ": it stopped (" + copy.error + ")", null);
            }
            if (copy.released && m.from().get(tp) < copy.map.coveredTo()) {
                throw new CutoverException(
                        Reason.USAGE,
                        "cannot resume " + tp + " at source offset " + m.from().get(tp) + ": its copy ended at "
                                + copy.map.coveredTo(),
                        null);
            }
        }
        List<TopicPartition> released =
                tps.stream().filter(tp -> partitions.get(tp).released).toList();
        Map<TopicPartition, Long> targetEnds =
                EngineClients.listOffsets(clients.targetAdmin, clients.target, released, false);
        Map<TopicPartition, DrainResult.End> out = new HashMap<>();
        for (TopicPartition tp : tps) {
            PartitionCopy copy = partitions.get(tp);
            if (copy.released) {
                long from = m.from().get(tp);
                long targetEnd = targetEnds.get(tp);
                copy.map.readUpTo(from).writesNextAt(targetEnd);
                copy.expectedTarget = targetEnd;
                copy.drainTo = null;
                copy.released = false;
                copy.dirty = true;
                copy.position = null;
            }
            out.put(tp, new DrainResult.End(copy.map.coveredTo(), copy.map.targetNext()));
        }
        if (!released.isEmpty()) {
            java.util.Set<TopicPartition> assignment = new java.util.HashSet<>(clients.consumer.assignment());
            assignment.addAll(released);
            clients.consumer.assign(assignment);
            released.forEach(
                    tp -> clients.consumer.seek(tp, partitions.get(tp).map.coveredTo()));
            events.info("resumed copying " + released + " from where their writers came back");
        }
        return out;
    }

    private Set<TopicPartition> startTopic(LinkControl.Request.StartTopic s, Runnable afterStart) {
        for (TopicPartition tp : s.from().keySet()) {
            if (partitions.contains(tp)) {
                throw new CutoverException(
                        Reason.USAGE, tp + " is already copied by this link (or was, and was released)", null);
            }
        }
        var source = clients.describe(clients.sourceAdmin, clients.source, Set.of(s.topic()));
        if (!source.containsKey(s.topic())) {
            throw new CutoverException(Reason.USAGE, "the source has no topic " + s.topic(), null);
        }
        int count = source.get(s.topic()).partitions().size();
        if (s.from().size() != count) {
            throw new CutoverException(
                    Reason.USAGE,
                    "starting topic " + s.topic() + " needs an exact source offset for each of its " + count
                            + " partitions; got " + s.from().size(),
                    null);
        }
        List<TopicPartition> active = following.takeOn(Set.of(s.topic()), partitions.topics(), s.from(), limits);
        afterStart.run();
        return Set.copyOf(active);
    }
}
