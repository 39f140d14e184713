package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns a failure into a message and an exit code (see {@link Reason}). A {@link
 * CutoverException} is a failure the user can act on: its message and hint are printed as they are. Anything else is
 * a bug in cutover: a short line is printed, the stack trace goes to the log.
 */
final class ExitCodeHandler implements IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ExitCodeHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        var err = cli.getErr();
        if (ex instanceof CutoverException ce) {
            err.println("error: " + ce.getMessage());
            ce.hint().filter(h -> !ce.getMessage().contains(h)).ifPresent(h -> err.println("  what to do: " + h));
            log.debug("command failed", ce);
            err.flush();
            return ce.exitCode();
        }
        log.error("internal error", ex);
        err.println("internal error: " + ex + " (a bug in cutover; the stack trace is in " + Logs.file() + ")");
        err.flush();
        return Reason.INTERNAL.exitCode();
    }
}
