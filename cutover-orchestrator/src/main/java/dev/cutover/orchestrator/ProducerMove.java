package dev.cutover.orchestrator;

import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.WaveClusters.Side;
import dev.cutover.orchestrator.switching.Switcher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A producer's move to the target, as journaled steps: the write authority of its topics moves with it ({@link
 * WriteAuthority}). Stop it on the source; wait until its topics are quiet there; drain the link's forward copy of them
 * (or, dual-writing, retire its writes to the source); start the producer on the target; wait until the reverse copy
 * runs; observe (no other writer on the source); confirm.
 */
final class ProducerMove {
    private final WaveContext wave;
    private final WorkloadMove move;
    private final Optional<String> subject;

    ProducerMove(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
        this.subject = Optional.of(move.name());
    }

    void run() {
        StepRunner steps = wave.steps();
        Switcher switcher = wave.switcher(move.workload());
        WriteAuthority writes = new WriteAuthority(wave, move);
        steps.run(
                subject,
                Steps.STOP_SOURCE,
                resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.SOURCE, false, resumed));
        steps.run(subject, Steps.AWAIT_QUIET_SOURCE, resumed -> writes.awaitQuiet());
        if (move.dualWrite()) {
            steps.run(subject, Steps.RETIRE_SOURCE, resumed -> writes.retireSource());
        } else {
            steps.run(subject, Steps.DRAIN_FORWARD, resumed -> writes.drainForward());
        }
        // the reverse copy starts at the exact target offsets the drain answered, whenever it starts: the producer
        // need not wait for it, and what it writes meanwhile is copied back once it runs
        steps.run(
                subject,
                Steps.START_TARGET,
                resumed -> ConsumerMove.switchStep(wave, move, switcher, Side.TARGET, true, resumed));
        steps.run(subject, Steps.START_REVERSE, resumed -> writes.awaitReverse());
        steps.run(subject, Steps.OBSERVE, resumed -> writes.observe(resumed));
        steps.run(
                subject,
                Steps.CONFIRM,
                resumed -> confirmed(wave, move, Steps.STOP_SOURCE, Steps.START_TARGET, "target"));
    }

    /**
     * The confirmation of a producer's move either way: the pause from {@code stoppedStep} beginning to {@code
     * startedStep} ending. Records replayed and skipped are not counted for a producer (the forward copy ends exactly
     * where the reverse copy begins; the record-level proof is the comparison of the moved topics, e.g. `verify`).
     */
    static Done confirmed(WaveContext wave, WorkloadMove move, String stoppedStep, String startedStep, String runsOn) {
        Optional<String> subject = Optional.of(move.name());
        Instant stopped = wave.steps().began(subject, stoppedStep).orElseThrow();
        Instant started = wave.steps().began(subject, startedStep).orElseThrow();
        long startMs = Long.parseLong(wave.steps()
                .figures(subject, startedStep)
                .map(f -> f.getOrDefault("durationMs", "0"))
                .orElse("0"));
        long pause = java.time.Duration.between(stopped, started).toMillis() + startMs;
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("pauseMs", Long.toString(pause));
        figures.put("replayed", "n/a (producer)");
        figures.put("skipped", "n/a (producer)");
        figures.put("runsOn", runsOn);
        return Done.of(
                move.name() + " writes on the " + runsOn + "; pause " + pause + " ms (" + stoppedStep + " began → "
                        + startedStep + " ended)",
                figures);
    }
}
