package dev.cutover.orchestrator;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.journal.JournalEntry;
import dev.cutover.orchestrator.switching.Switcher;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import dev.cutover.readiness.evidence.EvidenceStore;
import dev.cutover.readiness.evidence.Provenance;
import dev.cutover.readiness.plan.Wave;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code wave rollback --rehearse}: one workload moved to the target and back, in an attempt of its own, recorded as
 * rollback evidence (kind {@value #KIND}) with what was measured each way. The evidence passes only when the workload
 * is back on the source with 0 records replayed and 0 skipped each way (for a producer, which replays and skips
 * nothing by itself: when its topics hold the same records on both clusters over the rehearsal, compared by content);
 * a rehearsal that paused or failed writes none
 * (the journal says where it stands: finish it with {@code wave resume} or {@code wave rollback} on its wave name).
 */
public final class Rehearsal {
    public static final String KIND = "rollback-rehearsal";

    private final Workspace workspace;
    private final Clock clock;
    private final Journal journal;
    private final WaveClusters clusters;
    private final Function<Workload, Switcher> switchers;
    private final Consumer<String> progress;
    private final dev.cutover.api.Progress stepProgress;

    /** What the rehearsal ended with, and the evidence it wrote (empty when it did not end). */
    public record Result(WaveState state, Optional<String> evidence, Map<String, String> figures, boolean passed) {
        /** True when its evidence passes: there and back exactly (see the class). */
        public boolean passed() {
            return evidence.isPresent() && passed;
        }
    }

    private static boolean exact(Map<String, String> figures) {
        return List.of("forward.replayed", "forward.skipped", "back.replayed", "back.skipped").stream()
                .allMatch(k -> "0".equals(figures.get(k)));
    }

    Rehearsal(
            Workspace workspace,
            Clock clock,
            Journal journal,
            WaveClusters clusters,
            Function<Workload, Switcher> switchers,
            Consumer<String> progress,
            dev.cutover.api.Progress stepProgress) {
        this.stepProgress = stepProgress;
        this.workspace = workspace;
        this.clock = clock;
        this.journal = journal;
        this.clusters = clusters;
        this.switchers = switchers;
        this.progress = progress;
    }

    /** The wave name a rehearsal of {@code workload} from {@code wave} is journaled under. */
    public static String waveName(String wave, String workload) {
        return "rehearsal:" + wave + ":" + workload;
    }

    Result run(Wave wave, WaveOptions options) {
        WaveState before = WaveState.of(wave.name(), journal.entries());
        if (before.status() != WaveState.Status.NOT_STARTED && before.status() != WaveState.Status.ROLLED_BACK) {
            throw new CutoverException(
                    Reason.USAGE,
                    "a rehearsal of this workload has not ended: "
                            + before.status().text(),
                    "finish it with `cutover wave resume --wave " + wave.name() + "` or `cutover wave rollback --wave "
                            + wave.name() + "`");
        }
        List<WorkloadMove> moves = WaveMoves.resolve(workspace, wave, SourceView.of(clusters.source()));
        moves.stream().filter(m -> m.blocked().isPresent()).findFirst().ifPresent(m -> {
            throw new CutoverException(
                    Reason.USAGE,
                    "cannot rehearse " + m.name() + ": " + m.blocked().get(),
                    "see docs/waves.md for what a move needs; nothing was changed");
        });
        String attempt = StepRunner.newAttempt(wave.name(), clock);
        StepRunner steps = new StepRunner(journal, attempt, wave.name(), progress, stepProgress);
        WaveContext context = new WaveContext(
                wave.name(), wave.pattern(), workspace, options, journal, steps, clusters, switchers, progress);
        steps.run(
                Optional.empty(),
                Steps.GATE,
                resumed -> StepRunner.Done.of(
                        "a rehearsal moves one workload to the target and back: no readiness gate",
                        Map.of("rehearsal", "true")));
        Map<String, String> planFigures = WaveMoves.planFigures(moves, clusters.link());
        steps.run(
                Optional.empty(),
                Steps.PLAN,
                resumed -> StepRunner.Done.of("rehearsal of " + moves.get(0).name(), planFigures));
        WaveState forward = WaveRunner.forward(context, moves);
        if (forward.status() != WaveState.Status.CONFIRMED) {
            return new Result(forward, Optional.empty(), Map.of(), false);
        }
        WaveState back = WaveRunner.backward(context, moves);
        if (back.status() != WaveState.Status.ROLLED_BACK) {
            return new Result(back, Optional.empty(), Map.of(), false);
        }
        Map<String, String> figures = figures(back, moves.get(0).name());
        boolean exact = moves.get(0).kind() == WorkloadMove.Kind.PRODUCER
                ? compared(context, moves.get(0), figures)
                : exact(figures);
        figures.put("attempt", attempt);
        figures.put("journal", workspace.dir().relativize(journal.file()).toString());
        Evidence evidence = Provenance.here("cutover wave rollback --rehearse", clock)
                .evidence(
                        KIND,
                        moves.get(0).name(),
                        Area.ROLLBACK,
                        null,
                        clusters.targetIfUp().map(c -> c.clusterId()).orElse(null),
                        exact ? Evidence.Result.PASS : Evidence.Result.FAIL,
                        figures,
                        null,
                        null);
        return new Result(back, Optional.of(EvidenceStore.write(workspace.dir(), evidence)), figures, exact);
    }

    /**
     * A producer's record-level proof (records replayed and skipped are not counted for a producer): its topics compared
     * by content on both clusters, from its stop on the source (less the settle margin) to its start there again; by
     * then the forward copy has everything written before the stop and the reverse copy everything written on the
     * target, so each record of the window must be on both sides, as often on one as on the other.
     */
    private boolean compared(WaveContext context, WorkloadMove move, Map<String, String> figures) {
        Optional<String> subject = Optional.of(move.name());
        java.time.Duration settle = context.options().dualWriteSettle();
        java.time.Instant from =
                context.steps().began(subject, Steps.STOP_SOURCE).orElseThrow().minus(settle);
        java.time.Instant to =
                context.steps().began(subject, Steps.ROLLBACK_START_SOURCE).orElseThrow();
        try (var comparison = new dev.cutover.probe.content.ContentComparison(clusters.source(), clusters.target())) {
            var report = comparison.compare(
                    new java.util.ArrayList<>(new java.util.TreeSet<>(move.written())),
                    to.plus(settle),
                    java.time.Duration.between(from, to),
                    settle,
                    line -> progress.accept("[" + context.name() + "] " + line));
            figures.put("compared", Long.toString(report.compared()));
            figures.put(
                    "onlySource",
                    Long.toString(report.topics().stream()
                            .mapToLong(dev.cutover.probe.content.TopicContent::onlySource)
                            .sum()));
            figures.put(
                    "onlyTarget",
                    Long.toString(report.topics().stream()
                            .mapToLong(dev.cutover.probe.content.TopicContent::onlyTarget)
                            .sum()));
            figures.put(
                    "differing",
                    Long.toString(report.topics().stream()
                            .mapToLong(dev.cutover.probe.content.TopicContent::differing)
                            .sum()));
            figures.put("comparison", report.summary());
            return report.passed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            figures.put("comparison", "interrupted");
            return false;
        } catch (CutoverException e) {
            figures.put("comparison", "not made: " + e.getMessage());
            return false;
        }
    }

    private static Map<String, String> figures(WaveState state, String workload) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "forward", state.last(workload, Steps.CONFIRM));
        put(out, "back", state.last(workload, Steps.ROLLBACK_CONFIRM));
        return out;
    }

    private static void put(Map<String, String> out, String prefix, Optional<JournalEntry> confirm) {
        Map<String, String> f = confirm.map(JournalEntry::figures).orElse(Map.of());
        out.put(prefix + ".pauseMs", f.getOrDefault("pauseMs", "unknown"));
        out.put(prefix + ".replayed", f.getOrDefault("replayed", "unknown"));
        out.put(prefix + ".skipped", f.getOrDefault("skipped", "unknown"));
    }
}
