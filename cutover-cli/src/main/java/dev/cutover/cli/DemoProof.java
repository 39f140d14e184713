package dev.cutover.cli;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.link.state.LinkTopics;
import dev.cutover.probe.matrix.ClientJars;
import dev.cutover.probe.matrix.ClientMatrix;
import dev.cutover.probe.matrix.ClientSpec;
import dev.cutover.probe.traffic.ProbeCheck;
import dev.cutover.probe.traffic.ProbeReport;
import dev.cutover.probe.verify.Counts;
import dev.cutover.probe.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The demo's proof step, after the link: {@code cutover verify} compares every linked topic record by record through
 * the link's offset map, and {@code cutover probe} proves one workload's kind of traffic on the target. Both record
 * evidence, which the readiness step then reads.
 */
final class DemoProof {
    /** The workload the demo probes: a consumer whose offsets the link step moved. */
    static final String PROBED = "audit-archiver";

    private static final int MATRIX_RECORDS = 20;

    private DemoProof() {}

    static void run(Workspace ws, PrintWriter out) {
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
                    quiet);
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

        Workload workload = ws.workloads()
                .find(PROBED)
                .orElseThrow(() -> new IllegalStateException("the demo's workloads.yaml has no " + PROBED));
        ConnectionProfile target = ws.profile("target");
        // The client-version matrix too, with the default clients (downloaded from Maven Central at the first demo,
        // cached after): a client that cannot be fetched or run fails its own row, not the demo.
        ProbeClients clients = new ProbeClients();
        clients.clients = ClientSpec.DEFAULT_LIST;
        clients.repository = ClientJars.MAVEN_CENTRAL;
        ClientMatrix.Request matrix = new ClientMatrix.Request(
                PROBED,
                clients.specs(Optional.empty()),
                target,
                clients.jars(target.timeout()),
                target.timeout(),
                MATRIX_RECORDS);
        ProbeCommand.Probed run = ProbeCommand.probe(
                ws, workload, target, Optional.of(ws.profile("source")), Optional.empty(), Optional.of(matrix), quiet);
        ProbeReport probed = run.report();
        out.printf(
                "      probe of %s on the target (private probe topics, deleted afterwards): %d check(s) passed,"
                        + " %d failed, %d unknown, %d skipped (%.1f s, the client-version matrix included; evidence for protocol and topics)%n",
                PROBED,
                probed.count(ProbeCheck.Status.PASS),
                probed.count(ProbeCheck.Status.FAIL),
                probed.count(ProbeCheck.Status.UNKNOWN),
                probed.count(ProbeCheck.Status.SKIPPED),
                probed.durationMs() / 1e3);
        List<ProbeCheck> notPassed = probed.checks().stream()
                .filter(k -> k.status() == ProbeCheck.Status.FAIL || k.status() == ProbeCheck.Status.UNKNOWN)
                .toList();
        notPassed.forEach(k -> out.println("        " + k.status().word() + ": " + k.name() + ": " + k.details()));
        run.matrix()
                .ifPresent(rows -> rows.forEach(row -> out.printf(
                        "        client %s: %s (%s, %.1f s)%n",
                        row.client(), row.status().word(), row.summary(), row.durationMs() / 1e3)));
    }
}
