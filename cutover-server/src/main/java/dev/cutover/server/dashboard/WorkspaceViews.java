package dev.cutover.server.dashboard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.cutover.api.CutoverException;
import dev.cutover.config.InputFiles;
import dev.cutover.config.Redactor;
import dev.cutover.config.Workspace;
import dev.cutover.orchestrator.journal.Journal;
import dev.cutover.readiness.plan.Plan;
import dev.cutover.readiness.plan.PlanFile;
import dev.cutover.readiness.plan.PlanInputs;
import dev.cutover.readiness.report.ReadinessReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dashboard's reading of the workspace, fresh on every request, with the readers the commands use: cutover.yaml and
 * workloads.yaml ({@link Workspace}), the saved inventory ({@link PlanInputs#saved}), plan.yaml ({@link PlanFile}), the
 * readiness report ({@code reports/readiness.json}, the {@link ReadinessReport} it was written from) and the journal
 * ({@link Journal}). A file that is missing or cannot be read makes its part unknown, with why and what to run.
 */
final class WorkspaceViews {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The readiness report is bounded as the saved inventory is: it lists every workload's findings. */
    private static final long MAX_REPORT_BYTES = 256L * 1024 * 1024;

    private final Path dir;
    private final Clock clock;

    WorkspaceViews(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    Section<EstateView> estate() {
        return guarded(() -> {
            Workspace ws = Workspace.load(dir);
            Path inventory = ws.reportsDir().resolve("inventory.json");
            if (!InputFiles.present(inventory)) {
                return Section.unknown(
                        "no inventory yet: " + inventory + " does not exist",
                        "run `cutover inventory --workspace " + dir + "`");
            }
            return Section.of(EstateView.of(ws, PlanInputs.saved(inventory, ws).source()));
        });
    }

    Section<Plan> plan() {
        return guarded(() -> {
            Workspace ws = Workspace.load(dir);
            Path file = ws.dir().resolve(PlanFile.FILE);
            Optional<Plan> plan = PlanFile.read(file, ws.workloads().names());
            return plan.map(Section::of)
                    .orElseGet(() -> Section.unknown(
                            "no plan yet: " + file + " does not exist", "run `cutover plan --workspace " + dir + "`"));
        });
    }

    Section<ReadinessReport> readiness() {
        return guarded(() -> {
            Workspace ws = Workspace.load(dir);
            Path file = ws.reportsDir().resolve("readiness.json");
            if (!InputFiles.present(file)) {
                return Section.unknown(
                        "no readiness report yet: " + file + " does not exist",
                        "run `cutover readiness --workspace " + dir + "`");
            }
            try {
                ReadinessReport report =
                        JSON.readValue(InputFiles.readBytes(file, MAX_REPORT_BYTES), ReadinessReport.class);
                if (report.schemaVersion() != ReadinessReport.SCHEMA_VERSION) {
                    return Section.unknown(
                            file + " has schema version " + report.schemaVersion() + ", this cutover reads "
                                    + ReadinessReport.SCHEMA_VERSION,
                            "run `cutover readiness --workspace " + dir + "` again with this version");
                }
                return Section.of(report);
            } catch (IOException | IllegalArgumentException e) {
                return Section.unknown(
                        file + " is not a readiness report: " + firstLine(e),
                        "run `cutover readiness --workspace " + dir + "` again");
            }
        });
    }

    Section<WavesView> waves() {
        return guarded(() -> {
            Workspace ws = Workspace.load(dir);
            Optional<Plan> plan;
            try {
                plan = PlanFile.read(
                        ws.dir().resolve(PlanFile.FILE), ws.workloads().names());
            } catch (CutoverException e) {
                plan = Optional.empty(); // the waves are still what the journal says; the plan tab says why
            }
            Journal journal = Journal.open(ws.dir(), clock);
            return Section.of(WavesView.of(plan, journal.entries(), journal.tornTail()));
        });
    }

    /** Any failure to read makes the part unknown, saying why; the message is redacted like every other cutover error. */
    private static <T> Section<T> guarded(Supplier<Section<T>> read) {
        try {
            return read.get();
        } catch (CutoverException e) {
            return Section.unknown(
                    Redactor.redactText(e.getMessage()),
                    e.hint().map(Redactor::redactText).orElse(null));
        } catch (RuntimeException e) {
            return Section.unknown("cannot read the workspace: " + Redactor.redactText(firstLine(e)), null);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
