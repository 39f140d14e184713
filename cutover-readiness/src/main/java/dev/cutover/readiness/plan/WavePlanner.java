package dev.cutover.readiness.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Waves from the dependency graph and the risks. Rules (documented in {@code docs/plan.md}, "Wave rules" and
 * "Pattern rules"):
 *
 * <ol>
 *   <li>Coupled clients form one unit that moves in one step: all writers of a topic (a topic has one write authority
 *       at a time: the link cannot copy into a topic that clients on the target also write), and clients whose
 *       "readers before writers" order is a cycle.
 *   <li>A unit that writes a topic moves only after every reader of that topic has moved (consumers before producers
 *       while the source is the write authority), so no computed wave needs a reverse link.
 *   <li>Among the units free to move, the lowest risk goes first; at equal risk, units that only read before units
 *       that write, owned before unowned, then by name.
 *   <li>A wave is every free unit with the same risk, reader/writer kind, ownership and pattern as the first.
 * </ol>
 */
final class WavePlanner {
    private final DependencyGraph graph;
    private final Map<String, Risk> risks;

    private WavePlanner(DependencyGraph graph, Map<String, Risk> risks) {
        this.graph = graph;
        this.risks = risks;
    }

    static List<Wave> plan(DependencyGraph graph, Map<String, Risk> risks) {
        return new WavePlanner(graph, risks).waves();
    }

    /** Clients that move in one step, and why they are coupled. */
    record Unit(List<String> members, List<String> coupling) {}

    /** A unit's pattern at the moment it moves. */
    record Choice(CutoverPattern pattern, String reason) {}

