package dev.cutover.cli;

import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.ReadinessGate;
import dev.cutover.orchestrator.WaveOptions;
import dev.cutover.orchestrator.WaveRunner;
import dev.cutover.orchestrator.WaveState;
import dev.cutover.orchestrator.WorkloadMove;
import dev.cutover.orchestrator.switching.Switchers;
import dev.cutover.server.JournalMeters;
import dev.cutover.server.MetricsServer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "wave",
        mixinStandardHelpOptions = true,
        description = {
            "Moves a wave of plan.yaml: its workloads' clients, step by step, from a journal.",
            "",
            "Every step is written to WORKSPACE/journal/journal.jsonl before it acts and after, and each is",
            "idempotent: if cutover stops at any instant (a crash, a kill, a failed step, an operator's",
            "pause), 'wave resume' continues and 'wave rollback' undoes, from the journal alone.",
            "",
            "A consumer moves in these steps: stop-source (its switcher stops it), await-empty-source (its",
            "groups have no members left on the source), offsets (its offsets decision applied on the target;",
            "translate, the default, moves each group's position exactly through the link's offset map and",
            "first waits until the link covers it), start-target (its switcher points it at the target and",
            "starts it), await-members-target, observe (members, lag and commits on the target; members",
            "left on the source are stray clients and block the confirmation), confirm.",
            "A producer moves its topics' write authority: stop-source, await-quiet-source, drain-forward",
            "(the link copies up to the source's end and stops; turned around when readers stay on the",
            "source: a reverse copy feeds them), start-target, start-reverse, observe, confirm.",
            "A dual-write wave (pattern: dual-write in plan.yaml; its producers write every record to both",
            "clusters and the link does not copy their topics) first compares both sides by content over",
            "--dual-write-window (compare-dual-writes; any record on one side only or differing stops it),",
            "moves its readers (positions placed after the same records on the target), then retires the",
            "source writes (retire-source: both sides quiet, topics turned around at their ends).",
            "How a client is stopped and started is declared per workload under 'switch:' in workloads.yaml",
            "(a file cutover rewrites, a command it runs, or a manual instruction): docs/waves.md.",
            "",
            "Only one run per workspace at a time (a lock in WORKSPACE/journal/)."
        },
        subcommands = {
            WaveCommand.Run.class,
            WaveCommand.Status.class,
            WaveCommand.Resume.class,
            WaveCommand.Rollback.class
        },
        footer = {
            "",
            "Exit codes: 0 done (confirmed, rolled back), 1 the wave is not ready, failed or waits for an",
            "            operator, 2 usage or config error (or another run holds the workspace), 3 cluster",
            "            unreachable or denied."
        })
final class WaveCommand {

    /** The switcher a workload's {@code switch:} declares (the wave refuses a workload without one first). */
    static dev.cutover.orchestrator.switching.Switcher switcher(dev.cutover.config.Workload workload) {
        return Switchers.of(workload.switchSpec()
                .orElseThrow(() -> new IllegalStateException("workload " + workload.name() + " has no switch:")));
    }

    /** A running command's metrics endpoint and the meters it serves. */
    record Metrics(MetricsServer endpoint, JournalMeters meters) implements AutoCloseable {
        @Override
        public void close() {
            meters.close();
            endpoint.close();
        }
    }

    /** Options every wave subcommand shares. */
    static final class Common {
        @Mixin
        Options.WorkspaceDir workspace;

        @Option(names = "--wave", required = true, paramLabel = "WAVE", description = "The wave's name in plan.yaml.")
        String wave;

        @Option(
                names = "--link",
                paramLabel = "NAME",
                description = "The link whose offset map translates the groups (default: cutover.yaml's default link).")
        String link;

        @Option(
                names = "--observe",
                paramLabel = "DURATION",
                defaultValue = "10s",
                converter = OffsetsCommand.DurationConverter.class,
                description =
                        "How long a moved workload is watched before it is confirmed (default: ${DEFAULT-VALUE}).")
        Duration observe;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "2m",
                converter = OffsetsCommand.DurationConverter.class,
                description = "How long a group may take to empty, the link to cover it, a started client to join"
                        + " (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(
                names = "--dual-write-window",
                paramLabel = "DURATION",
                defaultValue = "5m",
                converter = OffsetsCommand.DurationConverter.class,
                description = "Dual-write waves: over how long before the run both clusters must hold the same"
                        + " records of the dual-written topics, compared by content (default: ${DEFAULT-VALUE}).")
        Duration dualWriteWindow;

