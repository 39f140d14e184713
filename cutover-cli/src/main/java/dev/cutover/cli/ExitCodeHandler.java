package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClientFailures;
import java.io.PrintWriter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns a failure into a message and an exit code (see {@link Reason}). A {@link
 * CutoverException} is a failure the user can act on: its message and hint are printed as they are. A Kafka client's
 * failure that says something about the environment (a timeout, an unreachable cluster, credentials, permissions, a
 * JAAS or SSL misconfiguration) is one too, classified by {@link ClientFailures}. Anything else is a bug in cutover: a
 * short line is printed, the stack trace goes to the log.
 */
final class ExitCodeHandler implements IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ExitCodeHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        return report(ex, cli.getErr());
    }

    /** Prints what went wrong to {@code err} and returns the exit code; for commands that catch a failure themselves. */
    static int report(Throwable failure, PrintWriter err) {
        Optional<CutoverException> known = failure instanceof CutoverException ce
                ? Optional.of(ce)
                : ClientFailures.classify(failure, (String) null);
        if (known.isPresent()) {
            CutoverException ce = known.get();
            err.println("error: " + ce.getMessage());
            ce.hint().filter(h -> !ce.getMessage().contains(h)).ifPresent(h -> err.println("  what to do: " + h));
            log.debug("command failed", failure);
            err.flush();
            return ce.exitCode();
        }
        log.error("internal error", failure);
        err.println("internal error: " + failure.getClass().getSimpleName() + ": " + ClientFailures.chain(failure)
                + " (a bug in cutover; the stack trace is in " + Logs.file() + ")");
        err.flush();
        return Reason.INTERNAL.exitCode();
    }
}
