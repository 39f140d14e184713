package dev.cutover.orchestrator;

import dev.cutover.config.OffsetDecision;
import dev.cutover.config.Workload;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one workload of a wave moves: what kind of move, which groups (found on the source at the start of the run),
 * which offsets decision, and why a move cannot be made when it cannot.
 *
 * @param workload the workload from {@code workloads.yaml}
 * @param kind the move its roles call for
 * @param groups the consumer groups on the source that its {@code match.groupId} matches, sorted
 * @param offsets the offsets decision applied on the target ({@code translate} when {@code workloads.yaml} names none)
 * @param blocked why this workload cannot be moved by this version of cutover, if so
 * @param dualWrite whether it moves in a dual-write wave (its topics are written to both clusters, no link copies them)
 * @param written the topics whose write authority moves with it, sorted: a producer's {@code topics:}; a processor's
 *     {@code writes:} and, for a Kafka Streams application, its internal topics found on the source; for Kafka Connect
 *     workers, their {@code writes:} (what their source connectors write) and their internal topics
 * @param workers for Kafka Connect: the workers' groups (protocol {@code connect}, no offsets), sorted; {@code groups}
 *     then holds their sink connectors' consumer groups
 */
public record WorkloadMove(
        Workload workload,
        Kind kind,
        List<String> groups,
        OffsetDecision offsets,
        Optional<String> blocked,
        boolean dualWrite,
        List<String> written,
        List<String> workers) {
    public WorkloadMove {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(kind, "kind");
        groups = List.copyOf(groups);
        written = written.stream().sorted().distinct().toList();
        workers = workers.stream().sorted().distinct().toList();
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(blocked, "blocked");
    }

    /** What a move does for a workload. */
    public enum Kind {
        /** Only reads: stop, move the group's position exactly, start on the target. */
        CONSUMER,
        /** Writes: the write authority of its topics moves (forward copy drained, reverse copy started). */
        PRODUCER,
        /**
         * Reads and writes (a Kafka Streams application, a read-process-write application): its groups' positions and
         * the write authority of what it writes (a Streams application's changelog and repartition topics included)
         * move together.
         */
        PROCESSOR,
        /**
         * Kafka Connect workers: a processor whose connectors are paused before it stops and resumed once it runs on
         * the target, whose internal topics (configs, offsets, status) move with its source connectors' topics, and
         * whose sink connectors' groups move exactly.
         */
        CONNECT
    }

    public String name() {
        return workload.name();
    }

    /** Every group that leaves the source and joins the target with it: its consumer groups and its workers' groups. */
    public List<String> allGroups() {
        List<String> all = new java.util.ArrayList<>(groups);
        all.addAll(workers);
        return List.copyOf(all);
    }

    /** The steps a forward move runs, in order, as the journal names them. */
    public List<String> steps() {
        if (kind == Kind.PRODUCER) {
            return dualWrite ? Steps.DUAL_WRITE_PRODUCER : Steps.PRODUCER;
        }
        if (kind == Kind.PROCESSOR) {
            return Steps.PROCESSOR;
        }
        if (kind == Kind.CONNECT) {
            return Steps.CONNECT;
        }
        return Steps.CONSUMER;
    }
}
