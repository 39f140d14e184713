package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.OffsetDecision;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.readiness.plan.Wave;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;

/** The moves of a wave: its workloads from {@code workloads.yaml}, each with its groups as found on the source. */
final class WaveMoves {
    private WaveMoves() {}

    /** What an attempt's plan step records: each workload's groups and offsets decision, and the link. */
    static Map<String, String> planFigures(List<WorkloadMove> moves, String link) {
        Map<String, String> figures = new java.util.LinkedHashMap<>();
        moves.forEach(m -> figures.put(groupsKey(m.name()), String.join(",", m.groups())));
        moves.forEach(m -> figures.put("offsets." + m.name(), m.offsets().yamlName()));
        figures.put("link", link);
        return figures;
    }

    /** Figure key under which the plan step records a workload's groups. */
    static String groupsKey(String workload) {
        return "groups." + workload;
    }

    static List<WorkloadMove> resolve(Workspace ws, Wave wave, Collection<String> sourceGroups) {
        List<WorkloadMove> moves = new ArrayList<>();
        for (String name : wave.workloads()) {
            Workload w = ws.workloads().workloads().stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new CutoverException(
                            Reason.CONFIG_INVALID,
                            "wave " + wave.name() + " moves '" + name + "', which workloads.yaml does not describe",
                            "add it to workloads.yaml (with its switch:), or move it out of the wave in plan.yaml"));
            List<String> groups = sourceGroups.stream()
                    .filter(g -> w.match().matchesGroupId(g))
                    .sorted()
                    .toList();
            moves.add(move(w, groups, otherWriters(ws, wave, w), dualWrite(wave)));
        }
        return moves;
    }

    /** Workloads outside the wave that also write one of {@code w}'s topics (a producer's topics move with all their writers). */
    private static List<String> otherWriters(Workspace ws, Wave wave, Workload w) {
        if (!w.roles().contains(Role.PRODUCER)) {
            return List.of();
        }
        return ws.workloads().workloads().stream()
                .filter(o -> !wave.workloads().contains(o.name()) && o.roles().contains(Role.PRODUCER))
                .filter(o -> o.topics().stream().anyMatch(w.topics()::contains))
                .map(o -> o.name() + " ("
                        + String.join(
                                ",",
                                o.topics().stream().filter(w.topics()::contains).toList()) + ")")
                .toList();
    }

    /** As recorded by the attempt's plan step (resume and rollback use the groups found when the wave began). */
    static List<WorkloadMove> recorded(Workspace ws, Wave wave, Map<String, String> planFigures) {
        List<WorkloadMove> moves = new ArrayList<>();
        for (WorkloadMove m : resolve(ws, wave, List.of())) {
            String text = planFigures.getOrDefault(groupsKey(m.name()), "");
            List<String> groups = text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
            moves.add(move(m.workload(), groups, List.of(), dualWrite(wave)));
        }
        return moves;
    }

    private static boolean dualWrite(Wave wave) {
        return wave.pattern() == dev.cutover.readiness.plan.CutoverPattern.DUAL_WRITE;
    }

    private static WorkloadMove move(Workload w, List<String> groups, List<String> otherWriters, boolean dualWrite) {
        OffsetDecision offsets = w.offsets().orElse(OffsetDecision.TRANSLATE);
        Optional<String> blocked = Optional.empty();
        WorkloadMove.Kind kind = WorkloadMove.Kind.CONSUMER;
        if (w.roles().contains(Role.STREAMS) || w.roles().contains(Role.CONNECT)) {
            kind = WorkloadMove.Kind.STATEFUL;
            blocked = Optional.of("Kafka Streams and Connect moves (state with them) are not built yet");
        } else if (w.roles().contains(Role.PRODUCER)) {
            kind = WorkloadMove.Kind.PRODUCER;
            if (w.roles().contains(Role.CONSUMER)) {
                blocked = Optional.of("it both reads and writes: moves of read-process-write workloads are not built"
                        + " yet (its topics: lists what it reads and what it writes, and only the written ones move"
                        + " their write authority)");
            } else if (w.topics().isEmpty()) {
                blocked = Optional.of("no topics: in workloads.yaml says which topics' write authority moves with it");
            } else if (!otherWriters.isEmpty()) {
                blocked = Optional.of("a topic's writers move in one wave, and " + String.join(", ", otherWriters)
                        + " also write(s) its topics from outside this wave");
            } else if (w.switchSpec().isEmpty()) {
                blocked = Optional.of("no switch: in workloads.yaml says how to stop and start it");
            }
        } else if (groups.isEmpty()) {
            blocked = Optional.of("no consumer group on the source matches its match.groupId "
                    + w.match().groupIds() + ": nothing to move, nothing to check");
        } else if (w.switchSpec().isEmpty()) {
            blocked = Optional.of("no switch: in workloads.yaml says how to stop and start it");
        }
        return new WorkloadMove(w, kind, groups, offsets, blocked, dualWrite);
    }

    /** Every group on the source (any protocol: a workload's match.groupId decides which are its own). */
    static List<String> sourceGroups(ClusterConnection source) {
        return source.await(source.admin().listGroups(new ListGroupsOptions()).all(), "list the groups").stream()
                .map(GroupListing::groupId)
                .sorted()
                .toList();
    }
}
