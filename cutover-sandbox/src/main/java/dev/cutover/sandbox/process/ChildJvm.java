package dev.cutover.sandbox.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One child JVM on this JVM's class path (with the {@code java} of {@code java.home}) running a main class that prints
 * a ready line and then runs until its stdin closes: its stdin is the parent's lifeline, so the child also stops when
 * the parent dies. Its stdout and stderr go to one file; broker logs that log4j writes to a file go to {@code
 * cutover.log.file}.
 */
final class ChildJvm {
    private final String name;
    private final Process process;
    private final Path outFile;
    private final Path logFile;
    private final OutputStream stdin;

    private ChildJvm(String name, Process process, Path outFile, Path logFile) {
        this.name = name;
        this.process = process;
        this.outFile = outFile;
        this.logFile = logFile;
        this.stdin = process.getOutputStream();
    }

    /**
     * @param name for messages
     * @param workDir the child's working directory
     * @param outFile where its stdout and stderr go (replaced if it exists)
     * @param logFile passed as {@code -Dcutover.log.file}; its directory as {@code -Dcutover.log.dir}
     * @param jvmOptions more options of the child JVM, e.g. system properties
     */
    static ChildJvm start(
            String name,
            String maxHeap,
            Path workDir,
            Path outFile,
            Path logFile,
            List<String> jvmOptions,
            Class<?> main,
            List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-Dcutover.log.file=" + logFile);
        // A child that runs with the product's log configuration logs beside that file, not into the user's log
        // directory.
        command.add("-Dcutover.log.dir=" + logFile.toAbsolutePath().getParent());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outFile.toFile());
        // The class path is passed explicitly; options meant for this JVM are not the child's.
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        try {
            return new ChildJvm(name, builder.start(), outFile, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + name, e);
        }
    }

    /** This JVM's class path with every entry made absolute: the child runs in another working directory. */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Waits until the child prints a line starting with {@code prefix} and returns the rest of it, trimmed; throws with
     * the end of its output if it exits first or the timeout passes (the child is left as it is).
     */
    String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = lineStartingWith(prefix);
            if (line.isPresent()) {
                return line.get().substring(prefix.length()).trim();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + " before it was ready; " + diagnostics());
            }
            pause(50);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; " + diagnostics());
    }

    private Optional<String> lineStartingWith(String prefix) {
        try (var lines = Files.lines(outFile, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The end of the child's output, and of the log file that a file-logging log4j configuration writes. */
    String diagnostics() {
        String text = "the end of " + outFile + ":" + System.lineSeparator() + tail(outFile, 40);
        if (Files.exists(logFile)) {
            text += System.lineSeparator() + "the end of " + logFile + ":" + System.lineSeparator() + tail(logFile, 40);
        }
        return text;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path outFile() {
        return outFile;
    }

    /** Whether the child's output or log says that a port it was to listen on was taken. */
    boolean failedToBind() {
        for (Path file : List.of(outFile, logFile)) {
            try {
                String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
                if (text.contains("java.net.BindException") || text.contains("Address already in use")) {
                    return true;
                }
            } catch (IOException e) {
                // unreadable: not known to be a bind failure
            }
        }
        return false;
    }

    /**
     * Closes the child's stdin, which stops it cleanly; after {@code grace} sends SIGTERM, and after half as long again
     * SIGKILL.
     */
    void stop(Duration grace) {
        long millis = grace.toMillis();
        try {
            stdin.close();
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroy();
            if (!process.waitFor(millis / 2, TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL (on Linux and macOS), as a crash would end it; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** The last {@code maxLines} lines of the child's output. */
    String tail(int maxLines) {
        return tail(outFile, maxLines);
    }

    static String tail(Path path, int maxLines) {
        return dev.cutover.sandbox.LogTails.tail(path, maxLines);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
    }
}
