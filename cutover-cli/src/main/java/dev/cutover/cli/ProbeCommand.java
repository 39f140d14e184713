package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Progress;
import dev.cutover.api.Reason;
import dev.cutover.cli.progress.ProgressOutput;
import dev.cutover.config.ClusterConnection;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Glob;
import dev.cutover.config.InputFiles;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Role;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.probe.matrix.ClientMatrix;
import dev.cutover.probe.matrix.ClientSpec;
import dev.cutover.probe.matrix.MatrixRendering;
import dev.cutover.probe.matrix.MatrixRow;
import dev.cutover.probe.matrix.MatrixTopics;
import dev.cutover.probe.traffic.Probe;
import dev.cutover.probe.traffic.ProbeArea;
import dev.cutover.probe.traffic.ProbeCheck;
import dev.cutover.probe.traffic.ProbeRendering;
import dev.cutover.probe.traffic.ProbeReport;
import dev.cutover.probe.traffic.ProbeRequest;
import dev.cutover.probe.traffic.TopicConfigs;
import dev.cutover.readiness.evidence.Provenance;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description = {
            "Proves the target with traffic shaped like one workload, and its security from where it runs.",
            "Writes one evidence record per area covered (protocol, topics, identity, observability) for readiness.",
            "",
            "Shape: the workload's literal topics in workloads.yaml, their configs on the target (else the",
            "source): cleanup.policy, max.message.bytes, message.timestamp.type, compression.type; the largest",
            "record of the source's tail sample (else the source's max.message.bytes) and the most headers it",
            "saw; a tombstone, a null key (not on compacted topics); the codec of the client config's",
            "compression.type, else all five. Records go to private probe topics __cutover-probe-<workload>-<run>-<i>, created with those",
            "configs, read back, compared byte for byte, and deleted at the end. Nothing is written to the",
            "workload's real topics nor to the source (both are only described).",
            "",
            "Producer: idempotent writes, transactions (aborted invisible to read_committed), retries across a",
            "leader move (needs >1 broker). Consumer: group join, rebalance, manual commit, restart at the",
            "committed offset, auto.offset.reset as the client config sets it.",
            "",
            "Security (with --client-config, the application's own client properties): it authenticates,",
            "holds WRITE/READ/DESCRIBE on its real topics and READ on its groups (authorized operations; their",
            "data is not touched), and a wrong SASL PLAIN/SCRAM password is refused; a TLS client's keystore",
            "certificate is in its validity dates (a warning within 30 days of expiry). With",
            "--rotated-client-config, the new credential logs in with the same permissions, side by side with",
            "the old one; --exercise-rotation changes a SCRAM user's password on the target and back.",
            "",
            "Observability (after the traffic): the target brokers' error, authentication and authorization",
            "metrics through the target profile's jmx: URLs; each literal group's consumer lag on the target;",
            "the replication lag of the workload's topics in the link's stored status (--link).",
            "",
            "Schemas (when both profiles name a schemaRegistry and the source's tail sample holds wire-format",
            "records): per schema id (up to 5 per topic, keys and values apart) one real record is read on the",
            "source, its id turned into the target's (the id map of 'cutover schemas sync', rewritten only where",
            "the link copying the topic has schemaIds: rewrite), produced to a private probe topic and consumed",
            "back; the target registry must answer the id read with the source's schema. Otherwise one line",
            "says why it did not run.",
            "",
            "A check is pass, fail, unknown (the probe could not tell; never counted as a pass) or skipped (not",
            "exercised here, with why). See docs/probe.md for the ACLs the probe needs on the target.",
            "",
            "Client-version matrix (--clients): each kafka-clients version (downloaded from the repository at",
            "first use, SHA-1 checked, cached; or --clients-dir) runs in its own class loader, and kcat when",
            "installed: produce with a header, consume in a fresh group, commit, on a private probe topic;",
            "each client within the target profile's timeout. One check per client, in the protocol evidence."
        },
        footer = {
            "",
            "Exit codes: 0 every check passed (skipped ones say why), 1 a check failed or is unknown,",
            "2 unknown workload, bad file or option, 3 the target is unreachable or refuses cutover's profile."
        })
