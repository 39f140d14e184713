package dev.cutover.sandbox.legacy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One child JVM whose stdout and stderr go to a log file. */
final class ChildJvm {
    private final String role;
    private final Process process;
    private final Path logFile;

    private ChildJvm(String role, Process process, Path logFile) {
        this.role = role;
        this.process = process;
        this.logFile = logFile;
    }

    static ChildJvm start(
            String role,
            String classpath,
            List<String> jvmOptions,
            String mainClass,
            List<String> args,
            Path workDir,
            Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        // The child must not inherit a class path or options meant for this JVM.
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        return new ChildJvm(role, builder.start(), logFile);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .filter(c -> Path.of(c).getFileName().toString().startsWith("java"))
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    String role() {
        return role;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** SIGTERM, wait up to {@code graceMillis}, then kill. */
    void stop(long graceMillis) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    /** The last {@code maxLines} lines of the log, for error messages. */
    String tail(int maxLines) {
        return dev.cutover.sandbox.LogTails.tail(logFile, maxLines);
    }

    String describeExit() {
        return process.isAlive() ? role + " is running" : role + " exited with code " + process.exitValue();
    }
}
