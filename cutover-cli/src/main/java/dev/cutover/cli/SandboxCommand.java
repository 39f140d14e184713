package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Durations;
import dev.cutover.sandbox.DetachedSandbox;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.registry.JavaRuntimes;
import dev.cutover.sandbox.registry.RegistryDistribution;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sandbox",
        description = "Real Kafka clusters on this machine, to try cutover or to test against.",
        mixinStandardHelpOptions = true,
        subcommands = {SandboxCommand.Up.class, SandboxCommand.Down.class},
        footer = {"", "Exit codes: 0 ok, 2 usage error (see each command's --help)."})
final class SandboxCommand {

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = {
                "Starts a source and a target Kafka cluster (Kafka 4.3.1, KRaft) in this process, writes",
                "WORKSPACE/cutover.yaml with a 'source' and a 'target' profile that every other command reads,",
                "prints 'READY source=<bootstrap> target=<bootstrap>' and runs until Ctrl-C or SIGTERM,",
                "then stops both clusters and deletes their data.",
                "",
                "With --seed-workload it also starts a small estate on the source: topics, producers (plain,",
                "idempotent, transactional with aborts), consumer groups and a Kafka Streams application.",
                "With --secure the clusters use SASL/SCRAM-SHA-512 and ACLs, every seeded client has its own",
                "principal with least-privilege ACLs, and the super user's password is kept in",
                "WORKSPACE/.secrets/ (git-ignored), referenced from cutover.yaml.",
                "With --schema-registry it also starts a schema registry per cluster (Apicurio Registry "
                        + RegistryDistribution.VERSION + ",",
                "in-memory, Confluent-compatible API), names it in each profile (schemaRegistry: url) and",
                "appends ' source-registry=<url> target-registry=<url>' to the READY line. The registry runs",
                "on Java 21+ (cutover itself needs only 17): set " + JavaRuntimes.ENV + " to a JDK 21+ home",
                "or its bin/java, or it is looked for in JAVA_HOME and /usr/lib/jvm. It is fetched from Maven",
                "Central on first use (or set " + RegistryDistribution.ENV_HOME + " to an unpacked copy);",
                "its logs go to WORKSPACE/.sandbox/registry-<cluster>.log.",
                "",
                "With --detach it runs in a background process instead: the command waits until the clusters",
                "are ready, prints the READY line, writes the process id to WORKSPACE/.sandbox/pid (its output",
                "goes to WORKSPACE/.sandbox/sandbox.log) and exits 0; 'cutover sandbox down' stops it."
            },
            footer = {
                "",
                "Exit codes: 0 stopped cleanly after Ctrl-C / SIGTERM (--detach: running in the background),",
                "            1 a sandbox already runs for the workspace, or (--detach) it did not get ready,",
                "            2 usage error (e.g. a workspace that cannot be written), or --schema-registry without",
                "              a Java 21+ (the message says where it looked)."
            })
    static final class Up implements Callable<Integer> {
        /** Three brokers, SCRAM users and the seeded estate take a minute on a busy laptop; this leaves room. */
        private static final Duration START_LIMIT = Duration.ofMinutes(4);

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--workspace", required = true, description = "Workspace directory (created if missing).")
        Path workspace;

        @Option(names = "--secure", description = "SASL/SCRAM-SHA-512 with ACLs instead of PLAINTEXT.")
        boolean secure;

        @Option(names = "--seed-workload", description = "Start the sample estate on the source cluster.")
        boolean seed;

        @Option(
                names = "--brokers",
                defaultValue = "1",
                description = "Brokers per cluster: 1 or 3 (default: ${DEFAULT-VALUE}).")
        int brokers;

        @Option(
                names = "--schema-registry",
                description = "Also start a schema registry per cluster (needs a Java 21+, see above).")
        boolean schemaRegistry;

        @Option(
                names = "--detach",
                description = "Run in the background: return once READY, stop with 'cutover sandbox down'.")
        boolean detach;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            Path ws = workspace.toAbsolutePath().normalize();
            if (detach) {
                return detached(ws, out, err);
            }
            DetachedSandbox.running(ws).ifPresent(pid -> {
                throw new CutoverException(
                        Reason.CHECK_FAILED,
                        "a sandbox already runs for workspace " + ws + " (pid " + pid + ")",
                        "stop it first: cutover sandbox down --workspace " + workspace);
            });
            err.println("starting source and target clusters...");
            err.flush();
            SandboxSession session = SandboxSession.start(
                    Sandbox.Options.defaults().brokers(brokers).secure(secure), seed, schemaRegistry, workspace, err);
            Foreground foreground;
            try {
                foreground = Foreground.listen();
                out.println(readyLine(session));
                out.flush();
                foreground.awaitStopRequest();
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
            err.println("stopping...");
            err.flush();
            int status = dev.cutover.api.Reason.INTERNAL.exitCode();
            try {
                session.close();
                err.println("stopped");
                status = 0;
            } finally {
                err.flush();
                foreground.finished(status);
            }
            return 0;
        }

        /**
         * {@code READY source=<bootstrap> target=<bootstrap>}, then {@code source-registry=<url>
         * target-registry=<url>} with --schema-registry: appended, so parsers of the first two fields keep working.
         */
        static String readyLine(SandboxSession session) {
            StringBuilder line = new StringBuilder("READY source=")
                    .append(session.sandbox().source().bootstrapServers())
                    .append(" target=")
                    .append(session.sandbox().target().bootstrapServers());
            session.registries().ifPresent(r -> r.urls().forEach((cluster, url) -> line.append(' ')
                    .append(cluster)
                    .append("-registry=")
                    .append(url)));
            return line.toString();
        }

        private int detached(Path ws, PrintWriter out, PrintWriter err) {
            if (schemaRegistry) {
                // Fail here, with exit 2, rather than in the background; and fetch the registry here, with progress
                // on this terminal, rather than inside the start limit.
                SandboxRegistries.java();
                RegistryDistribution.defaults().home(line -> {
                    err.println(line);
                    err.flush();
                });
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The same JVM settings (log directory, heap) as this process; not agents or debuggers.
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-D") || a.startsWith("-Xm"))
                    .forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(
                    List.of("sandbox", "up", "--workspace", ws.toString(), "--brokers", Integer.toString(brokers)));
            if (secure) {
                command.add("--secure");
            }
            if (seed) {
                command.add("--seed-workload");
            }
            if (schemaRegistry) {
                command.add("--schema-registry");
            }
            err.println("starting source and target clusters in the background...");
            err.flush();
            DetachedSandbox.Started started = DetachedSandbox.start(ws, command, START_LIMIT);
            out.println(started.readyLine());
            out.flush();
            err.println("sandbox running in the background (pid " + started.pid() + ", output in " + started.log()
                    + "); stop it with: cutover sandbox down --workspace " + workspace);
            err.flush();
            return 0;
        }
    }

    @Command(
            name = "down",
            mixinStandardHelpOptions = true,
            description = {
                "Stops the sandbox that 'sandbox up --detach' started for WORKSPACE, as Ctrl-C would stop a",
                "foreground one (both clusters stop and their data is deleted), and waits until it has ended."
            },
            footer = {
                "",
                "Exit codes: 0 stopped, 1 no sandbox runs for the workspace (a stale pid file is removed), or it",
                "            did not stop within --timeout, 2 usage error."
            })
    static final class Down implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "The sandbox's workspace.")
        Path workspace;

        @Option(
                names = "--timeout",
                defaultValue = "60s",
                paramLabel = "DURATION",
                description = "How long to wait for it to stop (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        public Integer call() {
            Duration limit = Durations.parse(timeout)
                    .orElseThrow(() -> new CutoverException(
                            Reason.USAGE, "--timeout takes a duration such as 30s or 2m; got '" + timeout + "'", null));
            var err = spec.commandLine().getErr();
            err.println("stopping the sandbox of " + workspace + "...");
            err.flush();
            long pid = DetachedSandbox.stop(workspace.toAbsolutePath().normalize(), limit);
            spec.commandLine().getOut().println("stopped the sandbox (pid " + pid + ")");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
