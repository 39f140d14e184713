package dev.cutover.orchestrator.switching;

import dev.cutover.config.Redactor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one command to its end or its deadline: no shell, stdin closed, stdout and stderr appended to two log files
 * (each run starts with a header line), and on timeout or interruption the whole process tree is stopped (SIGTERM,
 * then SIGKILL after {@link #GRACE}).
 */
final class CommandRun {
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final int TAIL_LINES = 10;
    private static final int TAIL_LINE_CHARS = 300;

    /** How a run ended: its exit code, or empty when it was stopped at the deadline. */
    record Result(Optional<Integer> exitCode, Duration duration, List<String> stderrTail) {}

    private CommandRun() {}

    /**
     * @throws IOException when the program cannot be started (not found, not executable)
     * @throws InterruptedException after stopping the process tree, when the calling thread is interrupted
     */
    static Result run(
            List<String> argv,
            Path workingDir,
            Map<String, String> environment,
            Path stdoutLog,
            Path stderrLog,
            String header,
            Duration timeout)
            throws IOException, InterruptedException {
        appendLine(stdoutLog, header);
        appendLine(stderrLog, header);
        long stderrFrom = Files.size(stderrLog);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(workingDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutLog.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stopTree(process);
            throw e;
        }
        if (!finished) {
            stopTree(process);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Optional<Integer> exit = finished ? Optional.of(process.exitValue()) : Optional.empty();
        return new Result(exit, took, tail(stderrLog, stderrFrom));
    }

    /**
     * Stops the process and everything it started: SIGTERM to all, then SIGKILL to what is left after {@link #GRACE}.
     * Descendants are listed while the process still lives (once it is gone they no longer belong to it).
     */
    static void stopTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // some ignored SIGTERM: they get SIGKILL below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> late = new ArrayList<>(process.descendants().toList());
        late.addAll(tree);
        late.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The last lines written to {@code log} from {@code from} on, shortened and redacted. */
    private static List<String> tail(Path log, long from) throws IOException {
        long size = Files.size(log);
        long start = Math.max(from, size - 64 * 1024);
        byte[] bytes = new byte[(int) (size - start)];
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(start);
            file.readFully(bytes);
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return last.stream()
                .map(l -> l.length() > TAIL_LINE_CHARS ? l.substring(0, TAIL_LINE_CHARS) + "..." : l)
                .map(Redactor::redactText)
                .toList();
    }

    private static void appendLine(Path log, String line) throws IOException {
        Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
