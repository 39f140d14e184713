package dev.cutover.readiness.plan;

import dev.cutover.config.DuplicateTolerance;
import dev.cutover.inventory.workloads.Liveness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The estate as producer → topic → consumer: every client that moves (owned workloads and unowned discovered
 * clients) with the topics it reads and writes. Kafka Streams applications and transactional read-process-write
 * applications are nodes with edges in (their input) and out (their output). Built by {@link Planner#graph}; the
 * rules are in {@code docs/plan.md}.
 *
 * @param nodes by name
 */
public record DependencyGraph(List<Node> nodes) {
    public DependencyGraph {
        nodes = nodes.stream()
                .sorted(java.util.Comparator.comparing(Node::name))
                .toList();
    }

    /**
     * One client that moves.
     *
     * @param name the workload name, or {@code KIND:ID} for an unowned discovered client (e.g. {@code
     *     group:clickstream-analytics})
     * @param owned whether {@code workloads.yaml} names it
     * @param owner its owner, for owned ones
     * @param reads topics it reads (committed offsets and assignments of its groups; declared topics of consumers)
     * @param writes topics it writes (declared topics of producers; partitions of its transactions)
     * @param stateTopics Kafka Streams internal topics (changelog, repartition) that only it uses
     * @param transactionalIds the transactional ids it uses, as the cluster shows them or the manifest names them
     * @param streams a Kafka Streams application
     * @param connect Kafka Connect workers
     * @param tolerance how it copes with duplicates ({@code none} for unowned ones: nobody said otherwise)
     * @param sideEffects its downstream side effects, when the manifest names real ones
     * @param rollbackOwner who decides on rollback, for owned ones
     * @param liveness whether it was seen on the cluster
     * @param committedOffsets whether one of its groups has committed offsets
     * @param notes facts the builder had to assume, one sentence each
     */
    public record Node(
            String name,
            boolean owned,
            Optional<String> owner,
            SortedSet<String> reads,
            SortedSet<String> writes,
            SortedSet<String> stateTopics,
            SortedSet<String> transactionalIds,
            boolean streams,
            boolean connect,
            DuplicateTolerance tolerance,
            Optional<String> sideEffects,
            Optional<String> rollbackOwner,
            Liveness liveness,
            boolean committedOffsets,
            List<String> notes) {
        public Node {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(owner, "owner");
            reads = Collections.unmodifiableSortedSet(new TreeSet<>(reads));
            writes = Collections.unmodifiableSortedSet(new TreeSet<>(writes));
            stateTopics = Collections.unmodifiableSortedSet(new TreeSet<>(stateTopics));
            transactionalIds = Collections.unmodifiableSortedSet(new TreeSet<>(transactionalIds));
            Objects.requireNonNull(tolerance, "tolerance");
            Objects.requireNonNull(sideEffects, "sideEffects");
            Objects.requireNonNull(rollbackOwner, "rollbackOwner");
            Objects.requireNonNull(liveness, "liveness");
            notes = List.copyOf(notes);
        }

        public boolean transactional() {
            return !transactionalIds.isEmpty();
        }

        /** Reads and writes: a Streams app, a read-process-write app, or a consumer that forwards. */
        public boolean processor() {
            return !reads.isEmpty() && !writes.isEmpty();
        }

        public boolean writer() {
            return !writes.isEmpty();
        }
    }

    /** One producer → topic → consumer edge; {@code producer} or {@code consumer} is empty when none is known. */
    public record Edge(Optional<String> producer, String topic, Optional<String> consumer) {
        @Override
        public String toString() {
            return producer.orElse("?") + " → " + topic + " → " + consumer.orElse("?");
        }
    }

    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Every topic some node reads or writes, sorted. */
    public SortedSet<String> topics() {
        SortedSet<String> topics = new TreeSet<>();
        nodes.forEach(n -> {
            topics.addAll(n.reads());
            topics.addAll(n.writes());
        });
        return topics;
    }

    /** The names of the nodes that write {@code topic}, sorted. */
    public List<String> writersOf(String topic) {
        return nodes.stream()
                .filter(n -> n.writes().contains(topic))
                .map(Node::name)
                .toList();
    }

    /** The names of the nodes that read {@code topic}, sorted. */
    public List<String> readersOf(String topic) {
        return nodes.stream()
                .filter(n -> n.reads().contains(topic))
                .map(Node::name)
                .toList();
    }

    /** Every producer → topic → consumer edge, by topic; a topic without known writers or readers shows "?". */
    public List<Edge> edges() {
        List<Edge> edges = new ArrayList<>();
        for (String topic : topics()) {
            List<Optional<String>> writers = optionals(writersOf(topic));
            List<Optional<String>> readers = optionals(readersOf(topic));
            for (Optional<String> w : writers) {
                for (Optional<String> r : readers) {
                    edges.add(new Edge(w, topic, r));
                }
            }
        }
        return List.copyOf(edges);
    }

    private static List<Optional<String>> optionals(List<String> names) {
        return names.isEmpty()
                ? List.of(Optional.empty())
                : names.stream().map(Optional::of).toList();
    }
}
