package dev.cutover.cli.progress;

import dev.cutover.api.Progress;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where a command shows progress, always on stderr so that stdout stays the command's result ({@code --output json}
 * parses): a bar when stderr is a terminal, plain lines every {@value #EVERY_SECONDS} s otherwise, nothing with {@code
 * --no-progress} or {@code CUTOVER_PROGRESS=off}. Lines the command prints while progress shows go through {@link
 * #line(String)}, so that they do not land in the middle of a bar.
 */
public final class ProgressOutput implements AutoCloseable {
    static final int EVERY_SECONDS = 10;

    /** The environment variable that turns progress off ({@code off}) or forces plain lines ({@code lines}). */
    public static final String ENV = "CUTOVER_PROGRESS";

    /** How progress shows. */
    public enum Mode {
        BAR,
        LINES,
        OFF
    }

    /** Set by {@code Main.main}: the command's stderr is the process's, so a bar may be drawn on it. */
    private static volatile boolean processStderr;

    private final Mode mode;
    private final PrintWriter err;
    private final Progress progress;
    private final TerminalProgress bar;
    private final ScheduledExecutorService ticker;

    private ProgressOutput(Mode mode, PrintWriter err) {
        this.mode = mode;
        this.err = err;
        switch (mode) {
            case BAR -> {
                bar = new TerminalProgress(System.err);
                progress = bar;
                ticker = null;
            }
            case LINES -> {
                PlainProgress plain =
                        new PlainProgress(this::println, System::nanoTime, Duration.ofSeconds(EVERY_SECONDS));
                bar = null;
                progress = plain;
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "cutover-progress");
                    t.setDaemon(true);
                    return t;
                });
                ticker.scheduleAtFixedRate(plain::tick, 1, 1, TimeUnit.SECONDS);
            }
            default -> {
                bar = null;
                progress = Progress.none();
                ticker = null;
            }
        }
    }

    /** Called once by the process's entry point, never by tests that capture a command's stderr. */
    public static void stderrIsTheProcessStderr() {
        processStderr = true;
    }

    /** Progress for a command writing to {@code err}; {@code disabled} is its {@code --no-progress}. */
    public static ProgressOutput open(PrintWriter err, boolean disabled) {
        return new ProgressOutput(mode(disabled, System.getenv(), processStderr && stderrIsATerminal()), err);
    }

    /** The mode for the flag, the environment and whether stderr is a terminal. */
    static Mode mode(boolean disabled, Map<String, String> env, boolean terminal) {
        String setting = env.getOrDefault(ENV, "").trim().toLowerCase(Locale.ROOT);
        if (disabled || setting.equals("off") || setting.equals("false") || setting.equals("0")) {
            return Mode.OFF;
        }
        boolean dumb = "dumb".equals(env.get("TERM"));
        return terminal && !dumb && !setting.equals("lines") ? Mode.BAR : Mode.LINES;
    }

    public Mode mode() {
        return mode;
    }

    public Progress progress() {
        return progress;
    }

    /** Prints a line on stderr, above the bar when one shows. */
    public void line(String text) {
        if (bar != null) {
            err.flush();
            bar.line(text);
        } else {
            println(text);
        }
    }

    private void println(String text) {
        synchronized (err) {
            err.println(text);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /**
     * Whether stderr is a terminal. On Linux, what file descriptor 2 is (a pseudo-terminal or a tty device); elsewhere
     * the JVM's console, which Java 17 gives only when stdin and stdout are terminals (conservative: no bar when stdout
     * is redirected) and Java 22+ also without one unless {@code Console#isTerminal} says so.
     */
    static boolean stderrIsATerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before Java 22, a console means a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
