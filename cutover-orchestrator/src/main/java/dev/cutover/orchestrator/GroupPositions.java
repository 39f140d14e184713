package dev.cutover.orchestrator;

import dev.cutover.config.OffsetDecision;
import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.OffsetsProof;
import dev.cutover.offsets.Direction;
import dev.cutover.orchestrator.StepRunner.Done;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a moved workload's groups resume: on the target by the workload's offsets decision, and back on the source at
 * rollback (always the exact reverse translation of where the group stands on the target).
 */
final class GroupPositions {
    private final WaveContext wave;
    private final WorkloadMove move;

    GroupPositions(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
    }

    Done applyForward() throws InterruptedException {
        OffsetDecision decision = move.offsets();
        if (decision == OffsetDecision.TRANSLATE && move.dualWrite()) {
            return new ContentPositions(wave, move).place(WaveClusters.Side.SOURCE, WaveClusters.Side.TARGET);
        }
        if (decision == OffsetDecision.TRANSLATE) {
            return translate(Direction.FORWARD);
        }
        Admin source = wave.clusters().source().admin();
        Admin target = wave.clusters().target().admin();
        Map<String, String> figures = new LinkedHashMap<>();
        int partitions = 0;
        for (String group : move.groups()) {
            Map<TopicPartition, OffsetAndMetadata> committed = wave.clusters()
                    .source()
                    .await(
                            source.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                            "read group " + group);
            Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
            committed.forEach((tp, offset) -> {
                if (offset != null) {
                    spec.put(tp, spec(decision));
                }
            });
            var offsets =
                    wave.clusters().target().await(target.listOffsets(spec).all(), "list offsets on the target");
            Map<TopicPartition, OffsetAndMetadata> write = new HashMap<>();
            offsets.forEach((tp, info) -> {
                long at = info.offset() < 0 ? endOf(target, tp) : info.offset();
                write.put(tp, new OffsetAndMetadata(at));
                figures.put("offset." + group + "." + tp, "→ " + at);
            });
            wave.clusters()
                    .target()
                    .await(target.alterConsumerGroupOffsets(group, write).all(), "commit group " + group);
            partitions += write.size();
        }
        figures.put("decision", decision.yamlName());
        figures.put("partitions", Integer.toString(partitions));
        figures.put(
                "replayed",
                decision == OffsetDecision.RESET_LATEST ? "0" : "not counted (" + decision.yamlName() + ")");
        figures.put(
                "skipped",
                decision == OffsetDecision.REPLAY_FROM_EARLIEST ? "0" : "not counted (" + decision.yamlName() + ")");
        return Done.of(
                "offsets set on the target as decided (" + decision.yamlName() + "), " + partitions + " partition(s)",
                figures);
    }

    private long endOf(Admin target, TopicPartition tp) {
        var end = wave.clusters()
                .target()
                .await(target.listOffsets(Map.of(tp, OffsetSpec.latest())).all(), "list offsets on the target");
        return end.get(tp).offset();
    }

    private OffsetSpec spec(OffsetDecision decision) {
        return switch (decision) {
            case REPLAY_FROM_EARLIEST -> OffsetSpec.earliest();
            case RESET_LATEST -> OffsetSpec.latest();
            case RESET_TO_TIME -> OffsetSpec.forTimestamp(stoppedAt().toEpochMilli());
            case TRANSLATE -> throw new IllegalStateException("translate is not a reset");
        };
    }

    /** reset-to-time resumes at the moment the client was stopped on the source (the stop step runs first). */
    private Instant stoppedAt() {
        return wave.steps().began(Optional.of(move.name()), Steps.STOP_SOURCE).orElseThrow();
    }

    /** Exact translation of every group, forward (source → target) or back (target → source). */
    Done translate(Direction direction) {
        var options = ConsumerMove.sync(wave, direction);
        List<GroupSync> results =
                wave.clusters().groupOffsets(wave.journal().entries()).sync(move.groups(), options);
        ProofEvidence.write(
                wave.workspace(),
                wave.clusters().target().clusterId(),
                OffsetsProof.of(wave.clusters().link(), results, options),
                "cutover wave (" + wave.name() + ")",
                line -> wave.progress().accept("[" + wave.name() + "] " + move.name() + ": " + line));
        List<GroupSync> counted = new ArrayList<>();
        Map<String, String> figures = new LinkedHashMap<>();
        List<String> nothing = new ArrayList<>();
        for (GroupSync r : results) {
            if (r instanceof GroupSync.Refused refused && refused.refusal() == GroupSync.Refusal.NOTHING_COMMITTED) {
                nothing.add(r.group());
            } else {
                counted.add(r);
            }
        }
        ConsumerMove.requireCommitted(counted);
        int partitions = 0;
        for (GroupSync r : counted) {
            if (r instanceof GroupSync.Committed c) {
                for (GroupSync.PartitionChange ch : c.changes()) {
                    figures.put("offset." + c.group() + "." + ch.partition(), ch.committed() + " → " + ch.after());
                    partitions++;
                }
                figures.put(
                        "translated." + c.group(), Integer.toString(c.changes().size()));
            }
        }
        figures.put("decision", "translate");
        figures.put("direction", direction.name().toLowerCase(java.util.Locale.ROOT));
        figures.put("partitions", Integer.toString(partitions));
        figures.put("replayed", "0");
        figures.put("skipped", "0");
        Optional<String> note = nothing.isEmpty()
                ? Optional.empty()
                : Optional.of("; nothing committed for " + String.join(", ", nothing)
                        + " (those start where their auto.offset.reset says)");
        if (!nothing.isEmpty()) {
            figures.put("nothingCommitted", String.join(",", nothing));
        }
        String where = direction == Direction.FORWARD ? "target" : "source";
        return Done.of(
                "positions translated exactly to the " + where + ", " + partitions
                        + " partition(s): 0 replayed, 0 skipped" + note.orElse(""),
                figures);
    }
}
