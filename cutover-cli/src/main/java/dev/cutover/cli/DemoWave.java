package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.SwitchSpec;
import dev.cutover.config.Workspace;
import dev.cutover.inventory.InventoryReport;
import dev.cutover.orchestrator.ReadinessGate;
import dev.cutover.orchestrator.Rehearsal;
import dev.cutover.orchestrator.WaveOptions;
import dev.cutover.orchestrator.WaveRunner;
import dev.cutover.orchestrator.WaveState;
import dev.cutover.orchestrator.WaveSummary;
import dev.cutover.orchestrator.switching.SwitchContext;
import dev.cutover.orchestrator.switching.Switchers;
import dev.cutover.readiness.plan.Plan;
import dev.cutover.readiness.plan.PlanFile;
import dev.cutover.readiness.plan.PlanInput;
import dev.cutover.readiness.plan.Planner;
import dev.cutover.readiness.plan.Wave;
import dev.cutover.sandbox.clients.ClientScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's moving parts: billing and audit-archiver as real client applications (each a {@code RecordingConsumer} in
 * its own JVM, reading its endpoint from {@code apps/NAME/client.properties}, started and stopped by
 * {@code apps/NAME/switch.sh}, declared under {@code switch:} in workloads.yaml); billing's way back rehearsed
 * ({@code wave rollback --rehearse}); and their wave moved ({@code wave run}), with the table of where each runs now,
 * its pause and the records replayed and skipped at its move.
 */
final class DemoWave implements AutoCloseable {
    /** The workloads the demo moves: name → (group, topics). */
    private static final List<String[]> APPS = List.of(
            new String[] {"billing", "billing", "payments"},
            new String[] {"audit-archiver", "audit-archiver", "audit.log"});

    private final Workspace workspace;
    private final PrintWriter out;

    private DemoWave(Workspace workspace, PrintWriter out) {
        this.workspace = workspace;
        this.out = out;
    }

