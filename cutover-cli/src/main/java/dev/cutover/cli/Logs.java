package dev.cutover.cli;

import dev.cutover.cli.logging.LogDirectory;

/** Where the log goes: stdout and stderr are for the user, the log file for details (see {@link LogDirectory}). */
final class Logs {
    private Logs() {}

    /** The log file of this run, or a phrase saying there is none, for messages that point at it. */
    static String file() {
        return LogDirectory.file().map(Object::toString).orElse("the log");
    }
}