        @Option(
                names = "--dual-write-settle",
                paramLabel = "DURATION",
                defaultValue = "10s",
                converter = OffsetsCommand.DurationConverter.class,
                description = "Dual-write waves: how far apart in time the application's two writes of one record may"
                        + " be; the window ends that long before the run (default: ${DEFAULT-VALUE}).")
        Duration dualWriteSettle;

        @Mixin
        MetricsOption metrics;

        /** The metrics endpoint with the journal's wave meters, when asked for (null otherwise). */
        Metrics metrics(Workspace ws, PrintWriter err) {
            metrics.validate(ws);
            MetricsServer endpoint = metrics.open(ws, err);
            if (endpoint == null) {
                return null;
            }
            JournalMeters meters = new JournalMeters(ws.dir());
            meters.bindTo(endpoint.registry());
            return new Metrics(endpoint, meters);
        }

        WaveOptions options(Optional<String> force) {
            return WaveOptions.defaults()
                    .withLink(Optional.ofNullable(link))
                    .withForce(force)
                    .withObserve(observe)
                    .withTimeouts(timeout, timeout, timeout)
                    .withDualWrite(dualWriteWindow, dualWriteSettle);
        }

        @Mixin
        Options.Progressing progressing;

        /** A runner printing its lines and showing each running step on {@code output} (stderr). */
        WaveRunner runner(Workspace ws, ProgressOutput output) {
            return new WaveRunner(
                    ws,
                    Clock.systemUTC(),
                    WaveCommand::switcher,
                    new ReadinessGate(Clock.systemUTC()),
                    output::line,
                    output.progress());
        }
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = {
                "Runs a wave: checks its readiness gate (cutover readiness --wave W must say READY, or",
                "--force gives the reason to go anyway, which is journaled), prints the steps, and moves",
                "each workload in the order of plan.yaml. --dry-run prints the steps with the groups, the",
                "offsets decisions and the link involved, and changes nothing."
            },
            footer = {
                "",
                "Exit codes: 0 the wave is confirmed (or, with --dry-run, every workload can move), 1 not ready",
                "            (without --force), a failed step or waiting for an operator (see `wave status`), 2 usage",
                "            or config error, or another run holds the workspace, 3 cluster unreachable or denied."
            })
    static final class Run implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--dry-run", description = "Print the steps it would run; change nothing.")
        boolean dryRun;

        @Option(
                names = "--force",
                paramLabel = "REASON",
                description = "Run although the readiness gate says not ready; the reason is journaled.")
        String force;

        @Option(
                names = "--yes",
                description = "Do not ask for confirmation (a wave run never asks today; kept for scripts).")
        boolean yes;

        @Override
        public Integer call() {
            Workspace ws = common.workspace.load();
            try (ProgressOutput progress = common.progressing.open()) {
                return run(ws, common.runner(ws, progress));
            }
        }

        @SuppressWarnings("try") // the metrics endpoint serves for the whole run, never used in it
        private int run(Workspace ws, WaveRunner runner) {
            PrintWriter out = spec.commandLine().getOut();
            WaveOptions options = common.options(Optional.ofNullable(force));
            List<WorkloadMove> moves = runner.preview().moves(common.wave, options);
            out.print(WaveRendering.steps(
                    common.wave, moves, ws.config().resolveLink(options.link()).name()));
            out.flush();
            if (dryRun) {
                out.println("Offsets now (translate; the real move translates the positions the groups hold when they"
                        + " stop):");
                runner.preview().offsets(moves, options).forEach(line -> out.println("  " + line));
                List<String> producers = runner.preview().producers(common.wave, moves, options);
                if (!producers.isEmpty()) {
                    out.println("Producers now (their topics' write authority moves with them):");
                    producers.forEach(line -> out.println("  " + line));
                }
                out.println();
                out.println("dry run: nothing was changed");
                out.flush();
                return moves.stream().anyMatch(m -> m.blocked().isPresent()) ? 1 : 0;
            }
            WaveState state;
            try (Metrics m = common.metrics(ws, spec.commandLine().getErr())) {
                state = runner.run(common.wave, options);
            }
            out.print(WaveRendering.status(state));
            out.flush();
            return WaveRendering.exitCode(state);
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Where a wave stands, from the journal alone (works with both clusters down): its state, what",
                "it waits for, and per workload where it runs, its last step, its pause and records replayed",
                "and skipped at its move."
            },
            footer = {"", "Exit codes: 0 printed, 2 usage error or a damaged journal (the line is named)."})
    static final class Status implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Option(names = "--wave", required = true, paramLabel = "WAVE", description = "The wave's name in plan.yaml.")
        String wave;

        @Override
        public Integer call() {
            Workspace ws = workspace.load();
            WaveState state = WaveRunner.status(ws, wave);
            spec.commandLine().getOut().print(WaveRendering.status(state));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = {
                "Continues the wave's current attempt where it stopped: after a crash, a failed step whose",
                "cause is fixed, or an operator's action the wave waited for (cutover checks what it can: the",
                "group left the source, members appeared on the target). Steps that ended are not run again."
            },
            footer = {
                "",
                "Exit codes: 0 the wave is confirmed or rolled back, 1 a failed step or waiting for an operator,",
                "            2 usage or config error, or another run holds the workspace, 3 cluster unreachable or",
                "            denied."
            })
    static final class Resume implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common;

        @Override
        @SuppressWarnings("try") // the metrics endpoint serves for the whole body, never used in it
        public Integer call() {
            Workspace ws = common.workspace.load();
            WaveState state;
            try (Metrics m = common.metrics(ws, spec.commandLine().getErr());
                    ProgressOutput progress = common.progressing.open()) {
                state = common.runner(ws, progress).resume(common.wave, common.options(Optional.empty()));
            }
            spec.commandLine().getOut().print(WaveRendering.status(state));
            spec.commandLine().getOut().flush();
            return WaveRendering.exitCode(state);
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = {
                "Undoes the wave's current attempt, workloads in reverse order: stop on the target, wait",
                "until its groups are empty there, move their positions back to the source exactly (the",
                "reverse translation of where they stand on the target), start on the source. Works with the",
                "target down: what needs it is skipped and said (the group then resumes on the source where it",
                "stopped there, and reads again what it processed on the target).",
                "",
                "--rehearse --workload X moves one workload of the wave to the target and back in an attempt",
                "of its own (journaled as wave rehearsal:WAVE:X, no readiness gate: it ends where it began) and",
                "records it as rollback evidence (kind rollback-rehearsal) with the pause and the records",
                "replayed and skipped each way; it passes when both ways replayed and skipped 0. A producer",
                "replays and skips nothing by itself: its rehearsal passes when its topics hold the same",
                "records on both clusters over the rehearsal, compared by content (as verify --by-content)."
            },
            footer = {
                "",
                "Exit codes: 0 rolled back (--rehearse: there and back with 0 replayed and 0 skipped each way,",
                "            evidence recorded), 1 a failed step, waiting for an operator or a rehearsal that did",
                "            not pass, 2 usage or config error, or another run holds the workspace, 3 cluster",
                "            unreachable or denied."
            })
    static final class Rollback implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--rehearse", description = "Rehearse one workload's way back (with --workload).")
        boolean rehearse;

        @Option(names = "--workload", paramLabel = "NAME", description = "The workload to rehearse.")
        String workload;

        @Override
        @SuppressWarnings("try") // the metrics endpoint serves for the whole body, never used in it
        public Integer call() {
            Workspace ws = common.workspace.load();
            if (rehearse != (workload != null)) {
                throw new dev.cutover.api.CutoverException(
                        dev.cutover.api.Reason.USAGE,
                        rehearse ? "--rehearse needs --workload NAME" : "--workload goes with --rehearse",
                        "e.g. cutover wave rollback --workspace DIR --wave W --rehearse --workload billing");
            }
            try (Metrics m = common.metrics(ws, spec.commandLine().getErr())) {
                return rollback(ws);
            }
        }

        private int rollback(Workspace ws) {
            if (rehearse) {
                dev.cutover.orchestrator.Rehearsal.Result result;
                try (ProgressOutput progress = common.progressing.open()) {
                    result = common.runner(ws, progress)
                            .rehearse(common.wave, workload, common.options(Optional.empty()));
                }
                var out = spec.commandLine().getOut();
                out.print(WaveRendering.status(result.state()));
                result.evidence().ifPresent(path -> out.println("evidence: " + path));
                result.figures().forEach((k, v) -> out.println("  " + k + ": " + v));
                out.flush();
                return result.passed() ? 0 : 1;
            }
            WaveState state;
            try (ProgressOutput progress = common.progressing.open()) {
                state = common.runner(ws, progress).rollback(common.wave, common.options(Optional.empty()));
            }
            spec.commandLine().getOut().print(WaveRendering.status(state));
            spec.commandLine().getOut().flush();
            return WaveRendering.exitCode(state);
        }
    }
}
