package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
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
        steps.run(subject, Steps.STOP_SOURCE, resumed -> switchStep(switcher, Side.SOURCE, false, resumed));
        steps.run(
                subject,
                Steps.AWAIT_EMPTY_SOURCE,
                resumed -> Observation.withBaseline(wave, move, awaitEmpty(Side.SOURCE)));
        steps.run(subject, Steps.OFFSETS, resumed -> new GroupPositions(wave, move).applyForward());
        steps.run(subject, Steps.START_TARGET, resumed -> switchStep(switcher, Side.TARGET, true, resumed));
        steps.run(subject, Steps.AWAIT_MEMBERS_TARGET, resumed -> awaitMembers(Side.TARGET));
        steps.run(subject, Steps.OBSERVE, resumed -> new Observation(wave, move).watch(resumed));
        steps.run(subject, Steps.CONFIRM, resumed -> confirm());
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

    private Done switchStep(Switcher switcher, Side side, boolean start, boolean resumed) throws InterruptedException {
        return switchStep(wave, move, switcher, side, start, resumed);
    }

    private Done awaitEmpty(Side side) throws InterruptedException {
        return awaitEmpty(wave, move, side);
    }

    static Done awaitEmpty(WaveContext wave, WorkloadMove move, Side side) throws InterruptedException {
        GroupWatch watch = wave.clusters().watch(side);
        for (String group : move.groups()) {
            watch.awaitEmpty(group, wave.options().stopTimeout(), members -> wave.progress()
                    .accept("[" + wave.name() + "] " + move.name() + ": waiting for " + group + " to empty on the "
                            + side.profileName() + ": " + members.size() + " member(s) left"));
        }
        return Done.of(
                "group(s) " + String.join(", ", move.groups()) + " empty on the " + side.profileName(),
                Map.of("emptyAt", Instant.now().toString()));
    }

    private Done awaitMembers(Side side) throws InterruptedException {
        return awaitMembers(wave, move, side);
    }

    static Done awaitMembers(WaveContext wave, WorkloadMove move, Side side) throws InterruptedException {
        GroupWatch watch = wave.clusters().watch(side);
        Map<String, String> figures = new LinkedHashMap<>();
        for (String group : move.groups()) {
            var members = watch.awaitMembers(group, 1, wave.options().startTimeout());
            figures.put("members." + group, Integer.toString(members.size()));
        }
        figures.put("joinedAt", Instant.now().toString());
        return Done.of(
                "group(s) " + String.join(", ", move.groups()) + " have members on the " + side.profileName(), figures);
    }

    private Done confirm() {
        Map<String, String> figures = new LinkedHashMap<>();
        Instant stopped = begin(Steps.STOP_SOURCE);
        Instant joined = Instant.parse(wave.steps()
                .figures(subject, Steps.AWAIT_MEMBERS_TARGET)
                .map(f -> f.get("joinedAt"))
                .orElseThrow());
        long pause = java.time.Duration.between(stopped, joined).toMillis();
        figures.put("pauseMs", Long.toString(pause));
        Map<String, String> offsets =
                wave.steps().figures(subject, Steps.OFFSETS).orElse(Map.of());
        figures.put("replayed", offsets.getOrDefault("replayed", "unknown"));
        figures.put("skipped", offsets.getOrDefault("skipped", "unknown"));
        figures.put("runsOn", "target");
        return Done.of(
                move.name() + " runs on the target; pause " + pause + " ms (stop began → members on the target)",
                figures);
    }

    private Instant begin(String step) {
        return wave.journal().entries().stream()
                .filter(e -> e.run().equals(wave.steps().attempt())
                        && e.subject().equals(move.name())
                        && e.step().equals(step)
                        && e.phase() == dev.cutover.orchestrator.journal.JournalEntry.Phase.BEGIN)
                .map(e -> Instant.parse(e.at()))
                .reduce((a, b) -> b)
                .orElseThrow();
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
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "offsets not moved: " + String.join("; ", refused),
                    "fix the cause, then `cutover wave resume`; or `cutover wave rollback`");
        }
    }

    static SyncOptions sync(WaveContext wave, dev.cutover.offsets.Direction direction) {
        return SyncOptions.defaults()
                .withDirection(direction)
                .withWaitTimeout(wave.options().coverageTimeout());
    }
}
