package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.OffsetDecision;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.stateful.StatefulTopics;
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
        moves.stream()
                .filter(m -> recordsWrites(m.kind()))
                .forEach(m -> figures.put(writesKey(m.name()), String.join(",", m.written())));
        moves.stream()
                .filter(m -> m.kind() == WorkloadMove.Kind.CONNECT)
                .forEach(m -> figures.put(workersKey(m.name()), String.join(",", m.workers())));
        figures.put("link", link);
        return figures;
    }

    /** Figure key under which the plan step records a workload's groups. */
    static String groupsKey(String workload) {
        return "groups." + workload;
    }

    /** Figure key under which the plan step records the topics whose write authority a processor moves. */
    static String writesKey(String workload) {
        return "writes." + workload;
    }

    /** Figure key under which the plan step records a Connect workload's workers' groups. */
    static String workersKey(String workload) {
        return "workers." + workload;
    }

    /** Whether the plan step records the written topics of a move of this kind (found on the source). */
    private static boolean recordsWrites(WorkloadMove.Kind kind) {
        return kind == WorkloadMove.Kind.PROCESSOR || kind == WorkloadMove.Kind.CONNECT;
    }

    static List<WorkloadMove> resolve(Workspace ws, Wave wave, SourceView source) {
        List<WorkloadMove> moves = new ArrayList<>();
        for (String name : wave.workloads()) {
            Workload w = ws.workloads().workloads().stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new CutoverException(
                            Reason.CONFIG_INVALID,
                            "wave " + wave.name() + " moves '" + name + "', which workloads.yaml does not describe",
                            "add it to workloads.yaml (with its switch:), or move it out of the wave in plan.yaml"));
            List<String> matched = source.groups().stream()
                    .filter(g -> w.match().matchesGroupId(g))
                    .sorted()
                    .toList();
            boolean connect = w.roles().contains(Role.CONNECT);
            List<String> workers = connect
                    ? matched.stream().filter(source.connectGroups()::contains).toList()
                    : List.of();
            List<String> groups =
                    matched.stream().filter(g -> !workers.contains(g)).toList();
            List<String> written = written(w, groups, workers, source.topics());
            moves.add(move(ws, w, groups, workers, written, otherWriters(ws, wave, w, written), dualWrite(wave)));
        }
        return moves;
    }

    /**
     * The topics whose write authority moves with {@code w}: a producer's {@code topics:}; a processor's {@code
     * writes:} and, for a Kafka Streams application, the internal topics of its groups ({@link
     * StatefulTopics#streamsInternal}).
     */
    private static List<String> written(
            Workload w, List<String> groups, List<String> workers, Collection<String> sourceTopics) {
        if (w.roles().contains(Role.CONNECT)) {
            List<String> written = new ArrayList<>(w.writes().orElse(List.of()));
            workers.forEach(g -> written.addAll(StatefulTopics.connectInternal(g, sourceTopics)));
            return written;
        }
        if (!processor(w)) {
            return w.roles().contains(Role.PRODUCER) ? w.topics() : List.of();
        }
        List<String> written = new ArrayList<>(w.writes().orElse(List.of()));
        if (w.roles().contains(Role.STREAMS)) {
            groups.forEach(g -> written.addAll(StatefulTopics.streamsInternal(g, sourceTopics)));
        }
        return written;
    }

    /** Whether {@code w} reads and writes: a Kafka Streams application, or a producer that also consumes. */
    private static boolean processor(Workload w) {
        return w.roles().contains(Role.STREAMS)
                || (w.roles().contains(Role.PRODUCER) && w.roles().contains(Role.CONSUMER));
    }

    /** Workloads outside the wave that also write one of {@code w}'s topics (a producer's topics move with all their writers). */
    private static List<String> otherWriters(Workspace ws, Wave wave, Workload w, List<String> written) {
        return ws.workloads().workloads().stream()
                .filter(o -> !wave.workloads().contains(o.name()))
                .map(o -> Map.entry(
                        o.name(), writes(o).stream().filter(written::contains).toList()))
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + " (" + String.join(",", e.getValue()) + ")")
                .toList();
    }

    /** What a workload of {@code workloads.yaml} writes, as far as it says. */
    private static List<String> writes(Workload o) {
        if (processor(o) || o.roles().contains(Role.CONNECT)) {
            return o.writes().orElse(List.of());
        }
        return o.roles().contains(Role.PRODUCER) ? o.topics() : List.of();
    }

    /** As recorded by the attempt's plan step (resume and rollback use the groups found when the wave began). */
    static List<WorkloadMove> recorded(Workspace ws, Wave wave, Map<String, String> planFigures) {
        List<WorkloadMove> moves = new ArrayList<>();
        for (WorkloadMove m : resolve(ws, wave, SourceView.NONE)) {
            List<String> groups = list(planFigures.getOrDefault(groupsKey(m.name()), ""));
            List<String> written =
                    recordsWrites(m.kind()) ? list(planFigures.getOrDefault(writesKey(m.name()), "")) : m.written();
            List<String> workers = list(planFigures.getOrDefault(workersKey(m.name()), ""));
            moves.add(move(ws, m.workload(), groups, workers, written, List.of(), dualWrite(wave)));
        }
        return moves;
    }

    private static List<String> list(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    private static boolean dualWrite(Wave wave) {
        return wave.pattern() == dev.cutover.readiness.plan.CutoverPattern.DUAL_WRITE;
    }

    private static WorkloadMove move(
            Workspace ws,
            Workload w,
            List<String> groups,
            List<String> workers,
            List<String> written,
            List<String> otherWriters,
            boolean dualWrite) {
        OffsetDecision offsets = w.offsets().orElse(OffsetDecision.TRANSLATE);
        Optional<String> blocked = Optional.empty();
        WorkloadMove.Kind kind = WorkloadMove.Kind.CONSUMER;
        if (w.roles().contains(Role.CONNECT)) {
            kind = WorkloadMove.Kind.CONNECT;
            blocked = ConnectWorkers.blocked(ws, w, workers, written, otherWriters, dualWrite, offsets);
        } else if (processor(w)) {
            kind = WorkloadMove.Kind.PROCESSOR;
            blocked = processorBlocked(w, groups, otherWriters, dualWrite, offsets);
        } else if (w.roles().contains(Role.PRODUCER)) {
            kind = WorkloadMove.Kind.PRODUCER;
            if (w.topics().isEmpty()) {
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
        return new WorkloadMove(w, kind, groups, offsets, blocked, dualWrite, written, workers);
    }

    private static Optional<String> processorBlocked(
            Workload w, List<String> groups, List<String> otherWriters, boolean dualWrite, OffsetDecision offsets) {
        String what = w.roles().contains(Role.STREAMS) ? "a Kafka Streams application" : "it reads and writes";
        if (w.writes().isEmpty()) {
            return Optional.of(what + ": writes: in workloads.yaml must say which of its topics it writes (writes: []"
                    + " when none; a Streams application's internal topics are found on the source), so that their"
                    + " write authority moves with it");
        }
        if (groups.isEmpty()) {
            return Optional.of("no consumer group on the source matches its match.groupId "
                    + w.match().groupIds()
                    + (w.roles().contains(Role.STREAMS) ? " (a Streams application's group is its application.id)" : "")
                    + ": nothing to move, nothing to check");
        }
        if (offsets != OffsetDecision.TRANSLATE) {
            return Optional.of(what + ": its positions move exactly (offsets: translate), since what it read and"
                    + " what it wrote move together; offsets: " + offsets.yamlName() + " would replay or skip its"
                    + " input against its state and outputs");
        }
        if (dualWrite) {
            return Optional.of(what + ": it cannot move in a dual-write wave (the link copies what it reads and"
                    + " writes); move it in a wave of its own");
        }
        if (!otherWriters.isEmpty()) {
            return Optional.of("a topic's writers move in one wave, and " + String.join(", ", otherWriters)
                    + " also write(s) its topics from outside this wave");
        }
        if (w.switchSpec().isEmpty()) {
            return Optional.of("no switch: in workloads.yaml says how to stop and start it");
        }
        return Optional.empty();
    }

    /** Every topic on the source (the internal ones of Kafka Streams applications among them). */
    static List<String> sourceTopics(ClusterConnection source) {
        return source
                .await(
                        source.admin()
                                .listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(false))
                                .names(),
                        "list the topics")
                .stream()
                .sorted()
                .toList();
    }

    /** Every group on the source (any protocol: a workload's match.groupId decides which are its own). */
    static List<String> sourceGroups(ClusterConnection source) {
        return source.await(source.admin().listGroups(new ListGroupsOptions()).all(), "list the groups").stream()
                .map(GroupListing::groupId)
                .sorted()
                .toList();
    }
}
