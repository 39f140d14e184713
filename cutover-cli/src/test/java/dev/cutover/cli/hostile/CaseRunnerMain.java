package dev.cutover.cli.hostile;

import dev.cutover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child JVM of {@link HostileInputTest}: runs the real command line ({@link Main#run}) once per case directory
 * given as an argument, one case after the other, and writes what happened into the case's directory: {@code exit}
 * (the exit code, or the name of the {@code Error} or {@code timeout}), {@code out}, {@code err}, {@code millis} and
 * {@code peak-heap-mb} (the heap's peak use during the case). A case's command line is in its {@code args} file, one
 * argument a line.
 */
public final class CaseRunnerMain {
    static final long CASE_TIMEOUT_SECONDS = 30;

    private CaseRunnerMain() {}

    public static void main(String[] caseDirs) throws Exception {
        for (String dir : caseDirs) {
            run(Path.of(dir));
        }
        // A case that timed out may leave a thread blocked on a FIFO; it must not keep this JVM alive.
        Runtime.getRuntime().halt(0);
    }

    private static void run(Path dir) throws Exception {
        List<String> args = Files.readAllLines(dir.resolve("args"), StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        CompletableFuture<String> exit = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        exit.complete(Integer.toString(
                                Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new))));
                    } catch (Throwable t) {
                        exit.complete(t.getClass().getName());
                    }
                },
                "case-" + dir.getFileName());
        thread.setDaemon(true);
        thread.start();
        String code;
        try {
            code = exit.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            code = "timeout";
        } catch (ExecutionException e) {
            code = e.getCause().getClass().getName();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Files.writeString(dir.resolve("out"), out.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("err"), err.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("millis"), Long.toString(millis));
        Files.writeString(dir.resolve("peak-heap-mb"), Long.toString(peak / (1024 * 1024)));
        Files.writeString(dir.resolve("exit"), code); // last: its presence says the case is complete
    }
}
