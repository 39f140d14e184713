package dev.cutover.cli;

import dev.cutover.config.Workspace;
import dev.cutover.doctor.Doctor;
import dev.cutover.doctor.DoctorRendering;
import dev.cutover.doctor.DoctorReport;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Checks, per profile of cutover.yaml, what the commands will need, and says what to fix before anyone",
            "runs them. Read-only: it lists and describes, never writes to a cluster.",
            "",
            "Per profile: the client can be made and the cluster answers (mechanism and principal named); its",
            "finalized features (the target needs transaction.version 2 for the link's zombie guarantee); each",
            "JMX URL, the brokers' Kafka versions and their clocks against this host's (through JMX: Kafka has",
            "no read-only request for a broker's time); cutover's permissions against the README's tables, from",
            "the operations the cluster reports for cutover's principal: the 'source' profile for inventory,",
            "link start and offsets; the 'target' profile for each link's topics, internal topics,",
            "transactional id, ACL and quota sync and offsets sync, and free space for what the link copies.",
            "",
            "A check is pass, warn (the command runs but skips part of its work), fail (a command will stop on",
            "it) or unknown (doctor cannot tell without writing, e.g. WRITE on a transactional id; it says why)."
        },
        footer = {
            "",
            "Exit codes: 0 no check failed (warnings and unknowns are listed), 1 a check failed,",
            "2 bad workspace, profile name or option. An unreachable cluster is a failed check (exit 1), not 3."
        })
final class DoctorCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Option(
            names = "--cluster",
            paramLabel = "NAME",
            arity = "1..*",
            description = "Profiles of cutover.yaml to check (default: all of them).")
    List<String> clusters = List.of();

    @Mixin
    Options.MdOrJson output;

    @Override
    public Integer call() {
        Workspace ws = workspace.load();
        DoctorReport report = new Doctor(Clock.systemUTC()).check(ws, clusters);
        var out = spec.commandLine().getOut();
        out.print(output.format == OutputFormat.JSON ? DoctorRendering.json(report) : DoctorRendering.markdown(report));
        out.flush();
        return report.exitCode();
    }
}
