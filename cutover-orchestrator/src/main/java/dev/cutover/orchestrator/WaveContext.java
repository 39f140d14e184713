package dev.cutover.orchestrator;

import dev.cutover.config.AtomicFiles;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.orchestrator.switching.Switcher;
import dev.cutover.readiness.plan.CutoverPattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/** What the steps of one wave run share. */
record WaveContext(
        String name,
        CutoverPattern pattern,
        Workspace workspace,
        WaveOptions options,
        Journal journal,
        StepRunner steps,
        WaveClusters clusters,
        Function<Workload, Switcher> switchers,
        Consumer<String> progress) {

    Switcher switcher(Workload workload) {
        return switchers.apply(workload);
    }

    /**
     * The directory a workload's switcher keeps its state in (backups, generated properties, logs), under {@code
     * journal/switch/}, which holds a {@code .gitignore} of everything: a backup of a client's file can hold that
     * application's own secrets, while the journal beside it is meant to be committed.
     */
    Path switchState(String workload) {
        Path dir = workspace.dir().resolve(Journal.DIR).resolve("switch");
        Path ignore = dir.resolve(".gitignore");
        if (!Files.exists(ignore)) {
            AtomicFiles.write(ignore, "# written by cutover: switcher backups and logs may hold secrets\n*\n");
        }
        return dir.resolve(workload);
    }
}
