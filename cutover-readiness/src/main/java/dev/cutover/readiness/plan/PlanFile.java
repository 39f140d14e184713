package dev.cutover.readiness.plan;

import dev.cutover.config.AtomicFiles;
import dev.cutover.config.InputFiles;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code DIR/plan.yaml}: read, and written so that the edits humans made survive a re-plan. Format version 1,
 * documented in {@code docs/plan.md}: the waves (editable: membership, order, pattern, owner), the risks and
 * recommendations (rewritten each run), and a {@code computed:} section holding the planner's previous suggestion,
 * against which a re-plan recognises hand edits (see {@link PlanMerge}).
 */
public final class PlanFile {
    public static final String FILE = "plan.yaml";

    private PlanFile() {}

    /**
     * The plan in {@code file}, or empty if there is none. Bad YAML or values (unknown keys, patterns or workload
     * names, a workload in two waves, duplicate wave names): an {@code InvalidConfigException} (exit 2) naming
     * file:line:column and the fix.
     */
    public static Optional<Plan> read(Path file) {
        return read(file, List.of());
    }

    /**
     * As {@link #read(Path)}, also accepting in waves the workloads named in {@code alsoKnown} (e.g. the current
     * manifest's, so a new workload placed by hand before the next re-plan is not an error).
     */
    public static Optional<Plan> read(Path file, Collection<String> alsoKnown) {
        if (!InputFiles.present(file)) {
            return Optional.empty();
        }
        PlanYamlParser.ParsedPlan parsed = PlanYamlParser.parse(file, text(file));
        parsed.requireKnown(alsoKnown);
        return Optional.of(parsed.plan());
    }

    /**
     * Merges a freshly computed plan into the one in {@code file} (keeping human edits: wave membership, order, pattern,
     * owners), writes the result atomically, and says what changed. Without a file, writes the computed plan.
     */
    public static PlanUpdate update(Path file, Plan computed) {
        if (!InputFiles.present(file)) {
            AtomicFiles.write(file, PlanYamlWriter.write(computed, computed.waves()));
            return new PlanUpdate(
                    computed,
                    List.of("created " + FILE + " with " + computed.waves().size() + " wave(s) for "
                            + computed.risks().size() + " workload(s)"));
        }
        PlanYamlParser.ParsedPlan parsed = PlanYamlParser.parse(file, text(file));
        parsed.requireKnown(computed.risks().keySet());
        PlanMerge.Result merged = PlanMerge.merge(parsed, computed);
        String text = PlanYamlWriter.write(merged.plan(), merged.computed());
        if (!text.equals(text(file))) {
            AtomicFiles.write(file, text);
        }
        return new PlanUpdate(merged.plan(), merged.changes());
    }

    /** The text {@link #update} writes for a plan with no history: for {@code --output yaml} and tests. */
    public static String render(Plan plan) {
        return PlanYamlWriter.write(plan, plan.waves());
    }

    /** The file's text: a regular UTF-8 file within {@link InputFiles#MAX_BYTES}, else exit 2 naming the file. */
    public static String text(Path file) {
        return InputFiles.readText(file);
    }
}
