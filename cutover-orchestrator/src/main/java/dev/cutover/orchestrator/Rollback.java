package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.offsets.Direction;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.WaveClusters.Side;
import dev.cutover.orchestrator.switching.Switcher;
import java.util.Map;
import java.util.Optional;

/**
 * A consumer's way back, as journaled steps: stop it on the target, wait until its groups are empty there, move their
 * positions back to the source exactly (the reverse translation of where they stand on the target), start it on the
 * source and wait for its members. Only what the forward move did is undone: a workload that never started on the
 * target is just started again on the source. With the target down, the steps that need it say what they could not do
 * instead of failing: the group then resumes on the source where it stopped there, and what it processed on the target
 * is read again (not counted).
 */
final class Rollback {
    private final WaveContext wave;
    private final WorkloadMove move;
    private final Optional<String> subject;

    Rollback(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
        this.subject = Optional.of(move.name());
    }

    /** True when the forward move touched this workload at all. */
    boolean moved() {
        return began(Steps.STOP_SOURCE) || began(Steps.PAUSE_CONNECTORS);
    }

    void run() {
        StepRunner steps = wave.steps();
        Switcher switcher = wave.switcher(move.workload());
        boolean onTarget = began(Steps.START_TARGET);
        if (onTarget) {
            steps.run(
                    subject,
                    Steps.ROLLBACK_STOP_TARGET,
                    resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.TARGET, false, resumed));
            steps.run(subject, Steps.ROLLBACK_AWAIT_EMPTY_TARGET, resumed -> awaitEmptyOnTarget());
        }
        if (began(Steps.OFFSETS)) {
            steps.run(subject, Steps.ROLLBACK_OFFSETS, resumed -> positionsBack());
        }
        steps.run(
                subject,
                Steps.ROLLBACK_START_SOURCE,
                resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.SOURCE, true, resumed));
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
                        onTarget ? Steps.ROLLBACK_STOP_TARGET : Steps.ROLLBACK_START_SOURCE,
                        Steps.ROLLBACK_AWAIT_MEMBERS_SOURCE,
                        Steps.ROLLBACK_OFFSETS,
                        "source",
                        "0"));
    }

    Done awaitEmptyOnTarget() throws InterruptedException {
        try {
            wave.clusters().target();
        } catch (CutoverException e) {
            return Done.of(
                    "the target does not answer (" + e.getMessage() + "): cannot check that its group(s) left it",
                    Map.of("checked", "false"));
        }
        return ConsumerMove.awaitEmpty(wave, move, Side.TARGET);
    }

    Done positionsBack() throws InterruptedException {
        try {
            wave.clusters().target();
        } catch (CutoverException e) {
            return Done.of(
                    "the target does not answer (" + e.getMessage() + "): the group(s) resume on the source where they"
                            + " stopped there; what they processed on the target is read again (not counted)",
                    Map.of("replayed", "unknown (target down)", "skipped", "0"));
        }
        if (move.dualWrite() && move.offsets() == dev.cutover.config.OffsetDecision.TRANSLATE) {
            return new ContentPositions(wave, move).place(Side.TARGET, Side.SOURCE);
        }
        return new GroupPositions(wave, move).translate(Direction.REVERSE);
    }

    private boolean began(String step) {
        return wave.steps().began(subject, step).isPresent();
    }
}
