package dev.cutover.cli;

import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command spells the same way, as picocli mixins ({@code @Mixin Options.WorkspaceDir ws}). */
final class Options {
    private Options() {}

    /** {@code --workspace DIR}: a workspace with cutover.yaml, read by the command. */
    static final class WorkspaceDir {
        @Option(
                names = "--workspace",
                required = true,
                paramLabel = "DIR",
                description = "Workspace directory with cutover.yaml.")
        Path dir;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /**
         * Reads and validates the workspace (exit 2 naming file:line:column when it is wrong); prints a warning on
         * stderr for each profile setting that is allowed but unsafe.
         */
        Workspace load() {
            Workspace ws = Workspace.load(dir);
            if (spec != null) {
                ws.config().clusters().values().stream()
                        .flatMap(profile -> profile.warnings().stream())
                        .forEach(warning -> spec.commandLine().getErr().println("warning: " + warning));
            }
            return ws;
        }
    }

    /** {@code --name NAME}: the link a {@code link} command means, resolved against cutover.yaml. */
    static final class LinkName {
        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = "Link name (default: the only link in cutover.yaml, else its '" + LinkConfig.DEFAULT_NAME
                        + "' link, else '" + LinkConfig.DEFAULT_NAME + "').")
        String name;

        /** The link's settings in cutover.yaml; exit 2 for a name that is invalid or not in the file's links. */
        LinkConfig resolve(Workspace ws) {
            return ws.config().resolveLink(Optional.ofNullable(name));
        }
    }

    /** {@code --link NAME}: the link whose offset maps the {@code offsets} commands use, resolved as {@link LinkName}. */
    static final class LinkRef {
        @Option(
                names = "--link",
                paramLabel = "NAME",
                description = "The link whose offset maps to use (default: the only link in cutover.yaml, its '"
                        + LinkConfig.DEFAULT_NAME + "' link, else '" + LinkConfig.DEFAULT_NAME + "').")
        String name;

        Optional<String> name() {
            return Optional.ofNullable(name);
        }
    }

    /**
     * {@code --no-progress}: no progress on stderr. Otherwise a long command shows a bar when stderr is a terminal and
     * a plain line every 10 s when it is not; {@code CUTOVER_PROGRESS=off} in the environment turns it off too.
     */
    static final class Progressing {
        @Option(
                names = "--no-progress",
                description = "Show no progress on stderr (default: a bar on a terminal, a line every 10 s in a log;"
                        + " also CUTOVER_PROGRESS=off).")
        boolean off;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /** Progress for this command, on its stderr; close it when the command ends. */
        ProgressOutput open() {
            return ProgressOutput.open(spec.commandLine().getErr(), off);
        }
    }

    /** {@code --output md|json}. */
    static final class MdOrJson {
        @Option(
                names = "--output",
                defaultValue = "md",
                paramLabel = "md|json",
                converter = OutputFormat.MdJson.class,
                description = "What to print: md or json (default: ${DEFAULT-VALUE}).")
        OutputFormat format;
    }

    /** {@code --output md|json|html} of a report that is written in all three formats. */
    static final class Report {
        @Option(
                names = "--output",
                defaultValue = "md",
                paramLabel = "md|json|html",
                converter = OutputFormat.MdJsonHtml.class,
                description = "Format printed to stdout: md, json or html (default: ${DEFAULT-VALUE}); all three"
                        + " are written to the reports directory.")
        OutputFormat format;
    }
}
