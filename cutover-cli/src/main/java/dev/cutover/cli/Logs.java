package dev.cutover.cli;

/** Where the log goes: stdout and stderr are for the user, the log file for details. */
final class Logs {
    static final String PROPERTY = "cutover.log.file";

    private Logs() {}

    static String file() {
        return System.getProperty(PROPERTY, System.getProperty("java.io.tmpdir") + "/cutover.log");
    }
}
