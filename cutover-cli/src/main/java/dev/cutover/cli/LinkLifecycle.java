package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Workspace;
import dev.cutover.config.yaml.ConfigErrors;
import dev.cutover.link.engine.HostedCopy;
import dev.cutover.link.lifecycle.LinkDelete;
import dev.cutover.link.lifecycle.LinkStop;
import java.io.Console;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code link stop} and {@code link delete}: the operator's side of a link's lifecycle, through its state on the target. */
final class LinkLifecycle {
    private LinkLifecycle() {}

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = {
                "Asks the running instance of a link, on whatever host it runs, to finish its transaction and",
                "stop, and waits until it has (up to --timeout). The request is a record in the link's state on",
                "the target (__cutover.<name>.state), which the instance reads at its next checkpoint; it then",
                "commits, gives its lease up and records 'stopped' with 'stop requested by <user> on <host> at",
                "<time>', which 'link status' shows. A link that is not running is left as it is (exit 0).",
                "Needs WRITE and READ on __cutover.<name>.state."
            },
            footer = {
                "",
                "Exit codes: 0 stopped (or not running), 1 the link never ran on the target, or did not stop",
                "            within --timeout, 2 usage or config error, 3 target unreachable or denied."
            })
    static final class Stop implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Mixin
        Options.LinkName name;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "60s",
                converter = OffsetsCommand.DurationConverter.class,
                description = "How long to wait for the link to report stopped (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() {
            Workspace ws = workspace.load();
            String link = name.resolve(ws).name();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LinkStop.Outcome outcome = LinkStop.stop(
                    ws.profile("target"),
                    link,
                    System.getProperty("user.name", "unknown"),
                    hostName(),
                    timeout,
                    Clock.systemUTC());
            int status;
            if (outcome instanceof LinkStop.Outcome.NeverRan n) {
                status = neverRan(err, link, n.linksOnTarget());
            } else if (outcome instanceof LinkStop.Outcome.NotRunning n) {
                out.println("link '" + link + "' is not running"
                        + n.stopped()
                                .map(s -> "; it stopped at " + s.stoppedAt() + " on " + s.host() + ": " + s.reason())
                                .orElse(""));
                status = Reason.EXIT_OK;
            } else if (outcome instanceof LinkStop.Outcome.Stopped s) {
                out.println("link '" + link + "' stopped at " + s.stopped().stoppedAt() + " on "
                        + s.stopped().host() + " (pid " + s.stopped().pid() + "): "
                        + s.stopped().reason());
                status = Reason.EXIT_OK;
            } else if (outcome instanceof LinkStop.Outcome.OnKafkaConnect c) {
                String task = c.lease().instance().substring(HostedCopy.CONNECT_INSTANCE.length());
                err.println("error: link '" + link + "' runs on Kafka Connect (" + task + " on "
                        + c.lease().host() + "): a stop request does not stop Connect's tasks");
                err.println("  what to do: remove the connector with 'cutover link deploy --connect URL --name " + link
                        + " --delete' (or pause it in Connect); 'cutover link start' then resumes the link from the"
                        + " same state");
                status = Reason.CHECK_FAILED.exitCode();
            } else {
                LinkStop.Outcome.StillRunning r = (LinkStop.Outcome.StillRunning) outcome;
                err.println("error: link '" + link + "' on " + r.lease().host() + " (pid "
                        + r.lease().pid()
                        + ") did not report stopped within " + timeout.toSeconds() + " s; the request ("
                        + r.request().describe() + ") stays, and it stops at its next checkpoint");
                err.println("  what to do: check 'cutover link status --name " + link + "'; an instance that is"
                        + " paused or cut off from the target keeps the lease until it expires");
                status = Reason.CHECK_FAILED.exitCode();
            }
            out.flush();
            err.flush();
            return status;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = {
                "Deletes a stopped link's internal topics on the target (__cutover.<name>.state and",
                "__cutover.<name>.offsets): its progress, lease and offset map. The topics it copied stay. After",
                "this, 'offsets translate/sync' can no longer use the link, and a new 'link start' under the",
                "name begins from scratch. Refused while an instance runs the link (stop it first with 'link",
                "stop'). Asks to type the link's name to confirm; --yes confirms in scripts. Needs DELETE on",
                "the two topics."
            },
            footer = {
                "",
                "Exit codes: 0 deleted, 1 the link is running, never ran on the target, or deletion was not",
                "            confirmed, 2 usage or config error (no --yes without a terminal), 3 target",
                "            unreachable or denied."
            })
    static final class Delete implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Options.WorkspaceDir workspace;

        @Mixin
        Options.LinkName name;

        @Option(names = "--yes", description = "Delete without asking (for scripts).")
        boolean yes;

        @Override
        public Integer call() {
            Workspace ws = workspace.load();
            String link = name.resolve(ws).name();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LinkDelete.Plan plan = LinkDelete.plan(ws.profile("target"), link, Clock.systemUTC());
            if (plan.neverRan()) {
                return neverRan(err, link, plan.linksOnTarget());
            }
            if (!yes) {
                Console console = System.console();
                if (console == null) {
                    throw new CutoverException(
                            Reason.USAGE,
                            "link delete asks for confirmation, and there is no terminal to ask on",
                            "add --yes to delete " + String.join(", ", plan.topics()) + " without asking");
                }
                String answer = console.readLine(
                        "Delete %s of link '%s' from the target? Type the link's name to confirm: ",
                        String.join(" and ", plan.topics()), link);
                if (answer == null || !answer.trim().equals(link)) {
                    err.println("error: not confirmed; nothing deleted");
                    err.flush();
                    return Reason.CHECK_FAILED.exitCode();
                }
            }
            List<String> deleted = LinkDelete.delete(ws.profile("target"), plan);
            out.println("deleted " + String.join(", ", deleted) + " (link '" + link
                    + "'); the topics it copied stay on the target");
            out.flush();
            return Reason.EXIT_OK;
        }
    }

    /** Exit 1 for a link with no state on the target, naming those that have. */
    static int neverRan(PrintWriter err, String link, List<String> linksOnTarget) {
        err.println("error: link '" + link + "' has never run against this target. "
                + (linksOnTarget.isEmpty()
                        ? "No link has state on this target."
                        : "Links on this target: " + String.join(", ", linksOnTarget) + "."));
        ConfigErrors.closest(link, linksOnTarget)
                .ifPresent(s -> err.println("  what to do: did you mean --name " + s + "?"));
        err.flush();
        return Reason.CHECK_FAILED.exitCode();
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
