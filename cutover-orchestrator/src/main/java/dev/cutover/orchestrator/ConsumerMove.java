package dev.cutover.orchestrator;

import dev.cutover.link.groups.GroupSync;
import dev.cutover.link.groups.SyncOptions;
import dev.cutover.orchestrator.StepRunner.Done;
import dev.cutover.orchestrator.WaveClusters.Side;
import dev.cutover.orchestrator.switching.SwitchContext;
import dev.cutover.orchestrator.switching.SwitchOutcome;
import dev.cutover.orchestrator.switching.Switcher;
import dev.cutover.orchestrator.watch.GroupWatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consumer's move to the target, as journaled steps: stop it on the source, wait until its groups are empty there,
 * apply its offsets decision on the target (exact translation through the link's map by default: this waits until the
 * link covers the committed offsets), start it on the target, wait for its members, observe it, confirm.
 */
final class ConsumerMove {
    private final WaveContext wave;
    private final WorkloadMove move;
    private final Optional<String> subject;

    ConsumerMove(WaveContext wave, WorkloadMove move) {
        this.wave = wave;
        this.move = move;
        this.subject = Optional.of(move.name());
    }

    void run() {
        StepRunner steps = wave.steps();
        Switcher switcher = wave.switcher(move.workload());
        steps.run(subject, Steps.STOP_SOURCE, resumed -> switchStep(wave, move, switcher, Side.SOURCE, false, resumed));
        steps.run(
                subject,
                Steps.AWAIT_EMPTY_SOURCE,
                resumed -> Observation.withBaseline(wave, move, awaitEmpty(wave, move, Side.SOURCE)));
        steps.run(subject, Steps.OFFSETS, resumed -> new GroupPositions(wave, move).applyForward());
        steps.run(subject, Steps.START_TARGET, resumed -> switchStep(wave, move, switcher, Side.TARGET, true, resumed));
        steps.run(subject, Steps.AWAIT_MEMBERS_TARGET, resumed -> awaitMembers(wave, move, Side.TARGET));
        steps.run(subject, Steps.OBSERVE, resumed -> new Observation(wave, move).watch(resumed));
        steps.run(
                subject,
                Steps.CONFIRM,
                resumed -> confirmed(
                        wave, move, Steps.STOP_SOURCE, Steps.AWAIT_MEMBERS_TARGET, Steps.OFFSETS, "target", "unknown"));
    }

    /** Stops or starts the client through its switcher; a manual switcher pauses the wave until resumed. */
    static Done switchStep(
            WaveContext wave, WorkloadMove move, Switcher switcher, Side side, boolean start, boolean resumed)
            throws InterruptedException {
        if (resumed) {
            return Done.of("the operator " + (start ? "started" : "stopped") + " it (wave resumed); checked next");
        }
        Path state = wave.switchState(move.name());
        SwitchContext context = new SwitchContext(
                move.name(),
                wave.name(),
                wave.clusters().profile(side),
                wave.workspace().dir(),
                state);
        SwitchOutcome outcome = start ? switcher.start(context) : switcher.stop(context);
        if (!outcome.done()) {
            return Done.waiting(outcome.summary());
        }
        Map<String, String> figures = new LinkedHashMap<>(outcome.details());
        figures.put("cluster", side.profileName());
        return Done.of(outcome.summary(), figures);
    }

    static Done awaitEmpty(WaveContext wave, WorkloadMove move, Side side) throws InterruptedException {
        GroupWatch watch = wave.clusters().watch(side);
        for (String group : move.allGroups()) {
            watch.awaitEmpty(group, wave.options().stopTimeout(), members -> wave.progress()
                    .accept("[" + wave.name() + "] " + move.name() + ": waiting for " + group + " to empty on the "
                            + side.profileName() + ": " + members.size() + " member(s) left"));
        }
        return Done.of(
                "group(s) " + String.join(", ", move.allGroups()) + " empty on the " + side.profileName(),
                Map.of("emptyAt", Instant.now().toString()));
    }

    static Done awaitMembers(WaveContext wave, WorkloadMove move, Side side) throws InterruptedException {
        GroupWatch watch = wave.clusters().watch(side);
        Map<String, String> figures = new LinkedHashMap<>();
        for (String group : move.allGroups()) {
            var members = watch.awaitMembers(group, 1, wave.options().startTimeout());
            figures.put("members." + group, Integer.toString(members.size()));
        }
        figures.put("joinedAt", Instant.now().toString());
        return Done.of(
                "group(s) " + String.join(", ", move.allGroups()) + " have members on the " + side.profileName(),
                figures);
    }

    /**
     * The confirmation of a move either way: the pause from {@code stoppedStep} beginning to the members counted by
     * {@code joinedStep}, and the records replayed and skipped as {@code offsetsStep} recorded them ({@code uncounted}
     * when it did not run).
     */
    static Done confirmed(
            WaveContext wave,
            WorkloadMove move,
            String stoppedStep,
            String joinedStep,
            String offsetsStep,
            String runsOn,
            String uncounted) {
        Optional<String> subject = Optional.of(move.name());
        Instant stopped = wave.steps().began(subject, stoppedStep).orElseThrow();
        Instant joined = Instant.parse(wave.steps()
                .figures(subject, joinedStep)
                .map(f -> f.get("joinedAt"))
                .orElseThrow());
        long pause = java.time.Duration.between(stopped, joined).toMillis();
        Map<String, String> offsets = wave.steps().figures(subject, offsetsStep).orElse(Map.of());
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("pauseMs", Long.toString(pause));
        figures.put("replayed", offsets.getOrDefault("replayed", uncounted));
        figures.put("skipped", offsets.getOrDefault("skipped", uncounted));
        figures.put("runsOn", runsOn);
        return Done.of(
                move.name() + " runs on the " + runsOn + "; pause " + pause + " ms (" + stoppedStep + " began → "
                        + joinedStep + ")",
                figures);
    }

    /** Refused groups, as a failure naming each with its reason. */
    static void requireCommitted(List<GroupSync> results) {
        List<String> refused = results.stream()
                .filter(r -> r instanceof GroupSync.Refused)
                .map(r -> {
                    GroupSync.Refused x = (GroupSync.Refused) r;
                    return x.group() + ": " + x.refusal() + " — " + x.message();
                })
                .toList();
        if (!refused.isEmpty()) {
            Map<String, String> figures = new java.util.LinkedHashMap<>();
            results.stream()
                    .filter(r -> r instanceof GroupSync.Refused)
                    .forEach(r -> figures.put(
                            "refused." + r.group(),
                            ((GroupSync.Refused) r).refusal().name()));
            throw new StepFailure(
                    "offsets not moved: " + String.join("; ", refused),
                    "fix the cause, then `cutover wave resume`; or `cutover wave rollback`",
                    figures);
        }
    }

    static SyncOptions sync(WaveContext wave, dev.cutover.offsets.Direction direction) {
        return SyncOptions.defaults()
                .withDirection(direction)
                .withWaitTimeout(wave.options().coverageTimeout());
    }
}
