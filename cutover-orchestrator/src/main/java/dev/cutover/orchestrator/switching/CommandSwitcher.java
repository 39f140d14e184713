package dev.cutover.orchestrator.switching;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.Redactor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code switch: command: [ARGV...]}: runs a command for {@code stop} and for {@code start}, typically to set a
 * deployment's endpoint and restart it. The command runs without a shell, in the workspace directory, with cutover's
 * environment plus this public contract ({@code docs/waves.md}, "Switchers"):
 *
 * <ul>
 *   <li>{@value #WORKLOAD}, {@value #WAVE}: the workload's and the wave's names
 *   <li>{@value #ACTION}: {@code stop} or {@code start}
 *   <li>{@value #CLUSTER}: the profile's name ({@code source}, {@code target}, ...): where the client runs now
 *       ({@code stop}) or must run ({@code start})
 *   <li>{@value #BOOTSTRAP_SERVERS}: that profile's {@code bootstrap.servers}, as the profile holds it
 *   <li>{@value #CLIENT_PROPERTIES}: a properties file (mode 0600, in the state directory) with that profile's
 *       connection settings, secrets as config-provider references ({@link ConnectionSettings})
 * </ul>
 *
 * <p>Exit 0 means done ({@code stop} must return once the client has stopped). Any other exit, or no exit within
 * the timeout (the process and everything it started are then stopped), fails the action with
 * {@link Reason#CHECK_FAILED} naming the command, the exit code and the last lines of its stderr; a program that
 * cannot be started fails with {@link Reason#CONFIG_INVALID}. Its output is appended to
 * {@code STATE/command/stdout.log} and {@code stderr.log}. Running it again is the command's own business: it must
 * be idempotent, as a resumed wave may repeat an action.
 */
public final class CommandSwitcher implements Switcher {
    public static final String WORKLOAD = "CUTOVER_WORKLOAD";
    public static final String WAVE = "CUTOVER_WAVE";
    public static final String ACTION = "CUTOVER_ACTION";
    public static final String CLUSTER = "CUTOVER_CLUSTER";
    public static final String BOOTSTRAP_SERVERS = "CUTOVER_BOOTSTRAP_SERVERS";
    public static final String CLIENT_PROPERTIES = "CUTOVER_CLIENT_PROPERTIES";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final List<String> command;
    private final Duration timeout;

    /** A command with {@link #DEFAULT_TIMEOUT}. */
    public CommandSwitcher(List<String> command) {
        this(command, DEFAULT_TIMEOUT);
    }

    /**
     * @param command the argv; a first element with a {@code /} that is not absolute is relative to the workspace,
     *     one without is looked up on the {@code PATH}
     * @param timeout how long one action may run before it is stopped and fails
     */
    public CommandSwitcher(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("a switch command needs at least the program");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the switch command's timeout must be positive: " + timeout);
        }
    }

    public List<String> command() {
        return command;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public SwitchOutcome stop(SwitchContext context) throws InterruptedException {
        return run("stop", context);
    }

    @Override
    public SwitchOutcome start(SwitchContext context) throws InterruptedException {
        return run("start", context);
    }

    private SwitchOutcome run(String action, SwitchContext context) throws InterruptedException {
        String shown = Redactor.redactText(String.join(" ", command));
        String cluster = context.cluster().name();
        ConnectionSettings settings = ConnectionSettings.of(context.cluster(), "the client properties for " + shown);
        Path dir = StateFiles.directory(context.stateDir().resolve("command"));
        Path properties = dir.resolve("client-" + cluster + ".properties");
        String content = clientProperties(context, settings);
        StateFiles.writing(properties, () -> AtomicFiles.write(properties, content, StateFiles.OWNER_ONLY));
        Path stdout = StateFiles.ownerOnlyFile(dir.resolve("stdout.log"));
        Path stderr = StateFiles.ownerOnlyFile(dir.resolve("stderr.log"));

        Map<String, String> env = new LinkedHashMap<>();
        env.put(WORKLOAD, context.workload());
        env.put(WAVE, context.wave());
        env.put(ACTION, action);
        env.put(CLUSTER, cluster);
        env.put(BOOTSTRAP_SERVERS, context.cluster().bootstrapServers());
        env.put(CLIENT_PROPERTIES, properties.toAbsolutePath().toString());
        String header = "==> " + Instant.now() + " cutover: " + action + " workload " + context.workload() + " on "
                + cluster + " (wave " + context.wave() + "): " + shown;
        String what = "workload '" + context.workload() + "': switch command '" + shown + "' (" + action + " on "
                + cluster + ")";
        String logs = "its output is in " + stdout + " and " + stderr;

        CommandRun.Result result;
        try {
            result = CommandRun.run(
                    argv(context.workspace()), context.workspace(), env, stdout, stderr, header, timeout);
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    what + " could not be started: " + Redactor.redactText(e.getMessage()),
                    "check 'switch: command:' in workloads.yaml: the program must exist and be executable; a path"
                            + " with '/' is relative to the workspace " + context.workspace()
                            + ", a bare name is looked up on the PATH",
                    e);
        }
        String took = seconds(result.duration());
        if (result.exitCode().isEmpty()) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    what + " did not finish within " + timeout + "; cutover stopped it and the processes it started"
                            + stderrTail(result),
                    logs + "; make the command finish in time (it must return once the client has "
                            + (action.equals("stop") ? "stopped" : "started") + "), then resume the wave");
        }
        int exit = result.exitCode().get();
        if (exit != 0) {
            throw new CutoverException(
                    Reason.CHECK_FAILED,
                    what + " failed with exit code " + exit + " after " + took + stderrTail(result),
                    logs + "; fix the cause, then resume the wave (the command runs again)");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("command", shown);
        details.put("action", action);
        details.put("cluster", cluster);
        details.put("exitCode", "0");
        details.put("durationMs", String.valueOf(result.duration().toMillis()));
        details.put("clientProperties", properties.toString());
        details.put("log.stdout", stdout.toString());
        details.put("log.stderr", stderr.toString());
        return SwitchOutcome.done("ran " + shown + " to " + action + " on " + cluster + ": exit 0 in " + took, details);
    }

    /** The argv with a relative program path made relative to the workspace. */
    private List<String> argv(Path workspace) {
        List<String> argv = new ArrayList<>(command);
        String program = argv.get(0);
        if (program.indexOf('/') >= 0 || program.indexOf(File.separatorChar) >= 0) {
            Path path = Path.of(program);
            if (!path.isAbsolute()) {
                argv.set(0, workspace.toAbsolutePath().resolve(path).normalize().toString());
            }
        }
        return argv;
    }

    private static String clientProperties(SwitchContext context, ConnectionSettings settings) {
        StringBuilder text = new StringBuilder();
        text.append("# Connection settings of profile '")
                .append(settings.profile())
                .append("' for workload '")
                .append(context.workload())
                .append("', written by cutover.\n# Secrets are config-provider references, never values.\n");
        settings.asProperties().forEach((key, value) -> text.append(PropertiesRewriter.escapeKey(key))
                .append('=')
                .append(PropertiesRewriter.escapeValue(value))
                .append('\n'));
        return text.toString();
    }

    private static String stderrTail(CommandRun.Result result) {
        if (result.stderrTail().isEmpty()) {
            return " (nothing on stderr)";
        }
        return "; last lines of its stderr:\n  | " + String.join("\n  | ", result.stderrTail());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
