package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Progress;
import dev.cutover.api.Reason;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.WorkspaceLock;
import dev.cutover.orchestrator.switching.Switcher;
import dev.cutover.readiness.plan.Plan;
import dev.cutover.readiness.plan.PlanFile;
import dev.cutover.readiness.plan.Wave;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs, resumes and rolls back a wave of {@code plan.yaml} from the journal (DESIGN decision 6). Each call holds the
 * workspace's {@link WorkspaceLock} for its whole run. Every step is journaled before and after it acts and is
 * idempotent, so a run that ends at any instant (a crash, a kill, a failed step, an operator's pause) is continued by
 * {@link #resume} or undone by {@link #rollback}.
 */
public final class WaveRunner {
    private final Workspace workspace;
    private final Clock clock;
    private final Function<Workload, Switcher> switchers;
    private final Consumer<String> progress;
    private final Progress stepProgress;
    private final Gate gate;

    /** The readiness gate: true when the wave is ready, with the workloads that are not. */
    @FunctionalInterface
    public interface Gate {
        Verdict judge(Workspace workspace, String wave);

        /** The gate's answer. */
        record Verdict(boolean ready, List<String> notReady) {
            public Verdict {
                notReady = List.copyOf(notReady);
            }
        }
    }

    public WaveRunner(
            Workspace workspace,
            Clock clock,
            Function<Workload, Switcher> switchers,
            Gate gate,
            Consumer<String> progress) {
        this(workspace, clock, switchers, gate, progress, Progress.none());
    }

    /**
     * As the other constructor, with each step shown as a task of {@code steps} while it runs (a wait shows that it
     * still waits); {@code progress} gets the lines that say what happened.
     */
    public WaveRunner(
            Workspace workspace,
            Clock clock,
            Function<Workload, Switcher> switchers,
            Gate gate,
            Consumer<String> progress,
            Progress steps) {
        this.stepProgress = steps;
        this.workspace = workspace;
        this.clock = clock;
        this.switchers = switchers;
        this.gate = gate;
        this.progress = progress;
    }

    /** Where a wave stands, from the journal alone. */
    public static WaveState status(Workspace workspace, String wave) {
        return WaveState.of(
                wave, Journal.open(workspace.dir(), Clock.systemUTC()).entries());
    }

    /** Starts a new attempt of the wave: gate, then every workload's move, then the wave's confirmation. */
    @SuppressWarnings("try") // the lock is held for the whole body, never used in it
    public WaveState run(String wave, WaveOptions options) {
        Wave w = wave(wave);
        try (WorkspaceLock lock = WorkspaceLock.acquire(workspace.dir(), "wave run " + wave)) {
            Journal journal = Journal.open(workspace.dir(), clock);
            WaveState before = WaveState.of(wave, journal.entries());
            switch (before.status()) {
                case NOT_STARTED, ROLLED_BACK -> {}
                case CONFIRMED ->
                    throw new CutoverException(
                            Reason.USAGE,
                            "wave " + wave + " is confirmed already: its workloads run on the target",
                            "to move them back, run `cutover wave rollback --wave " + wave + "`");
                default ->
                    throw new CutoverException(
                            Reason.USAGE,
                            "wave " + wave + " has an attempt that has not ended: "
                                    + before.status().text(),
                            "continue it with `cutover wave resume --wave " + wave + "` or undo it with `cutover wave"
                                    + " rollback --wave " + wave + "`");
            }
            try (WaveClusters clusters = new WaveClusters(workspace, link(options))) {
                List<WorkloadMove> moves = WaveMoves.resolve(workspace, w, SourceView.of(clusters.source()));
                List<String> blocked = moves.stream()
                        .filter(m -> m.blocked().isPresent())
                        .map(m -> m.name() + ": " + m.blocked().get())
                        .toList();
                if (!blocked.isEmpty()) {
                    throw new CutoverException(
                            Reason.USAGE,
                            "wave " + wave + " cannot run: " + String.join("; ", blocked),
                            "see docs/waves.md for what a move needs; nothing was changed");
                }
                if (w.pattern() == dev.cutover.readiness.plan.CutoverPattern.DUAL_WRITE) {
                    DualWrite.check(workspace, wave, clusters.link(), moves);
                }
                Gate.Verdict verdict = gate.judge(workspace, wave);
                if (!verdict.ready() && options.force().isEmpty()) {
                    throw new CutoverException(
                            Reason.CHECK_FAILED,
                            "wave " + wave + " is not ready: " + String.join(", ", verdict.notReady())
                                    + " (see `cutover readiness --wave " + wave + "`)",
                            "make them ready, or run with --force \"why\" (the reason is journaled)");
                }
                String attempt = StepRunner.newAttempt(wave, clock);
                StepRunner steps = new StepRunner(journal, attempt, wave, progress, stepProgress);
                Map<String, String> gateFigures = new LinkedHashMap<>();
                gateFigures.put("ready", Boolean.toString(verdict.ready()));
                gateFigures.put("notReady", String.join(",", verdict.notReady()));
                options.force().ifPresent(f -> gateFigures.put("force", f));
                steps.run(
                        Optional.empty(),
                        Steps.GATE,
                        resumed -> StepRunner.Done.of(
                                verdict.ready()
                                        ? "readiness gate passed"
                                        : "readiness gate overridden (--force): "
                                                + options.force().orElseThrow(),
                                gateFigures));
                Map<String, String> planFigures = WaveMoves.planFigures(moves, clusters.link());
                steps.run(
                        Optional.empty(),
                        Steps.PLAN,
                        resumed -> StepRunner.Done.of(
                                moves.size() + " workload(s): "
                                        + String.join(
                                                ", ",
                                                moves.stream()
                                                        .map(WorkloadMove::name)
                                                        .toList()),
                                planFigures));
                return forward(
                        new WaveContext(
                                wave, w.pattern(), workspace, options, journal, steps, clusters, switchers, progress),
                        moves);
            }
        }
    }

    /** Continues the wave's current attempt where it stopped: forward, or its rollback if one began. */
    @SuppressWarnings("try") // the lock is held for the whole body, never used in it
    public WaveState resume(String wave, WaveOptions options) {
        Wave w = wave(wave);
        try (WorkspaceLock lock = WorkspaceLock.acquire(workspace.dir(), "wave resume " + wave)) {
            Journal journal = Journal.open(workspace.dir(), clock);
            WaveState state = WaveState.of(wave, journal.entries());
            switch (state.status()) {
                case NOT_STARTED ->
                    throw new CutoverException(
                            Reason.USAGE, "wave " + wave + " has not run yet", "start it with `cutover wave run`");
                case CONFIRMED, ROLLED_BACK -> {
                    progress.accept("[" + wave + "] nothing to resume: "
                            + state.status().text());
                    return state;
                }
                default -> {}
            }
            boolean rollingBack =
                    state.entries().stream().anyMatch(e -> e.step().startsWith("rollback-"));
            return continueAttempt(w, state, journal, options, rollingBack);
        }
    }

    /** Undoes the wave's current attempt (or continues an interrupted rollback), workloads in reverse order. */
    @SuppressWarnings("try") // the lock is held for the whole body, never used in it
    public WaveState rollback(String wave, WaveOptions options) {
        Wave w = wave(wave);
        try (WorkspaceLock lock = WorkspaceLock.acquire(workspace.dir(), "wave rollback " + wave)) {
            Journal journal = Journal.open(workspace.dir(), clock);
            WaveState state = WaveState.of(wave, journal.entries());
            if (state.status() == WaveState.Status.NOT_STARTED || state.status() == WaveState.Status.ROLLED_BACK) {
                progress.accept(
                        "[" + wave + "] nothing to roll back: " + state.status().text());
                return state;
            }
            return continueAttempt(w, state, journal, options, true);
        }
    }

    /** Continues the current attempt of a wave, with the groups and link its plan step recorded. */
    private WaveState continueAttempt(
            Wave wave, WaveState state, Journal journal, WaveOptions options, boolean backward) {
        try (WaveClusters clusters = new WaveClusters(workspace, recordedLink(state, options))) {
            StepRunner steps =
                    new StepRunner(journal, state.attempt().orElseThrow(), wave.name(), progress, stepProgress);
            WaveContext context = new WaveContext(
                    wave.name(), wave.pattern(), workspace, options, journal, steps, clusters, switchers, progress);
            List<WorkloadMove> moves = WaveMoves.recorded(workspace, wave, planFigures(state));
            return backward ? backward(context, moves) : forward(context, moves);
        }
    }

    static WaveState forward(WaveContext context, List<WorkloadMove> moves) {
        try {
            if (DualWrite.is(context)) {
                java.util.Set<String> topics = DualWrite.topics(moves);
                context.steps().run(Optional.empty(), Steps.COMPARE, resumed -> DualWrite.compare(context, topics));
            }
            for (WorkloadMove m : DualWrite.is(context) ? DualWrite.ordered(moves) : moves) {
                if (m.kind() == WorkloadMove.Kind.PRODUCER) {
                    new ProducerMove(context, m).run();
                } else if (m.kind() == WorkloadMove.Kind.PROCESSOR || m.kind() == WorkloadMove.Kind.CONNECT) {
                    new ProcessorMove(context, m).run();
                } else {
                    new ConsumerMove(context, m).run();
                }
            }
            context.steps()
                    .run(
                            Optional.empty(),
                            Steps.CONFIRM_WAVE,
                            resumed -> StepRunner.Done.of("every workload of the wave runs on the target"));
        } catch (StepRunner.Paused paused) {
            // the journal says what it waits for; `wave status` shows it
        }
        return WaveState.of(context.name(), context.journal().entries());
    }

    static WaveState backward(WaveContext context, List<WorkloadMove> moves) {
        List<WorkloadMove> reversed = new ArrayList<>(DualWrite.is(context) ? DualWrite.ordered(moves) : moves);
        java.util.Collections.reverse(reversed);
        try {
            for (WorkloadMove m : reversed) {
                Rollback rollback = new Rollback(context, m);
                if (!rollback.moved()) {
                    continue;
                }
                if (m.kind() == WorkloadMove.Kind.PRODUCER) {
                    new ProducerRollback(context, m).run();
                } else if (m.kind() == WorkloadMove.Kind.PROCESSOR || m.kind() == WorkloadMove.Kind.CONNECT) {
                    new ProcessorMove(context, m).rollback();
                } else {
                    rollback.run();
                }
            }
            context.steps()
                    .run(
                            Optional.empty(),
                            Steps.ROLLED_BACK,
                            resumed -> StepRunner.Done.of("every moved workload runs on the source again"));
        } catch (StepRunner.Paused paused) {
            // as above
        }
        return WaveState.of(context.name(), context.journal().entries());
    }

    /**
     * Rehearses one workload's way back: moves it to the target and back to the source in one attempt of its own
     * (journaled under wave {@code rehearsal:WAVE:WORKLOAD}, no readiness gate: it ends where it began), and records
     * the result as rollback evidence with the measured pauses and records replayed and skipped each way.
     */
    @SuppressWarnings("try") // the lock is held for the whole body, never used in it
    public Rehearsal.Result rehearse(String wave, String workload, WaveOptions options) {
        Wave w = wave(wave);
        if (!w.workloads().contains(workload)) {
            throw new CutoverException(
                    Reason.USAGE,
                    "wave " + wave + " has no workload '" + workload + "'; its workloads are: "
                            + String.join(", ", w.workloads()),
                    "pass one of them with --workload");
        }
        try (WorkspaceLock lock = WorkspaceLock.acquire(workspace.dir(), "wave rollback --rehearse " + workload)) {
            Journal journal = Journal.open(workspace.dir(), clock);
            try (WaveClusters clusters = new WaveClusters(workspace, link(options))) {
                return new Rehearsal(workspace, clock, journal, clusters, switchers, progress, stepProgress)
                        .run(
                                new Wave(
                                        Rehearsal.waveName(wave, workload),
                                        w.order(),
                                        w.pattern(),
                                        w.patternReason(),
                                        List.of(workload),
                                        w.owner()),
                                options);
            }
        }
    }

    private static Map<String, String> planFigures(WaveState state) {
        return state.last("-", Steps.PLAN)
                .filter(e -> e.phase() == dev.cutover.orchestrator.journal.JournalEntry.Phase.END)
                .map(dev.cutover.orchestrator.journal.JournalEntry::figures)
                .orElse(Map.of());
    }

    private String recordedLink(WaveState state, WaveOptions options) {
        return Optional.ofNullable(planFigures(state).get("link")).orElseGet(() -> link(options));
    }

    /** The preview of a wave: what {@code wave run --dry-run} prints. Reads only. */
    public WavePreview preview() {
        return new WavePreview(this);
    }

    Workspace workspace() {
        return workspace;
    }

    Clock clock() {
        return clock;
    }

    String link(WaveOptions options) {
        return workspace.config().resolveLink(options.link()).name();
    }

    Wave wave(String name) {
        Plan plan = PlanFile.read(workspace.dir().resolve(PlanFile.FILE))
                .orElseThrow(() -> new CutoverException(
                        Reason.CONFIG_NOT_FOUND,
                        "no " + PlanFile.FILE + " in " + workspace.dir(),
                        "run `cutover plan --workspace " + workspace.dir() + "` first"));
        return plan.wave(name).orElseThrow(() -> {
            String known =
                    String.join(", ", plan.waves().stream().map(Wave::name).toList());
            return new CutoverException(
                    Reason.USAGE,
                    "no wave '" + name + "' in the plan; its waves are: " + known,
                    "pass one of: " + known);
        });
    }
}