    private List<Wave> waves() {
        List<Unit> remaining = new ArrayList<>(units());
        Set<String> moved = new HashSet<>();
        List<Wave> waves = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<Unit> free = remaining.stream().filter(u -> free(u, moved)).toList();
            if (free.isEmpty()) {
                free = List.copyOf(remaining); // cannot happen: units() merges every cycle
            }
            Map<Unit, Choice> choices = new LinkedHashMap<>();
            free.forEach(u -> choices.put(u, choose(u, moved)));
            Comparator<Unit> priority = Comparator.comparing(this::risk)
                    .thenComparing(this::writes)
                    .thenComparing(this::unowned)
                    .thenComparing(u -> u.members().get(0));
            List<Unit> sorted = free.stream().sorted(priority).toList();
            Unit first = sorted.get(0);
            List<Unit> wave = sorted.stream()
                    .filter(u -> risk(u) == risk(first)
                            && writes(u) == writes(first)
                            && unowned(u) == unowned(first)
                            && choices.get(u).pattern() == choices.get(first).pattern())
                    .toList();
            List<String> members =
                    wave.stream().flatMap(u -> u.members().stream()).toList();
            String reason = wave.size() == 1
                    ? choices.get(first).reason()
                    : !writes(first)
                            ? choose(new Unit(members, List.of()), moved).reason()
                            : String.join(
                                    "; ",
                                    wave.stream()
                                            .map(u -> String.join(", ", u.members()) + ": "
                                                    + choices.get(u).reason())
                                            .toList());
            waves.add(new Wave(
                    "wave-" + (waves.size() + 1),
                    waves.size() + 1,
                    choices.get(first).pattern(),
                    reason,
                    members,
                    owner(members)));
            moved.addAll(members);
            remaining.removeAll(wave);
        }
        return List.copyOf(waves);
    }

    /** Units: co-writers of a topic joined, then every cycle of the readers-before-writers order joined. */
    List<Unit> units() {
        Map<String, String> parent = new TreeMap<>();
        graph.nodes().forEach(n -> parent.put(n.name(), n.name()));
        Map<String, List<String>> why = new HashMap<>();
        for (String topic : graph.topics()) {
            List<String> writers = graph.writersOf(topic);
            for (int i = 1; i < writers.size(); i++) {
                union(parent, writers.get(0), writers.get(i));
            }
            if (writers.size() > 1) {
                why.computeIfAbsent(find(parent, writers.get(0)), k -> new ArrayList<>())
                        .add(String.join(" and ", writers) + " all write " + topic
                                + " (a topic has one write authority at a time)");
            }
        }
        // Readers-before-writers edges between the current groups; a cycle joins its groups.
        boolean merged = true;
        while (merged) {
            merged = false;
            Map<String, Set<String>> before = precedence(parent);
            for (List<String> cycle : Cycles.find(before)) {
                for (int i = 1; i < cycle.size(); i++) {
                    union(parent, cycle.get(0), cycle.get(i));
                }
                why.computeIfAbsent(find(parent, cycle.get(0)), k -> new ArrayList<>())
                        .add(String.join(", ", cycle) + " read what each other writes (a cycle): neither can move"
                                + " before the other");
                merged = true;
            }
        }
        Map<String, List<String>> groups = new TreeMap<>();
        parent.keySet().forEach(n -> groups.computeIfAbsent(find(parent, n), k -> new ArrayList<>())
                .add(n));
        List<Unit> units = new ArrayList<>();
        groups.forEach((root, members) -> {
            List<String> coupling = new ArrayList<>();
            members.forEach(m -> coupling.addAll(why.getOrDefault(m, List.of())));
            units.add(new Unit(members.stream().sorted().toList(), coupling));
        });
        units.sort(Comparator.comparing(u -> u.members().get(0)));
        return units;
    }

    /** Group root → the group roots that must move after it (they write what it reads). */
    private Map<String, Set<String>> precedence(Map<String, String> parent) {
        Map<String, Set<String>> after = new TreeMap<>();
        parent.keySet().forEach(n -> after.putIfAbsent(find(parent, n), new TreeSet<>()));
        for (DependencyGraph.Node reader : graph.nodes()) {
            for (String topic : reader.reads()) {
                for (String writer : graph.writersOf(topic)) {
                    String r = find(parent, reader.name());
                    String w = find(parent, writer);
                    if (!r.equals(w)) {
                        after.get(r).add(w);
                    }
                }
            }
        }
        return after;
    }

    private boolean free(Unit u, Set<String> moved) {
        for (String topic : topics(u, DependencyGraph.Node::writes)) {
            for (String reader : graph.readersOf(topic)) {
                if (!moved.contains(reader) && !u.members().contains(reader)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The pattern for a unit that moves now, after {@code moved}; rules in {@code docs/plan.md}. */
    Choice choose(Unit u, Set<String> moved) {
        SortedSet<String> reads = topics(u, DependencyGraph.Node::reads);
        SortedSet<String> writes = topics(u, DependencyGraph.Node::writes);
        reads.removeAll(writes);
        SortedSet<String> inputWritersOnSource = new TreeSet<>();
        SortedSet<String> inputsWithoutWriter = new TreeSet<>();
        for (String t : reads) {
            List<String> writers = graph.writersOf(t).stream()
                    .filter(w -> !u.members().contains(w))
                    .toList();
            if (writers.isEmpty()) {
                inputsWithoutWriter.add(t);
            }
            writers.stream().filter(w -> !moved.contains(w)).forEach(inputWritersOnSource::add);
        }
        SortedSet<String> outputReadersOnSource = new TreeSet<>();
        SortedSet<String> outputReaders = new TreeSet<>();
        for (String t : writes) {
            graph.readersOf(t).stream().filter(r -> !u.members().contains(r)).forEach(r -> {
                outputReaders.add(r);
                if (!moved.contains(r)) {
                    outputReadersOnSource.add(r);
                }
            });
        }
        boolean inputsOnSource = !inputWritersOnSource.isEmpty() || !inputsWithoutWriter.isEmpty();
        String sourceSide = inputWritersOnSource.isEmpty()
                ? "whose writers are not known and are assumed to stay on the source"
                : "written on the source by " + list(inputWritersOnSource);
        String it = u.members().size() > 1 ? "they" : "it";
        if (writes.isEmpty()) {
            if (reads.isEmpty()) {
                return new Choice(
                        CutoverPattern.ENDPOINT_SWITCH,
                        "no known topic is read or written: only endpoints and credentials change");
            }
            if (inputsOnSource) {
                return new Choice(
                        CutoverPattern.CONSUMER_FIRST,
                        "only " + (it.equals("it") ? "reads " : "read ") + list(reads) + ", " + sourceSide + ": "
                                + it + (it.equals("it") ? " reads" : " read")
                                + " the link's copy on the target while the source stays the write"
                                + " authority");
            }
            return new Choice(
                    CutoverPattern.ENDPOINT_SWITCH,
                    "only " + (it.equals("it") ? "reads " : "read ") + list(reads) + ", and every writer of it"
                            + " already writes on the target: "
                            + (it.equals("it") ? "it switches its endpoint" : "they switch their endpoints")
                            + " in one step");
        }
        if (!outputReadersOnSource.isEmpty()) {
            return new Choice(
                    CutoverPattern.PRODUCER_FIRST,
                    "writes " + list(writes) + " while " + list(outputReadersOnSource)
                            + " still read it on the source: a reverse link must carry it back until they move");
        }
        String readersSide = outputReaders.isEmpty()
                ? "nothing known reads " + list(writes)
                : "every reader of " + list(writes) + " (" + list(outputReaders) + ") already reads on the target";
        if (u.members().size() > 1) {
            return new Choice(
                    CutoverPattern.LINKED,
                    String.join("; ", u.coupling()) + ": they move together in one step"
                            + (reads.isEmpty() ? "" : " while the link keeps " + list(reads) + " in sync")
                            + "; " + readersSide);
        }
        DependencyGraph.Node n = graph.node(u.members().get(0)).orElseThrow();
        if (!reads.isEmpty() && inputsOnSource) {
            return new Choice(
                    CutoverPattern.LINKED,
                    "reads " + list(reads) + " and writes " + list(writes) + " in one process" + processKind(n)
                            + ": it moves in one step while the link keeps " + list(reads) + " in sync ("
                            + sourceSide.replaceFirst("^whose", "its") + "), and the write authority of " + list(writes)
                            + " moves with it; "
                            + readersSide);
        }
        return new Choice(
                CutoverPattern.ENDPOINT_SWITCH,
                "writes " + list(writes) + processKind(n) + "; " + readersSide
                        + ": its writes move in one step and the forward link of " + list(writes) + " stops");
    }

    private static String processKind(DependencyGraph.Node n) {
        List<String> parts = new ArrayList<>();
        if (n.streams()) {
            parts.add("Kafka Streams"
                    + (n.stateTopics().isEmpty() ? "" : ", state in " + String.join(", ", n.stateTopics())));
        }
        if (n.transactional()) {
            parts.add("transactional id " + String.join(", ", n.transactionalIds())
                    + (n.processor() ? ", input offsets committed in the transaction" : ""));
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    private SortedSet<String> topics(
            Unit u, java.util.function.Function<DependencyGraph.Node, Collection<String>> which) {
        SortedSet<String> topics = new TreeSet<>();
        u.members().forEach(m -> graph.node(m).ifPresent(n -> topics.addAll(which.apply(n))));
        return topics;
    }

    private RiskClass risk(Unit u) {
        return u.members().stream()
                .map(m -> risks.get(m).level())
                .max(Comparator.naturalOrder())
                .orElse(RiskClass.LOW);
    }

    private boolean writes(Unit u) {
        return !topics(u, DependencyGraph.Node::writes).isEmpty();
    }

    private boolean unowned(Unit u) {
        return u.members().stream()
                .anyMatch(m -> graph.node(m).map(n -> !n.owned()).orElse(true));
    }

    /** The owner shared by every member, if there is exactly one. */
    private Optional<String> owner(List<String> members) {
        Set<Optional<String>> owners = new HashSet<>();
        members.forEach(m -> owners.add(graph.node(m).flatMap(DependencyGraph.Node::owner)));
        return owners.size() == 1 ? owners.iterator().next() : Optional.empty();
    }

    private static String list(Collection<String> names) {
        return String.join(", ", names);
    }

    private static String find(Map<String, String> parent, String n) {
        String root = n;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the smaller name becomes the root, so the result does not depend on the order of unions
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
