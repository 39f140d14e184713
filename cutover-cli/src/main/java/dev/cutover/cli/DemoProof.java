package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.AtomicFiles;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Redactor;
import dev.cutover.config.SecretFiles;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.probe.matrix.ClientJars;
import dev.cutover.probe.matrix.ClientMatrix;
import dev.cutover.probe.matrix.ClientSpec;
import dev.cutover.probe.traffic.ProbeArea;
import dev.cutover.probe.traffic.ProbeCheck;
import dev.cutover.probe.traffic.ProbeReport;
import dev.cutover.probe.verify.Counts;
import dev.cutover.probe.verify.VerifyReport;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.sandbox.SecurityMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The demo's proof step, after the link: {@code cutover verify} compares every linked topic record by record through
 * the link's offset map, and {@code cutover probe} proves each workload's kind of traffic on the target. Both record
 * evidence, which the readiness step then reads.
 */
final class DemoProof {
    /**
     * The workload the demo moves: a consumer whose consumer stopped and whose group's position the link step moved;
     * it is probed with its own client properties and the client-version matrix too.
     */
    static final String MOVED = "billing";

    private static final int MATRIX_RECORDS = 20;

    private DemoProof() {}

    /** @param targetCluster the sandbox's target: under SASL/SCRAM, billing's credential is created there */
    static void run(Workspace ws, EmbeddedCluster targetCluster, PrintWriter out) {
        PrintWriter quiet = new PrintWriter(PrintWriter.nullWriter());
        long t0 = System.nanoTime();
        VerifyReport verified;
        try {
            verified = VerifyCommand.verify(
                    ws,
                    LinkTopics.named("default"),
                    Pattern.compile(".*"),
                    Optional.empty(),
                    OptionalInt.empty(),
                    quiet,
                    dev.cutover.api.Progress.none());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(Reason.CLUSTER_UNREACHABLE, "interrupted", "run the demo again", e);
        }
        Counts c = verified.summary();
        out.printf(
                "      verify: %s: %d linked topic(s), %,d record pair(s) compared field by field, %d missing, %d extra,"
                        + " %d differing (%.1f s; evidence per topic)%n",
                verified.verdict().text(),
                verified.topics().size(),
                c.compared(),
                c.missing(),
                c.extra(),
                c.differing(),
                (System.nanoTime() - t0) / 1e9);
        if (verified.reason() != null) {
            out.println("        " + verified.reason());
        }
        verified.topics().stream()
                .filter(t -> !t.passed())
                .forEach(t -> out.println("        " + t.topic() + ": " + t.counts()));

        ConnectionProfile target = ws.profile("target");
        Optional<ConnectionProfile> source = Optional.of(ws.profile("source"));
        for (Workload workload : ws.workloads().workloads()) {
            boolean moved = workload.name().equals(MOVED);
            Optional<ClientMatrix.Request> matrix = moved ? Optional.of(matrix(target)) : Optional.empty();
            Optional<ConnectionProfile> client =
                    moved ? Optional.of(clientConfig(ws, target, targetCluster)) : Optional.empty();
            ProbeCommand.Probed run = ProbeCommand.probe(ws, workload, target, source, client, matrix, quiet);
            ProbeReport probed = run.report();
            List<ProbeCheck> own = probed.checks().stream()
                    .filter(k -> k.area() != ProbeArea.OTHER_CLIENTS)
                    .toList();
            out.printf(
                    "      probe of %s: %d check(s) passed, %d failed, %d unknown, %d skipped (%.1f s%s)%n",
                    workload.name(),
                    count(own, ProbeCheck.Status.PASS),
                    count(own, ProbeCheck.Status.FAIL),
                    count(own, ProbeCheck.Status.UNKNOWN),
                    count(own, ProbeCheck.Status.SKIPPED),
                    probed.durationMs() / 1e3,
                    moved ? "; with its own client properties, and the client-version matrix" : "");
            own.stream()
                    .filter(k -> k.status() == ProbeCheck.Status.FAIL || k.status() == ProbeCheck.Status.UNKNOWN)
                    .forEach(k -> out.println("        " + k.status().word() + ": " + k.name() + ": " + k.details()));
            Optional<String> ownVersion = ProbeClients.workloadVersion(ws.dir(), workload.name());
            run.matrix()
                    .ifPresent(rows -> rows.forEach(row -> {
                        boolean mine = ownVersion
                                .map(v -> row.client().equals("kafka-clients " + v))
                                .orElse(false);
                        out.printf(
                                "        client %s%s: %s (%s, %.1f s)%n",
                                row.client(),
                                mine ? " (" + workload.name() + "'s own)" : "",
                                row.status().word(),
                                row.summary(),
                                row.durationMs() / 1e3);
                        if (!mine && row.status() == ProbeCheck.Status.FAIL) {
                            out.println("          " + row.details());
                        }
                    }));
        }
        out.println("      (probe topics are private to each run and deleted afterwards; evidence per area in "
                + ws.dir().relativize(ws.dir().resolve("evidence")) + "/)");
    }

