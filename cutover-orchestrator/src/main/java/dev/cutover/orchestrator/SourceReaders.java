package dev.cutover.orchestrator;

import dev.cutover.config.ClusterConnection;
import dev.cutover.config.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;

/**
 * The consumer groups that still read a set of topics on the source: groups there with a committed offset on one of
 * their partitions, less the groups of workloads the journal shows running on the target (their source offsets are
 * left from before their move). What decides whether a producer move needs its reverse copy.
 */
final class SourceReaders {
    private SourceReaders() {}

    static List<String> of(WaveContext wave, Set<String> topics) {
        return of(wave.clusters().source(), wave.workspace(), wave.journal().entries(), topics);
    }

    static List<String> of(
            ClusterConnection source,
            dev.cutover.config.Workspace workspace,
            List<dev.cutover.orchestrator.journal.JournalEntry> journal,
            Set<String> topics) {
        List<String> groups = WaveMoves.sourceGroups(source);
        Set<String> moved = movedGroups(workspace, journal, groups);
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.stream().filter(g -> !moved.contains(g)).forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        if (specs.isEmpty()) {
            return List.of();
        }
        var result = source.admin().listConsumerGroupOffsets(specs);
        Set<String> readers = new TreeSet<>();
        for (String group : specs.keySet()) {
            var offsets = source.await(result.partitionsToOffsetAndMetadata(group), "list the offsets of " + group);
            if (offsets.keySet().stream().anyMatch(tp -> topics.contains(tp.topic()))) {
                readers.add(group);
            }
        }
        return new ArrayList<>(readers);
    }

    /** Groups of workloads whose last confirmed move (in any wave of the journal) put them on the target. */
    private static Set<String> movedGroups(
            dev.cutover.config.Workspace workspace,
            List<dev.cutover.orchestrator.journal.JournalEntry> journal,
            List<String> groups) {
        Set<String> waves = new LinkedHashSet<>();
        journal.forEach(e -> waves.add(e.wave()));
        Set<String> onTarget = new TreeSet<>();
        for (String w : waves) {
            WaveSummary.of(WaveState.of(w, journal)).stream()
                    .filter(r -> r.runsOn().equals("target"))
                    .forEach(r -> onTarget.add(r.workload()));
        }
        Set<String> out = new TreeSet<>();
        for (Workload w : workspace.workloads().workloads()) {
            if (onTarget.contains(w.name())) {
                groups.stream().filter(g -> w.match().matchesGroupId(g)).forEach(out::add);
            }
        }
        return out;
    }
}
