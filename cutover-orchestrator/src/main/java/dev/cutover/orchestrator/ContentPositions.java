package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.WaveClusters.Side;
import dev.cutover.probe.content.ContentPlacement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a reader of a dual-write wave resumes on the other cluster: its topics are written to both and no link copies
 * them, so no offset map exists; each partition's position is placed after the same records on the other side ({@link
 * ContentPlacement}). Every partition of every group must be placed exactly, or nothing is committed: a position that
 * cannot be placed is named with why, and another offsets decision is the way on.
 */
final class ContentPositions {
    /** How far before and after the records around a position the other side is searched for them. */
    static final Duration SEARCH = Duration.ofMinutes(5);

    private final WaveContext wave;
    private final WorkloadMove move;
    private final java.util.function.Predicate<String> linked;

    ContentPositions(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
        this.linked = DualWrite.linkCopies(wave.workspace(), wave.clusters().link());
    }

    /** Places every group's committed positions on {@code from} onto {@code to} and commits them there. */
    Done place(Side from, Side to) throws InterruptedException {
        ClusterConnection a = wave.clusters().on(from);
        ClusterConnection b = wave.clusters().on(to);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> writes = new LinkedHashMap<>();
        Map<String, String> figures = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> nothing = new ArrayList<>();
        int partitions = 0;
        try (ContentPlacement placement = new ContentPlacement(a, b, SEARCH)) {
            for (String group : move.groups()) {
                Map<TopicPartition, OffsetAndMetadata> committed = a.await(
                        a.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                        "read group " + group + " on the " + from.profileName());
                Map<TopicPartition, OffsetAndMetadata> write = new HashMap<>();
                List<TopicPartition> sorted = committed.entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .map(Map.Entry::getKey)
                        .sorted(java.util.Comparator.comparing(TopicPartition::toString))
                        .toList();
                for (TopicPartition tp : sorted) {
                    OffsetAndMetadata at = committed.get(tp);
                    if (linked.test(tp.topic())) {
                        unknown.add(
                                group + " " + tp + ": link " + wave.clusters().link() + " copies " + tp.topic()
                                        + ", so it is not written to both clusters (move this workload in a wave of the link's"
                                        + " topics, where its offset map translates it)");
                        continue;
                    }
                    ContentPlacement.Placement p = placement.place(tp, at.offset());
                    if (p instanceof ContentPlacement.Placement.Exact x) {
                        write.put(tp, new OffsetAndMetadata(x.offset(), at.metadata()));
                        figures.put("offset." + group + "." + tp, at.offset() + " → " + x.offset());
                        wave.progress()
                                .accept("[" + wave.name() + "] " + move.name() + ": " + group + " " + tp + " "
                                        + at.offset() + " on the " + from.profileName() + " → " + x.offset()
                                        + " on the " + to.profileName() + ", " + x.anchor());
                    } else {
                        unknown.add(group + " " + tp + ": " + ((ContentPlacement.Placement.Unknown) p).why());
                    }
                }
                if (committed.isEmpty()) {
                    nothing.add(group);
                }
                writes.put(group, write);
            }
        }
        if (!unknown.isEmpty()) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "positions not placed on the " + to.profileName() + " by content, so none was moved: "
                            + String.join("; ", unknown),
                    "set another offsets decision for " + move.name() + " in workloads.yaml (reset-to-time resumes"
                            + " from the stop's time), then `cutover wave resume`; or `cutover wave rollback`");
        }
        for (var e : writes.entrySet()) {
            if (!e.getValue().isEmpty()) {
                b.await(
                        b.admin()
                                .alterConsumerGroupOffsets(e.getKey(), e.getValue())
                                .all(),
                        "commit group " + e.getKey() + " on the " + to.profileName());
                partitions += e.getValue().size();
            }
        }
        figures.put("decision", "translate (by content: dual-write)");
        figures.put("partitions", Integer.toString(partitions));
        figures.put("replayed", "0");
        figures.put("skipped", "0");
        if (!nothing.isEmpty()) {
            figures.put("nothingCommitted", String.join(",", nothing));
        }
        return Done.of(
                "positions placed exactly on the " + to.profileName() + " after the same records, " + partitions
                        + " partition(s): 0 replayed, 0 skipped"
                        + (nothing.isEmpty()
                                ? ""
                                : "; nothing committed for " + String.join(", ", nothing)
                                        + " (those start where their auto.offset.reset says)"),
                figures);
    }
}
