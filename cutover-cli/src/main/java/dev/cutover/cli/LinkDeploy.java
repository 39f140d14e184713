package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Workspace;
import dev.cutover.link.deploy.ConnectClient;
import dev.cutover.link.deploy.ConnectUrl;
import dev.cutover.link.deploy.ConnectorPlan;
import dev.cutover.link.deploy.LinkDeployment;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code link deploy}: the link as a Kafka Connect connector, through the workers' REST API. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a link as a Kafka Connect source connector instead of 'link start': builds the connector's",
            "configuration from the workspace (the link's settings in cutover.yaml, the source and target",
            "profiles' client properties, --tasks), creates or updates the connector through the REST API of",
            "the workers at --connect, and waits until it and all its tasks run (up to --timeout). It is the same",
            "link, exactly once, with its state and offset map on the target: 'link status --name NAME' follows",
            "it and 'offsets' uses its map. One instance runs a link at a time: do not also 'link start' it.",
            "",
            "Before anything is submitted it checks that the workers work against the workspace's target cluster",
            "(the Kafka cluster id they report; the connector writes where its workers write), that they have",
            "the cutover connector plugin, that no other connector runs this link, and that Connect finds the",
            "configuration valid (every worker needs exactly.once.source.support=enabled).",
            "",
            "Secrets: anyone who may read the workers' REST API sees a connector's configuration, so profile",
            "properties go in as cutover.yaml writes them: a $${file:...}, $${env:...} or $${directory:...}",
            "reference stays a reference, which the workers resolve with config providers of the same names",
            "(their own config.providers); a referenced file must exist on every worker at the same absolute",
            "path. A secret written inline in a profile is refused (exit 2), naming the profile and the key.",
            "",
            "--dry-run prints the configuration, secrets redacted, and what the workers need, and submits",
            "nothing (--connect is then optional). --delete deletes the link's connector once checked that it is",
            "this link's; the link's state and offset map on the target stay, so a later deploy resumes where",
            "it stopped, and so does 'link start' once the tasks' lease has expired. How to install the plugin,",
            "worker settings, ACLs and a Strimzi example: docs/connect-deploy.md (how the connector works and",
            "what it guarantees: docs/scale.md)."
        },
        footer = {
            "",
            "Exit codes: 0 the connector runs, was deleted, or --dry-run shown, 1 it failed, stayed paused or",
            "            did not run within --timeout, --delete found no such connector, or the workers kept",
            "            rebalancing, 2 usage or config error (an inline secret, workers of another Kafka",
            "            cluster, the plugin missing, a configuration Connect refuses), 3 the target or the",
            "            Connect workers unreachable or denied."
        })
final class LinkDeploy implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Mixin
    Options.LinkName name;

    @Option(
            names = "--connect",
            paramLabel = "URL",
            description = "REST URL of any worker of the Kafka Connect cluster, e.g. http://connect-1:8083 (user"
                    + " info in it is sent as basic authentication, never shown). Required, except with --dry-run.")
    String connect;

    @Option(
            names = "--connector",
            paramLabel = "NAME",
            description = "The connector's name in Connect (default: cutover-link-<link>).")
    String connector;

    @Option(
            names = "--tasks",
            paramLabel = "N",
            defaultValue = "1",
            description = "The connector's tasks.max (default: ${DEFAULT-VALUE}: one task copies every partition).")
    int tasks;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = OffsetsCommand.DurationConverter.class,
            description = "How long to wait for the connector and its tasks to run, or for a deleted connector to"
                    + " be gone (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--dry-run",
            description = "Print the connector's configuration (secrets redacted); submit nothing.")
    boolean dryRun;

    @Option(
            names = "--delete",
            description = "Delete the link's connector (its state and offset map on the target stay).")
    boolean delete;

    @Mixin
    Options.MdOrJson output;

    @Override
    public Integer call() {
        if (dryRun && delete) {
            throw usage("--dry-run and --delete do not go together: --dry-run shows what a deploy would submit");
        }
        Optional<ConnectUrl> url = Optional.ofNullable(connect).map(ConnectUrl::parse);
        if (url.isEmpty() && !dryRun) {
            throw usage("--connect URL is required (the REST URL of a Kafka Connect worker), except with --dry-run");
        }
        Workspace ws = workspace.load();
        LinkConfig link = name.resolve(ws);
        String connectorName = connector != null ? connector : ConnectorPlan.defaultName(link.name());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LinkDeployRendering rendering = new LinkDeployRendering(output.format, ws.dir());
        if (delete) {
            LinkDeployment.Result r =
                    deployment(ws, url.get()).delete(connectorName, link.name(), line -> progress(err, line));
            out.print(rendering.result(r, url.get(), Optional.empty()));
            out.flush();
            return r.succeeded() ? Reason.EXIT_OK : Reason.CHECK_FAILED.exitCode();
        }
        dev.cutover.link.schemas.SchemaIdPolicy.of(link, ws.profile("source"), ws.profile("target"), ws.dir())
                .ifPresent(policy -> {
                    throw new dev.cutover.api.CutoverException(
                            Reason.USAGE,
                            "link '" + link.name() + "' checks schema ids (schemaIds: "
                                    + policy.mode().yaml()
                                    + ", the default when both profiles name a schemaRegistry), which the link does"
                                    + " only in-process: on Kafka Connect records would be copied unchecked",
                            "run it with 'cutover link start', or set schemaIds: off on the link in cutover.yaml to"
                                    + " copy schema ids as they are");
                });
        ConnectorPlan plan = ConnectorPlan.of(connectorName, link, ws.profile("source"), ws.profile("target"), tasks);
        if (dryRun) {
            out.print(rendering.dryRun(plan, url));
            out.flush();
            return Reason.EXIT_OK;
        }
        LinkDeployment.Result r = deployment(ws, url.get()).deploy(plan, line -> progress(err, line));
        out.print(rendering.result(r, url.get(), Optional.of(plan)));
        out.flush();
        return r.succeeded() ? Reason.EXIT_OK : Reason.CHECK_FAILED.exitCode();
    }

    private LinkDeployment deployment(Workspace ws, ConnectUrl url) {
        return new LinkDeployment(
                new ConnectClient(url, timeout), () -> ClusterConnection.check(ws.profile("target")), timeout);
    }

    private static void progress(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    private static CutoverException usage(String message) {
        return new CutoverException(Reason.USAGE, message, null);
    }
}