    private static long count(List<ProbeCheck> checks, ProbeCheck.Status status) {
        return checks.stream().filter(k -> k.status() == status).count();
    }

    /** The default client-version matrix (downloaded at the first demo, cached after). */
    private static ClientMatrix.Request matrix(ConnectionProfile target) {
        ProbeClients clients = new ProbeClients();
        clients.clients = ClientSpec.DEFAULT_LIST;
        clients.repository = ClientJars.MAVEN_CENTRAL;
        return new ClientMatrix.Request(
                MOVED,
                clients.specs(Optional.empty()),
                target,
                clients.jars(target.timeout()),
                target.timeout(),
                MATRIX_RECORDS);
    }

    /**
     * billing's client properties as they will be on the target, written beside its application.yml: what an operator
     * passes to {@code probe --client-config} on the application's host. On a PLAINTEXT sandbox no credential is in
     * it; under SASL/SCRAM ({@code --secure}) the demo does what the operator must (passwords cannot be copied from
     * the source): it creates billing's SCRAM credential on the target, with a fresh password kept in {@code
     * .secrets/} and referenced, never written into the properties file.
     */
    private static ConnectionProfile clientConfig(Workspace ws, ConnectionProfile target, EmbeddedCluster cluster) {
        Path file = ws.dir().resolve("apps/billing/target-client.properties");
        StringBuilder text = new StringBuilder()
                .append("# billing's Kafka client properties on the target, for `cutover probe --client-config`\n")
                .append("bootstrap.servers=")
                .append(target.bootstrapServers())
                .append('\n');
        if (cluster.security() == SecurityMode.SASL_SCRAM) {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            String password = HexFormat.of().formatHex(bytes);
            Redactor.remember(password);
            cluster.createUser(MOVED, password);
            SecretFiles.write(ws.dir(), "billing-on-target", Map.of("password", password));
            Path secret = ws.dir()
                    .toAbsolutePath()
                    .normalize()
                    .resolve(SecretFiles.SECRETS_DIR)
                    .resolve("billing-on-target.properties");
            text.append("security.protocol=")
                    .append(target.properties().get("security.protocol"))
                    .append('\n')
                    .append("sasl.mechanism=")
                    .append(target.properties().get("sasl.mechanism"))
                    .append('\n')
                    .append("sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                            + " username=\"" + MOVED + "\" password=\"${file:")
                    .append(secret)
                    .append(":password}\";\n");
        } else {
            text.append("security.protocol=PLAINTEXT\n");
        }
        text.append("client.id=billing-consumer\n")
                .append("group.id=billing\n")
                .append("isolation.level=read_committed\n")
                .append("auto.offset.reset=earliest\n");
        AtomicFiles.write(file, text.toString());
        return ProbeCommand.clientProfile(file, target);
    }
}