final class ProbeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.WorkspaceDir workspace;

    @Option(
            names = "--workload",
            required = true,
            paramLabel = "W",
            description = "The workload of workloads.yaml to probe.")
    String workload;

    @Option(
            names = "--cluster",
            defaultValue = "target",
            paramLabel = "NAME",
            description = "The profile of cutover.yaml to probe (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(
            names = "--client-config",
            paramLabel = "FILE",
            description = "The workload's own client properties (its principal, truststore, secret references):"
                    + " enables the security checks. Secrets are never printed.")
    Path clientConfig;

    @Option(
            names = "--rotated-client-config",
            paramLabel = "FILE",
            description = "The same client properties with the NEW credential (a new SCRAM user or password, a new"
                    + " keystore): checks that it logs in with the same permissions and works side by side with the"
                    + " old one. Needs --client-config.")
    Path rotatedClientConfig;

    @Option(
            names = "--exercise-rotation",
            description = "Carries out the rotation on the target: changes the SCRAM user's password to the new one"
                    + " (same user in both files), checks that the new one logs in and the old one is refused, then"
                    + " sets the old one again. Needs ALTER on CLUSTER for cutover's target profile.")
    boolean exerciseRotation;

    @Option(
            names = "--link",
            defaultValue = LinkTopics.DEFAULT_LINK,
            paramLabel = "NAME",
            description = "The link that copies the workload's topics, for their replication lag (default:"
                    + " ${DEFAULT-VALUE}).")
    String link;

    @Mixin
    ProbeClients matrix;

    @Mixin
    Options.MdOrJson output;

    @Mixin
    Options.Progressing progressing;

    @Override
    public Integer call() {
        Workspace ws = workspace.load();
        Workload w = ws.workloads()
                .find(workload)
                .orElseThrow(() -> new CutoverException(
                        Reason.USAGE,
                        "no workload '" + workload + "' in " + ws.dir().resolve(Workspace.WORKLOADS_FILE),
                        "use one of: " + String.join(", ", ws.workloads().names())));
        ConnectionProfile target = ws.profile(cluster);
        Optional<ConnectionProfile> source =
                Optional.ofNullable(ws.config().clusters().get("source"));
        if (cluster.equals("source")
                || source.filter(s -> s.bootstrapServers().equals(target.bootstrapServers()))
                        .isPresent()) {
            throw new CutoverException(
                    Reason.USAGE,
                    "profile '" + cluster + "' is the source: the probe writes probe topics and never writes to the"
                            + " source",
                    "name the target's profile with --cluster");
        }
        if (!LinkConfig.validName(link)) {
            throw new CutoverException(
                    Reason.USAGE,
                    "'" + link + "' is not a link name: 1 to 100 letters, digits, '.', '_' or '-'",
                    "name a link of cutover.yaml with --link");
        }
        List<ClientSpec> clients = matrix.specs(ProbeClients.workloadVersion(ws.dir(), w.name()));
        Optional<ConnectionProfile> client =
                Optional.ofNullable(clientConfig).map(f -> clientProfile("client-config", f, target));
        Optional<ProbeRequest.Rotation> rotation = rotation(target);
        Optional<ClientMatrix.Request> matrixRequest = clients.isEmpty()
                ? Optional.empty()
                : Optional.of(new ClientMatrix.Request(
                        w.name(), clients, target, matrix.jars(target.timeout()), target.timeout(), MATRIX_RECORDS));
        Probed probed;
        try (ProgressOutput progress = progressing.open()) {
            probed = probe(
                    ws,
                    w,
                    target,
                    source,
                    client,
                    rotation,
                    matrixRequest,
                    link,
                    spec.commandLine().getErr(),
                    progress.progress());
        }
        ProbeReport report = probed.report();
        var context = new ProbeRendering.Context(
                probed.provenance().host(),
                probed.provenance().user(),
                probed.evidence(),
                probed.matrix().map(MatrixRendering::markdown).orElse(""),
                probed.matrix().map(MatrixRendering::json).orElse(null));
        var out = spec.commandLine().getOut();
        out.print(
                output.format == OutputFormat.JSON
                        ? ProbeRendering.json(report, context)
                        : ProbeRendering.markdown(report, context));
        out.flush();
        return report.exitCode();
    }

    private static final int MATRIX_RECORDS = 20;

    /** A probe's report, where it ran, the evidence it recorded (paths in the workspace), the matrix's rows. */
    record Probed(ProbeReport report, Provenance provenance, List<String> evidence, Optional<List<MatrixRow>> matrix) {}

    /** A probe without a matrix, a credential rotation, for link {@value LinkTopics#DEFAULT_LINK}. */
    static Probed probe(
            Workspace ws,
            Workload w,
            ConnectionProfile target,
            Optional<ConnectionProfile> source,
            Optional<ConnectionProfile> client,
            java.io.PrintWriter err) {
        return probe(ws, w, target, source, client, Optional.empty(), err);
    }

    /** A probe without a credential rotation, for link {@value LinkTopics#DEFAULT_LINK}. */
    static Probed probe(
            Workspace ws,
            Workload w,
            ConnectionProfile target,
            Optional<ConnectionProfile> source,
            Optional<ConnectionProfile> client,
            Optional<ClientMatrix.Request> matrix,
            java.io.PrintWriter err) {
        return probe(
                ws, w, target, source, client, Optional.empty(), matrix, LinkTopics.DEFAULT_LINK, err, Progress.none());
    }

    /**
     * Probes one workload against the target profile and records its evidence (also the demo's probe step); {@code
     * link} names the link whose stored status shows the replication lag of the workload's topics.
     */
    static Probed probe(
            Workspace ws,
            Workload w,
            ConnectionProfile target,
            Optional<ConnectionProfile> source,
            Optional<ConnectionProfile> client,
            Optional<ProbeRequest.Rotation> rotation,
            Optional<ClientMatrix.Request> matrix,
            String link,
            java.io.PrintWriter err,
            Progress progress) {
        List<String> topics =
                w.topics().stream().filter(t -> !Glob.isGlob(t)).distinct().toList();
        ProbeSample.Sizes sizes = ProbeSample.of(source, topics, err);
        ProbeReport report = new Probe()
                .run(
                        new ProbeRequest(
                                w.name(),
                                topics,
                                w.match().groupIds().stream()
                                        .filter(g -> !Glob.isGlob(g))
                                        .toList(),
                                w.roles().stream().anyMatch(r -> r != Role.CONSUMER && r != Role.ADMIN),
                                w.roles().stream().anyMatch(r -> r != Role.PRODUCER && r != Role.ADMIN)
                                        || !w.match().groupIds().isEmpty(),
                                !w.match().transactionalIds().isEmpty(),
                                sizes.largest(),
                                sizes.traits(),
                                sizes.notes(),
                                target,
                                source,
                                client,
                                link,
                                rotation,
                                ProbeSchemas.plan(ws, target, source, topics, sizes)),
                        progress);
        Optional<List<MatrixRow>> rows = Optional.empty();
        if (matrix.isPresent() && !report.unreachable()) {
            ClientMatrix.Result result = new ClientMatrix()
                    .run(matrix.get().withTopicConfigs(matrixTopicConfigs(target, topics, err)), progress);
            rows = Optional.of(result.rows());
            report = withMatrix(report, result, ProbeClients.workloadVersion(ws.dir(), w.name()));
        }
        Provenance provenance = Provenance.here("cutover probe", Clock.systemUTC());
        List<String> evidence = ProbeEvidence.write(ws, provenance, report, client.isPresent(), err);
        return new Probed(report, provenance, evidence, rows);
    }

    /** The codec the workload's topics make the target store, for the matrix's probe topics (see MatrixTopics). */
    private static Map<String, String> matrixTopicConfigs(
            ConnectionProfile target, List<String> topics, java.io.PrintWriter err) {
        try (ClusterConnection c = ClusterConnection.open(target)) {
            return MatrixTopics.configs(TopicConfigs.describe(c, topics));
        } catch (CutoverException e) {
            err.println("warning: the client matrix's probe topics use the broker's defaults: the workload's topic"
                    + " configs could not be read: " + e.getMessage());
            return Map.of();
        }
    }

    /**
     * The report with one check per client and the matrix's probe topics added. When the workload's own kafka-clients
     * version is known, its row is a protocol check and the other clients' rows are {@link ProbeArea#OTHER_CLIENTS}:
     * shown and recorded, but what another client meets does not decide this workload's protocol evidence. Unknown, every
     * row is a protocol check: the workload could be running any of them.
     */
    static ProbeReport withMatrix(ProbeReport report, ClientMatrix.Result result, Optional<String> ownVersion) {
        List<dev.cutover.probe.traffic.ProbeCheck> checks = new java.util.ArrayList<>(report.checks());
        for (ProbeCheck c : MatrixRendering.checks(result)) {
            boolean row =
                    result.rows().stream().anyMatch(r -> c.name().equals(MatrixRendering.ROW_PREFIX + r.client()));
            boolean own = ownVersion
                    .map(v -> c.name().equals(MatrixRendering.ROW_PREFIX + "kafka-clients " + v))
                    .orElse(true);
            checks.add(
                    row && !own
                            ? new ProbeCheck(
                                    c.name(),
                                    ProbeArea.OTHER_CLIENTS,
                                    c.status(),
                                    c.details() + " (not the workload's own client, kafka-clients "
                                            + ownVersion.orElseThrow() + ")",
                                    c.fix())
                            : c);
        }
        List<String> topics = new java.util.ArrayList<>(report.probeTopics());
        topics.addAll(result.probeTopics());
        return new ProbeReport(
                report.workload(),
                report.targetClusterId(),
                report.clientVersion(),
                report.startedAt(),
                java.time.Duration.between(report.startedAt(), java.time.Instant.now())
                        .toMillis(),
                topics,
                checks,
                report.unreachable());
    }

    /** The rotation of the options, checked against each other. */
    private Optional<ProbeRequest.Rotation> rotation(ConnectionProfile target) {
        if (rotatedClientConfig != null && clientConfig == null) {
            throw new CutoverException(
                    Reason.USAGE,
                    "--rotated-client-config needs --client-config: the old credential to compare with",
                    "pass both files: --client-config OLD --rotated-client-config NEW");
        }
        if (exerciseRotation && rotatedClientConfig == null) {
            throw new CutoverException(
                    Reason.USAGE,
                    "--exercise-rotation needs --rotated-client-config: the new password to rotate to",
                    "pass --client-config OLD --rotated-client-config NEW --exercise-rotation");
        }
        return Optional.ofNullable(rotatedClientConfig)
                .map(f ->
                        new ProbeRequest.Rotation(clientProfile("rotated-client-config", f, target), exerciseRotation));
    }

    /** The application's client properties as a profile: checked by the target's policy, secrets never shown. */
    static ConnectionProfile clientProfile(Path file, ConnectionProfile target) {
        return clientProfile("client-config", file, target);
    }

    private static ConnectionProfile clientProfile(String name, Path file, ConnectionProfile target) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(InputFiles.readText(file)));
        } catch (IOException | IllegalArgumentException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    file + " is not a properties file: " + e.getMessage(),
                    "pass the application's client.properties");
        }
        Map<String, String> map = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        map.putIfAbsent("bootstrap.servers", target.bootstrapServers());
        try {
            return new ConnectionProfile(name, map, List.of(), target.timeout(), target.policy());
        } catch (IllegalArgumentException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID, file + ": " + e.getMessage(), "fix the client properties file");
        }
    }
}
