package dev.cutover.cli;

import dev.cutover.cli.logging.LogDirectory;
import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.sandbox.jmx.ClusterJmx;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Process entry point: the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Before anything logs: log4j reads the directory this chooses and secures.
        LogDirectory.prepare(System.getenv(), System.err);
        // RMI reads this once; the sandbox's JMX listens on loopback only.
        ClusterJmx.preferLoopbackRmi();
        // Commands write to this process's stderr: a progress bar may be drawn there when it is a terminal.
        ProgressOutput.stderrIsTheProcessStderr();
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** Runs one command line writing to the given streams (tests capture output this way). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = newCommandLine();
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * picocli ignores unmatched arguments when {@code --help} is among them, so {@code cutover nosuch --help} would
     * print the root usage and exit 0: a typo a script never notices. Any unmatched argument is a usage error (exit 2),
     * with picocli's "did you mean" suggestions, whether or not help was asked for.
     */
    private static int executeUnlessUnmatched(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(
                        level.commandSpec().commandLine(), level.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new CutoverCommand());
        cli.setExecutionExceptionHandler(new ExitCodeHandler());
        cli.setExecutionStrategy(Main::executeUnlessUnmatched);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // The descriptions are written as lines of up to ~110 characters; narrower wrapping would break them raggedly.
        cli.setUsageHelpWidth(120);
        return cli;
    }
}
