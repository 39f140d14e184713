package dev.cutover.orchestrator;

import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.WaveClusters.Side;
import dev.cutover.orchestrator.switching.Switcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A processor's move (a Kafka Streams application, a read-process-write application, Kafka Connect workers): what it
 * read and what it wrote move together. Kafka Connect workers' connectors are paused first and resumed on the target
 * ({@link ConnectSteps}). Stop it on the source; wait until its groups are empty there and what it writes is quiet (its outputs
 * and, for Streams, its changelog and repartition topics); drain the link's forward copy of those and release them
 * ({@link WriteAuthority}), so that the target holds every record it wrote; move its groups' positions exactly, its
 * repartition topics' through the drained maps; start it on the target, where a Streams application restores its
 * stores from the copied changelogs; wait for its members and for the reverse copy of what it writes; observe; confirm.
 *
 * <p>And back ({@link #rollback}): stop it on the target, its groups empty there and its writes quiet; the reverse
 * copy drains (the source then holds everything it wrote on the target); its positions move back exactly; the forward
 * copy resumes from the source's ends; start it on the source.
 */
final class ProcessorMove {
    private final WaveContext wave;
    private final WorkloadMove move;
    private final Optional<String> subject;

    ProcessorMove(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
        this.subject = Optional.of(move.name());
    }

    private boolean connect() {
        return move.kind() == WorkloadMove.Kind.CONNECT;
    }

    void run() {
        StepRunner steps = wave.steps();
        Switcher switcher = wave.switcher(move.workload());
        WriteAuthority writes = new WriteAuthority(wave, move);
        ConnectSteps connectors = new ConnectSteps(wave, move);
        if (connect()) {
            steps.run(
                    subject, Steps.PAUSE_CONNECTORS, resumed -> connectors.pause(Side.SOURCE, Steps.PAUSE_CONNECTORS));
        }
        steps.run(
                subject,
                Steps.STOP_SOURCE,
                resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.SOURCE, false, resumed));
        steps.run(
                subject,
                Steps.AWAIT_EMPTY_SOURCE,
                resumed -> Observation.withBaseline(wave, move, ConsumerMove.awaitEmpty(wave, move, Side.SOURCE)));
        steps.run(subject, Steps.AWAIT_QUIET_SOURCE, resumed -> writes.awaitQuiet());
        steps.run(subject, Steps.DRAIN_FORWARD, resumed -> writes.drainForward());
        steps.run(subject, Steps.OFFSETS, resumed -> new GroupPositions(wave, move).applyForward());
        steps.run(
                subject,
                Steps.START_TARGET,
                resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.TARGET, true, resumed));
        if (connect()) {
            steps.run(
                    subject,
                    Steps.RESUME_CONNECTORS,
                    resumed -> connectors.resume(Side.TARGET, Steps.PAUSE_CONNECTORS));
        }
        steps.run(subject, Steps.AWAIT_MEMBERS_TARGET, resumed -> ConsumerMove.awaitMembers(wave, move, Side.TARGET));
        steps.run(subject, Steps.START_REVERSE, resumed -> writes.awaitReverse());
        steps.run(subject, Steps.OBSERVE, resumed -> observe(writes, resumed));
        steps.run(
                subject,
                Steps.CONFIRM,
                resumed -> MoveEvidence.confirmWithEvidence(
                        wave,
                        move,
                        ConsumerMove.confirmed(
                                wave,
                                move,
                                connect() ? Steps.PAUSE_CONNECTORS : Steps.STOP_SOURCE,
                                Steps.AWAIT_MEMBERS_TARGET,
                                Steps.OFFSETS,
                                "target",
                                "unknown"),
                        Steps.STOP_SOURCE));
    }

    /** Its groups on the target (members, commits, none left on the source), then other writers of its topics. */
    private Done observe(WriteAuthority writes, boolean resumed) throws Exception {
        Done reading = new Observation(wave, move).watch(resumed);
        if (reading.waiting()) {
            return reading;
        }
        Done writing = writes.observe(resumed);
        if (writing.waiting()) {
            return writing;
        }
        Map<String, String> figures = new LinkedHashMap<>(reading.figures());
        figures.putAll(writing.figures());
        return Done.of(reading.result() + "; " + writing.result(), figures);
    }

    void rollback() {
        StepRunner steps = wave.steps();
        Switcher switcher = wave.switcher(move.workload());
        Rollback reading = new Rollback(wave, move);
        ProducerRollback writing = new ProducerRollback(wave, move);
        ConnectSteps connectors = new ConnectSteps(wave, move);
        boolean onTarget = began(Steps.START_TARGET);
        if (connect() && began(Steps.RESUME_CONNECTORS)) {
            steps.run(
                    subject,
                    Steps.ROLLBACK_PAUSE_CONNECTORS,
                    resumed -> connectors.pause(Side.TARGET, Steps.ROLLBACK_PAUSE_CONNECTORS));
        }
        if (onTarget) {
            steps.run(
                    subject,
                    Steps.ROLLBACK_STOP_TARGET,
                    resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.TARGET, false, resumed));
            steps.run(subject, Steps.ROLLBACK_AWAIT_EMPTY_TARGET, resumed -> reading.awaitEmptyOnTarget());
        }
        boolean released = began(Steps.DRAIN_FORWARD);
        if (released) {
            steps.run(subject, Steps.ROLLBACK_AWAIT_QUIET_TARGET, resumed -> writing.awaitQuietTarget());
            steps.run(subject, Steps.ROLLBACK_DRAIN_REVERSE, resumed -> writing.drainReverse());
        }
        if (began(Steps.OFFSETS)) {
            steps.run(subject, Steps.ROLLBACK_OFFSETS, resumed -> reading.positionsBack());
        }
        if (released) {
            steps.run(subject, Steps.ROLLBACK_RESUME_FORWARD, resumed -> writing.resumeForward());
        }
        steps.run(
                subject,
                Steps.ROLLBACK_START_SOURCE,
                resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.SOURCE, true, resumed));
        if (connect() && began(Steps.PAUSE_CONNECTORS)) {
            String pausedBy =
                    began(Steps.ROLLBACK_PAUSE_CONNECTORS) ? Steps.ROLLBACK_PAUSE_CONNECTORS : Steps.PAUSE_CONNECTORS;
            steps.run(subject, Steps.ROLLBACK_RESUME_CONNECTORS, resumed -> connectors.resume(Side.SOURCE, pausedBy));
        }
        steps.run(
                subject,
                Steps.ROLLBACK_AWAIT_MEMBERS_SOURCE,
                resumed -> ConsumerMove.awaitMembers(wave, move, Side.SOURCE));
        steps.run(
                subject,
                Steps.ROLLBACK_CONFIRM,
                resumed -> ConsumerMove.confirmed(
                        wave,
                        move,
                        began(Steps.ROLLBACK_PAUSE_CONNECTORS)
                                ? Steps.ROLLBACK_PAUSE_CONNECTORS
                                : onTarget ? Steps.ROLLBACK_STOP_TARGET : Steps.ROLLBACK_START_SOURCE,
                        Steps.ROLLBACK_AWAIT_MEMBERS_SOURCE,
                        Steps.ROLLBACK_OFFSETS,
                        "source",
                        "0"));
    }

    private boolean began(String step) {
        return wave.steps().began(subject, step).isPresent();
    }
}
