package dev.cutover.sandbox;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox that runs in a child process of its own, so that {@code sandbox up --detach} can return and {@code sandbox
 * down} can stop it from another process: the README's "leave running; in another terminal" flow in one terminal or a
 * script. The child is an ordinary foreground {@code sandbox up}; its output goes to {@value #LOG} and its pid, once it
 * printed {@code READY}, to {@value #PID}, both in the workspace's {@value #DIR} directory.
 *
 * <p>A pid file is trusted only while its process is alive and runs a sandbox for this workspace (its first JVM option
 * is {@value #MARK}{@code <workspace>}), so a pid reused by another program is never signalled.
 */
public final class DetachedSandbox {
    public static final String DIR = ".sandbox";
    public static final String PID = "pid";
    public static final String LOG = "sandbox.log";
    private static final String READY = "READY ";
    /** Marks the child's command line; first, because long command lines (class paths) may be cut when read back. */
    static final String MARK = "-Dcutover.sandbox.workspace=";

    private DetachedSandbox() {}

    /** What {@link #start} saw: the child's pid and its {@code READY ...} line. */
    public record Started(long pid, String readyLine, Path log) {}

    /**
     * Starts {@code command} (a {@code java} command line running a foreground {@code sandbox up} for {@code
     * workspace}, which must be absolute and normalized; {@value #MARK} is added as its first JVM option) as a child and waits until
     * it prints its READY line, then writes its pid. Fails with {@link Reason#CHECK_FAILED} when a sandbox already runs
     * for the workspace, or when the child exits or stays silent for {@code timeout} (it is then stopped), naming the
     * log.
     */
    public static Started start(Path workspace, List<String> command, Duration timeout) {
        running(workspace).ifPresent(pid -> {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "a sandbox already runs for workspace " + workspace + " (pid " + pid + ")",
                    "stop it first: cutover sandbox down --workspace " + workspace);
        });
        Path dir = workspace.resolve(DIR);
        Path log = dir.resolve(LOG);
        Process child;
        try {
            Files.createDirectories(dir);
            // A pid and a log are this machine's, never the workspace's history: the directory ignores itself.
            AtomicFiles.write(dir.resolve(".gitignore"), "*\n");
            Files.deleteIfExists(dir.resolve(PID));
            List<String> marked = new java.util.ArrayList<>(command);
            marked.add(1, MARK + workspace);
            child = new ProcessBuilder(marked)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox process (log: " + log + ")", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Optional<String> ready = readyLine(log);
                if (ready.isPresent()) {
                    AtomicFiles.write(dir.resolve(PID), child.pid() + "\n");
                    return new Started(child.pid(), ready.get(), log);
                }
                if (!child.isAlive()) {
                    throw new CutoverException(
                            Reason.CHECK_FAILED,
                            "the sandbox process exited with status " + child.exitValue() + " before it was ready",
                            "see its output in " + log);
                }
                if (System.nanoTime() > deadline) {
                    stop(child.toHandle(), Duration.ofSeconds(30));
                    throw new CutoverException(
                            Reason.CHECK_FAILED,
                            "the sandbox was not ready within " + timeout.toSeconds() + " s; stopped it",
                            "see its output in " + log);
                }
                child.waitFor(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            throw new CutoverException(Reason.CHECK_FAILED, "interrupted while the sandbox started", null);
        }
    }

    /**
     * Stops the sandbox running for {@code workspace} as a Ctrl-C would (SIGTERM: it stops both clusters and deletes
     * their data), waits up to {@code timeout} for it to end and removes the pid file. Fails with {@link
     * Reason#CHECK_FAILED} when none runs (a stale pid file is removed and said so) or when it does not end in time.
     *
     * @return the stopped process's pid
     */
    public static long stop(Path workspace, Duration timeout) {
        Path pidFile = workspace.resolve(DIR).resolve(PID);
        if (!Files.exists(pidFile)) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "no sandbox runs for workspace " + workspace + " (no " + pidFile + ")",
                    "start one with: cutover sandbox up --workspace " + workspace + " --detach");
        }
        Optional<Long> pid = running(workspace);
        if (pid.isEmpty()) {
            deleteQuietly(pidFile);
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "no sandbox runs for workspace " + workspace + ": " + pidFile
                            + " named a process that has ended (removed it)",
                    "start one with: cutover sandbox up --workspace " + workspace + " --detach");
        }
        ProcessHandle handle = ProcessHandle.of(pid.get()).orElseThrow();
        if (!stop(handle, timeout)) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    "the sandbox (pid " + pid.get() + ") did not stop within " + timeout.toSeconds() + " s",
                    "see " + workspace.resolve(DIR).resolve(LOG) + "; kill it with: kill -9 " + pid.get());
        }
        deleteQuietly(pidFile);
        return pid.get();
    }

    /** The pid of the sandbox that runs for {@code workspace}, if one does. */
    public static Optional<Long> running(Path workspace) {
        Path pidFile = workspace.resolve(DIR).resolve(PID);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> isSandboxFor(h, workspace))
                .map(ProcessHandle::pid);
    }

    private static boolean isSandboxFor(ProcessHandle handle, Path workspace) {
        // Without a readable command line (another user's process), the pid is not ours to signal.
        String mark = MARK + workspace.toAbsolutePath().normalize();
        return handle.info()
                        .arguments()
                        .map(args -> List.of(args).contains(mark))
                        .orElse(false)
                || handle.info().commandLine().map(c -> c.contains(mark + " ")).orElse(false);
    }

    private static boolean stop(ProcessHandle handle, Duration timeout) {
        handle.destroy();
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<String> readyLine(Path log) {
        try {
            if (!Files.exists(log)) {
                return Optional.empty();
            }
            // Small: the child prints a few lines before READY; read as bytes, tolerant of a half-written line.
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            return text.lines().filter(l -> l.startsWith(READY)).findFirst().filter(l -> text.contains(l + "\n"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover pid file is checked against its process next time
        }
    }
}
