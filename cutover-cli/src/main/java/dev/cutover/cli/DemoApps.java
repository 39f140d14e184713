package dev.cutover.cli;

import dev.cutover.config.AtomicFiles;
import dev.cutover.config.SwitchSpec;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.switching.SwitchContext;
import dev.cutover.orchestrator.switching.Switchers;
import dev.cutover.sandbox.clients.ClientScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the demo's stand-in applications share: their files under {@code apps/NAME/}, their start and their stop. */
final class DemoApps {
    private DemoApps() {}

    /** A reader's files: its client properties (endpoint unset until a switcher writes it) and its script. */
    static Path reader(Path dir, String name, String topic) throws IOException {
        Path app = dir.resolve("apps").resolve(name);
        Files.createDirectories(app);
        AtomicFiles.write(
                app.resolve(ClientScript.PROPERTIES),
                "# " + name + "'s Kafka client settings, kept by its team\n"
                        + "bootstrap.servers=unset\n"
                        + "enable.auto.commit=false\n"
                        + "max.poll.records=500\n");
        ClientScript.write(app, name, topic);
        return app;
    }

    /** Writes the source profile's connection settings into each application's file (the wave's file switcher). */
    static void pointAtSource(Path dir, List<String> apps) throws InterruptedException {
        Workspace ws = Workspace.load(dir);
        for (String app : apps) {
            Switchers.of(SwitchSpec.ofFile("apps/" + app + "/" + ClientScript.PROPERTIES))
                    .start(new SwitchContext(
                            app,
                            "demo",
                            ws.profile("source"),
                            ws.dir(),
                            ws.dir().resolve("journal/switch/" + app)));
        }
    }

    /** Appends workloads (YAML list items, indented as under {@code workloads:}) to workloads.yaml, as owners would. */
    static void addWorkloads(Path dir, String items) throws IOException {
        Path workloads = dir.resolve(dev.cutover.config.Workspace.WORKLOADS_FILE);
        String text = Files.readString(workloads, java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(workloads, text + (text.endsWith("\n") ? "" : "\n") + items);
    }

    /** Adds a wave after the others to plan.yaml, as an operator would by hand. */
    static void addWave(
            Path dir,
            String name,
            dev.cutover.readiness.plan.CutoverPattern pattern,
            String why,
            List<String> workloads,
            String owner) {
        Path planFile = dir.resolve(dev.cutover.readiness.plan.PlanFile.FILE);
        dev.cutover.readiness.plan.Plan plan =
                dev.cutover.readiness.plan.PlanFile.read(planFile).orElseThrow();
        List<dev.cutover.readiness.plan.Wave> waves = new java.util.ArrayList<>(plan.waves());
        int order = waves.stream()
                        .mapToInt(dev.cutover.readiness.plan.Wave::order)
                        .max()
                        .orElse(0)
                + 1;
        waves.add(new dev.cutover.readiness.plan.Wave(
                name, order, pattern, why, workloads, java.util.Optional.of(owner)));
        AtomicFiles.write(
                planFile,
                dev.cutover.readiness.plan.PlanFile.render(new dev.cutover.readiness.plan.Plan(
                        plan.version(), waves, plan.risks(), plan.recommendations())));
    }

    /** Stops each application, wherever it runs, saying so when one cannot be stopped. */
    static void stop(Path dir, PrintWriter out, List<String> apps) {
        for (String app : apps) {
            try {
                ClientScript.run(dir.resolve("apps").resolve(app), "stop");
            } catch (IOException e) {
                out.println("      warning: could not stop " + app + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
