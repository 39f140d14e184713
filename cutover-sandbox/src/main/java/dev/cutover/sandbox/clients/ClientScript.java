package dev.cutover.sandbox.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The start/stop script of a {@link RecordingConsumer} (or {@link RecordingProducer}, {@link CountingStreams}) application, following the command switcher's contract
 * ({@code CUTOVER_ACTION} is {@code stop} or {@code start}; {@code stop} returns once the process has ended): the
 * sandbox's and the tests' way of running a real client in its own JVM that a wave moves. It reads its endpoint from
 * {@code client.properties} beside it (the file a file switcher rewrites; on {@code start} the script also sets its
 * {@code bootstrap.servers} to {@code CUTOVER_BOOTSTRAP_SERVERS}, the way a command switcher alone points a client at
 * the other cluster while the client keeps its own credentials) and logs what it processes to {@code processed.log};
 * its pid is kept in {@code pid}.
 */
public final class ClientScript {
    public static final String SCRIPT = "switch.sh";
    public static final String PROPERTIES = "client.properties";
    public static final String LOG = "processed.log";

    private ClientScript() {}

    /** Writes {@code dir/switch.sh} (executable) for a consumer of {@code topics} in {@code group}. */
    public static Path write(Path dir, String group, String topics) throws IOException {
        return script(dir, RecordingConsumer.class.getName() + " \"$dir/" + PROPERTIES + "\" " + group + " " + topics);
    }

    /**
     * Writes {@code dir/switch.sh} (executable) for a {@link RecordingProducer} named {@code name} writing {@code
     * topic}'s {@code partitions}.
     */
    public static Path writeProducer(Path dir, String name, String topic, int partitions) throws IOException {
        return script(
                dir,
                RecordingProducer.class.getName() + " \"$dir/" + PROPERTIES + "\" " + name + " " + topic + " "
                        + partitions);
    }

    /**
     * Writes {@code dir/switch.sh} (executable) for a {@link CountingStreams} application reading {@code input} (as
     * {@code INPUT[:OUTPUT_PREFIX]}).
     */
    public static Path writeStreams(Path dir, String applicationId, String input) throws IOException {
        return script(
                dir, CountingStreams.class.getName() + " \"$dir/" + PROPERTIES + "\" " + applicationId + " " + input);
    }

    /**
     * Writes {@code dir/switch.sh} (executable) for a Kafka Connect worker in distributed mode ({@code
     * org.apache.kafka.connect.cli.ConnectDistributed}, which the class path must hold) whose worker properties are
     * {@code client.properties}: SIGTERM stops it gracefully (its tasks' offsets committed, its group left).
     */
    public static Path writeConnectWorker(Path dir) throws IOException {
        return script(dir, "org.apache.kafka.connect.cli.ConnectDistributed \"$dir/" + PROPERTIES + "\"");
    }

    /**
     * Writes the script of a {@link RecordingProducer} in a dual-write period: started anywhere but on the target
     * ({@code CUTOVER_CLUSTER} other than {@code target}, or outside a wave) it writes every record to {@code
     * secondBootstrap} as well; started on the target it writes there alone (its source writes retired).
     */
    public static Path writeDualProducer(Path dir, String name, String topic, int partitions, String secondBootstrap)
            throws IOException {
        String props = "\"$dir/" + PROPERTIES + "\"";
        String dual = "    grep -v '^" + RecordingProducer.DUAL + "=' " + props + " > " + props + ".dual\n"
                + "    if [ \"$CUTOVER_CLUSTER\" != target ]; then echo '" + RecordingProducer.DUAL + "="
                + secondBootstrap + "' >> " + props + ".dual; fi\n"
                + "    mv " + props + ".dual " + props + "\n";
        return script(
                dir,
                RecordingProducer.class.getName() + " \"$dir/" + PROPERTIES + "\" " + name + " " + topic + " "
                        + partitions,
                dual);
    }

    private static Path script(Path dir, String mainAndArgs) throws IOException {
        return script(dir, mainAndArgs, "");
    }

    private static Path script(Path dir, String mainAndArgs, String beforeStart) throws IOException {
        Files.createDirectories(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        String script = "#!/bin/sh\n"
                + "# Starts and stops this application as a wave's command switcher asks (CUTOVER_ACTION=stop|start).\n"
                + "dir='" + dir.toAbsolutePath() + "'\n"
                + "case \"$CUTOVER_ACTION\" in\n"
                + "  stop)\n"
                + "    [ -f \"$dir/pid\" ] || exit 0\n"
                + "    pid=$(cat \"$dir/pid\")\n"
                + "    kill -TERM \"$pid\" 2>/dev/null\n"
                + "    while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done\n"
                + "    rm -f \"$dir/pid\" ;;\n"
                + "  start)\n"
                + "    if [ -f \"$dir/pid\" ] && kill -0 \"$(cat \"$dir/pid\")\" 2>/dev/null; then exit 0; fi\n"
                + "    # the endpoint the wave names (a file switcher may have written it already: the same value)\n"
                + "    if [ -n \"$CUTOVER_BOOTSTRAP_SERVERS\" ] && ! grep -qxF \"bootstrap.servers=$CUTOVER_BOOTSTRAP_SERVERS\""
                + " \"$dir/" + PROPERTIES + "\"; then\n"
                + "      grep -v '^bootstrap.servers=' \"$dir/" + PROPERTIES + "\" > \"$dir/" + PROPERTIES + ".new\"\n"
                + "      echo \"bootstrap.servers=$CUTOVER_BOOTSTRAP_SERVERS\" >> \"$dir/" + PROPERTIES + ".new\"\n"
                + "      mv \"$dir/" + PROPERTIES + ".new\" \"$dir/" + PROPERTIES + "\"\n"
                + "    fi\n"
                + beforeStart
                + "    '" + java + "' -Xmx256m -Dcutover.log.dir=\"$dir\" -cp '" + System.getProperty("java.class.path")
                + "' "
                + mainAndArgs + " \"$dir/" + LOG + "\" </dev/null >>\"$dir/client.out\" 2>&1 &\n"
                + "    echo $! > \"$dir/pid\" ;;\n"
                + "  *) echo \"unknown action '$CUTOVER_ACTION': expected stop or start\" >&2; exit 2 ;;\n"
                + "esac\n";
        Path file = dir.resolve(SCRIPT);
        Files.writeString(file, script);
        if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + file + " executable");
        }
        return file;
    }

    /** Runs the script outside a wave, e.g. to start the application on the source before it moves. */
    public static void run(Path dir, String action) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", dir.resolve(SCRIPT).toString()).redirectErrorStream(true);
        pb.environment().put("CUTOVER_ACTION", action);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IOException(dir.resolve(SCRIPT) + " " + action + " exited with " + exit + ": " + output.strip());
        }
    }
}