    /**
     * Writes both applications' client files (the source profile's connection settings, written by the same file
     * switcher a wave uses) and scripts, declares their switchers in workloads.yaml, and starts billing on the source
     * (audit-archiver runs nightly: it is not running now).
     */
    static DemoWave start(Path dir, PrintWriter out) {
        try {
            for (String[] app : APPS) {
                Path appDir = dir.resolve("apps").resolve(app[0]);
                Files.createDirectories(appDir);
                AtomicFiles.write(
                        appDir.resolve(ClientScript.PROPERTIES),
                        "# " + app[0] + "'s Kafka client settings, kept by its team; cutover's file switcher rewrites"
                                + " only the connection settings\n"
                                + "bootstrap.servers=unset\n"
                                + "# commit only what was processed\n"
                                + "enable.auto.commit=false\n"
                                + "max.poll.records=200\n");
                ClientScript.write(appDir, app[1], app[2]);
            }
            declareSwitchers(dir);
            Workspace ws = Workspace.load(dir);
            DemoWave demo = new DemoWave(ws, out);
            for (String[] app : APPS) {
                SwitchContext onSource = new SwitchContext(
                        app[0], "demo", ws.profile("source"), ws.dir(), ws.dir().resolve("journal/switch/" + app[0]));
                Switchers.of(SwitchSpec.ofFile("apps/" + app[0] + "/" + ClientScript.PROPERTIES))
                        .start(onSource);
            }
            ClientScript.run(dir.resolve("apps/billing"), "start");
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CHECK_FAILED, "interrupted", null, e);
        }
    }

    Workspace workspace() {
        return Workspace.load(workspace.dir());
    }

    /** Adds {@code switch:} (file + command) to billing and audit-archiver in the sample workloads.yaml. */
    private static void declareSwitchers(Path dir) throws IOException {
        declareSwitchers(dir, APPS.stream().map(a -> a[0]).toList());
    }

    /** Adds {@code switch:} (apps/NAME's file + command) to each named workload in the sample workloads.yaml. */
    static void declareSwitchers(Path dir, List<String> names) throws IOException {
        Path file = dir.resolve(Workspace.WORKLOADS_FILE);
        String text = Files.readString(file);
        for (String name : names) {
            String[] app = {name};
            String header = "  - name: " + app[0] + "\n";
            int at = text.indexOf(header);
            if (at < 0 || text.indexOf("switch:", at) >= 0 && text.indexOf("switch:", at) < next(text, at)) {
                continue;
            }
            int end = next(text, at);
            String block = "    switch:\n      file: apps/" + app[0] + "/" + ClientScript.PROPERTIES + "\n"
                    + "      command: [sh, apps/" + app[0] + "/" + ClientScript.SCRIPT + "]\n";
            String before = text.substring(0, end);
            text = (before.endsWith("\n\n") ? before.substring(0, before.length() - 1) + block + "\n" : before + block)
                    + text.substring(end);
        }
        AtomicFiles.write(file, text);
    }

    private static int next(String text, int from) {
        int n = text.indexOf("\n  - name: ", from + 1);
        return n < 0 ? text.length() : n + 1;
    }

    /** The wave of plan.yaml that holds billing (plan.yaml is computed and written first when there is none). */
    String billingWave(InventoryReport inventory) {
        Path file = workspace.dir().resolve(PlanFile.FILE);
        Plan plan = PlanFile.read(file).orElseGet(() -> PlanFile.update(
                        file, Planner.plan(new PlanInput(inventory, workspace().workloads())))
                .plan());
        return plan.waves().stream()
                .filter(w -> w.workloads().contains("billing"))
                .map(Wave::name)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo plan has no wave with billing"));
    }

    /** {@code wave rollback --rehearse --workload billing}: to the target and back, recorded as rollback evidence. */
    void rehearse(String wave) {
        Rehearsal.Result result = runner().rehearse(wave, "billing", options(Optional.empty()));
        if (result.evidence().isEmpty()) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "billing's rollback rehearsal did not end: "
                            + result.state().status().text(),
                    "see `cutover journal --workspace " + workspace.dir() + "`");
        }
        out.printf(
                Locale.ROOT,
                "      billing went to the target and back as a running process: pause %s ms there, %s ms back;"
                        + " replayed %s / %s, skipped %s / %s%n",
                result.figures().get("forward.pauseMs"),
                result.figures().get("back.pauseMs"),
                result.figures().get("forward.replayed"),
                result.figures().get("back.replayed"),
                result.figures().get("forward.skipped"),
                result.figures().get("back.skipped"));
        out.println("      evidence: " + result.evidence().get());
        out.flush();
    }

    /** {@code wave run --force}: the wave's workloads move to the target; prints where each runs now. */
    void run(String wave, String force) {
        WaveState state = runner().run(wave, options(Optional.of(force)));
        table(state, out);
        for (String[] app : APPS) {
            out.println("      " + app[0] + "'s own log (" + ClientScript.LOG + "): " + ownLog(app[0]));
        }
        out.println("      the journal: ./cutover journal --workspace " + workspace.dir() + " --wave " + wave);
        out.flush();
    }

    /** The wave's status and, per workload, where it runs now, its pause, and records replayed and skipped. */
    static void table(WaveState state, PrintWriter out) {
        out.println("      wave " + state.wave() + ": " + state.status().text());
        out.println("      | workload | runs on | pause | replayed | skipped |");
        for (WaveSummary.Row r : WaveSummary.of(state)) {
            out.printf(
                    Locale.ROOT,
                    "      | %s | %s | %s | %s | %s |%n",
                    r.workload(),
                    r.runsOn(),
                    r.pauseMs()
                            .map(ms -> String.format(Locale.ROOT, "%.1f s", ms / 1000.0))
                            .orElse("-"),
                    r.replayed(),
                    r.skipped());
        }
    }

    /** What an application's own log says it processed: records per cluster, and any record it processed twice. */
    private String ownLog(String app) {
        Path log = workspace.dir().resolve("apps").resolve(app).resolve(ClientScript.LOG);
        try {
            List<String[]> lines = Files.exists(log)
                    ? Files.readAllLines(log).stream()
                            .filter(l -> !l.isEmpty())
                            .map(l -> l.split("\t"))
                            .toList()
                    : List.of();
            long twice = lines.size()
                    - lines.stream()
                            .map(l -> l[0] + "/" + l[1] + "/" + l[3])
                            .distinct()
                            .count();
            java.util.Map<String, Long> perCluster = new java.util.TreeMap<>();
            Workspace ws = workspace();
            java.util.Map<String, String> names = java.util.Map.of(
                    ws.profile("source").bootstrapServers(), "on the source",
                    ws.profile("target").bootstrapServers(), "on the target");
            lines.forEach(l ->
                    perCluster.merge(l.length > 4 ? names.getOrDefault(l[4], "on " + l[4]) : "on ?", 1L, Long::sum));
            return lines.size() + " record(s) processed ("
                    + String.join(
                            ", ",
                            perCluster.entrySet().stream()
                                    .map(e -> e.getValue() + " " + e.getKey())
                                    .toList())
                    + "), " + twice + " of them twice";
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    WaveRunner runner() {
        return new WaveRunner(
                workspace(), Clock.systemUTC(), WaveCommand::switcher, new ReadinessGate(Clock.systemUTC()), line -> {
                    out.println("      " + line);
                    out.flush();
                });
    }

    static WaveOptions options(Optional<String> force) {
        return WaveOptions.defaults().withForce(force).withObserve(Duration.ofSeconds(3));
    }

    /** Stops both applications, wherever they run. */
    @Override
    public void close() {
        for (String[] app : APPS) {
            try {
                ClientScript.run(workspace.dir().resolve("apps").resolve(app[0]), "stop");
            } catch (IOException e) {
                out.println("      warning: could not stop " + app[0] + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
