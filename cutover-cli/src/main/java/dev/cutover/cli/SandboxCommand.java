package dev.cutover.cli;

import dev.cutover.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sandbox",
        description = "Real Kafka clusters on this machine, to try cutover or to test against.",
        mixinStandardHelpOptions = true,
        subcommands = {SandboxCommand.Up.class},
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
                "WORKSPACE/.secrets/ (git-ignored), referenced from cutover.yaml."
            },
            footer = {
                "",
                "Exit codes: 0 stopped cleanly after Ctrl-C / SIGTERM, 2 usage error (e.g. a workspace that",
                "            cannot be written)."
            })
    static final class Up implements Callable<Integer> {
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

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            err.println("starting source and target clusters...");
            err.flush();
            SandboxSession session = SandboxSession.start(
                    Sandbox.Options.defaults().brokers(brokers).secure(secure), seed, workspace, err);
            Foreground foreground;
            try {
                foreground = Foreground.listen();
                out.println("READY source=" + session.sandbox().source().bootstrapServers() + " target="
                        + session.sandbox().target().bootstrapServers());
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
    }
}
